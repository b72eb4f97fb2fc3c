"""The feedback file a mentor sends back: plain TOML, readable and hand-editable, never the bundle itself.

A file (``feedback-<mentor>-<date>.toml``, or the same inside a ``.zip`` with endorsement credentials
beside it) holds a list of feedback items, each with a stable id so importing it twice adds nothing
twice.
"""

from __future__ import annotations

import io
import json
import tomllib
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomlkit

from plfolio.model import FEEDBACK_KINDS, FEEDBACK_ROLES, slugify

FORMAT = "plfolio-feedback/1"
TOML_NAME = "feedback.toml"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ZIP_ENTRIES = 200


class FeedbackFileError(ValueError):
    """A feedback file that cannot be read; says which file and what is wrong."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)


@dataclass
class FeedbackItem:
    id: str
    about: str
    kind: str
    date: date
    body: str
    title: str = ""
    in_reply_to: str = ""  # the id of the item this answers


@dataclass
class FeedbackFile:
    author: str
    role: str = "mentor"
    created: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    portfolio_owner: str = ""
    items: list[FeedbackItem] = field(default_factory=list)
    endorsements: dict[str, dict[str, Any]] = field(default_factory=dict)  # file name -> credential

    def add(self, about: str, kind: str, body: str, title: str = "", on: date | None = None,
            in_reply_to: str = "") -> FeedbackItem:
        item = FeedbackItem(id=f"urn:uuid:{uuid.uuid4()}", about=about, kind=kind,
                            date=on or self.created.date(), body=body, title=title,
                            in_reply_to=in_reply_to)
        self.items.append(item)
        return item

    def file_name(self, suffix: str = ".toml") -> str:
        return f"feedback-{slugify(self.author)}-{self.created.date().isoformat()}{suffix}"


def dumps(feedback: FeedbackFile) -> str:
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Feedback on a PLfolio portfolio. Send this file back to the teacher."))
    doc.add("format", FORMAT)
    doc.add("author", feedback.author)
    doc.add("role", feedback.role)
    doc.add("created", feedback.created)
    doc.add("portfolio_owner", feedback.portfolio_owner)
    items = tomlkit.aot()
    for item in feedback.items:
        table = tomlkit.table()
        for key in ("id", "about", "kind", "date", "title", "in_reply_to"):
            value = getattr(item, key)
            if value != "":
                table.add(key, value)
        table.add("body", tomlkit.string(item.body, multiline=True) if "\n" in item.body else item.body)
        items.append(table)
    doc.add("feedback", items)
    return tomlkit.dumps(doc)


def to_zip(feedback: FeedbackFile) -> bytes:
    """The feedback plus its endorsement credentials, in one file to send."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(TOML_NAME, dumps(feedback))
        for name, credential in sorted(feedback.endorsements.items()):
            archive.writestr(f"endorsements/{name}", json.dumps(credential, indent=2, sort_keys=True))
    return buffer.getvalue()


def loads(text: str, source: Path | str = TOML_NAME) -> FeedbackFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FeedbackFileError(source, f"is not valid TOML: {err}") from None
    if data.get("format") != FORMAT:
        raise FeedbackFileError(source, f"is not a PLfolio feedback file (format {FORMAT!r} expected)")
    author = str(data.get("author", "")).strip()
    if not author:
        raise FeedbackFileError(source, "names no author")
    role = data.get("role", "mentor")
    created = data.get("created") or datetime.now()
    items = []
    for i, raw in enumerate(data.get("feedback", []), 1):
        kind = raw.get("kind", "suggestion")
        if kind not in FEEDBACK_KINDS or not raw.get("id") or not raw.get("about"):
            raise FeedbackFileError(source, f"feedback item {i} needs an id, an about and a kind "
                                            f"({', '.join(FEEDBACK_KINDS)})")
        day = raw.get("date") or created
        items.append(FeedbackItem(id=str(raw["id"]), about=str(raw["about"]), kind=kind,
                                  date=day if type(day) is date else day.date(),
                                  body=str(raw.get("body", "")), title=str(raw.get("title", "")),
                                  in_reply_to=str(raw.get("in_reply_to", ""))))
    return FeedbackFile(author=author, role=role if role in FEEDBACK_ROLES else "other",
                        created=created if isinstance(created, datetime) else datetime.combine(
                            created, datetime.min.time()),
                        portfolio_owner=str(data.get("portfolio_owner", "")), items=items)


def read(path: Path) -> FeedbackFile:
    """A feedback file from ``.toml`` or ``.zip`` (with its endorsements)."""
    if path.stat().st_size > MAX_FILE_BYTES * 4:
        raise FeedbackFileError(path, "is too large to be a feedback file")
    if not zipfile.is_zipfile(path):
        try:
            return loads(path.read_bytes().decode("utf-8-sig"), path)
        except UnicodeDecodeError:
            raise FeedbackFileError(path, "is not UTF-8 text or a zip file") from None
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise FeedbackFileError(path, "has too many files")
        names = {i.filename: i for i in infos}
        if TOML_NAME not in names:
            raise FeedbackFileError(path, f"has no {TOML_NAME}")
        feedback = loads(_read_member(archive, names[TOML_NAME], path).decode("utf-8-sig"), path)
        for name, info in sorted(names.items()):
            if name.startswith("endorsements/") and name.endswith(".json") and name.count("/") == 1:
                try:
                    feedback.endorsements[name.split("/", 1)[1]] = json.loads(
                        _read_member(archive, info, path))
                except ValueError:
                    raise FeedbackFileError(path, f"{name} is not valid JSON") from None
    return feedback


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """Read at most MAX_FILE_BYTES real bytes, whatever the header claims (zip bombs)."""
    with archive.open(info) as member:
        data = member.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FeedbackFileError(path, f"{info.filename} is too large")
    return data

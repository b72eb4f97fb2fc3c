"""What gets indexed: one document per entry (plus the SNIC profile), with its attachments' text.

Each document carries a *stamp* of the files it came from (path, mtime, size), so the index can tell
which entries changed on disk without reading them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from plfolio.model import SNIC_SECTIONS, Entry, Profile, entry_school_year

log = logging.getLogger(__name__)
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".csv"}
MAX_ATTACHMENT_CHARS = 100_000
MAX_PDF_PAGES = 40


@dataclass
class Document:
    id: str  # kind/slug
    kind: str
    title: str
    content: str
    year: str = ""
    standards: str = ""  # comma-separated
    goals: str = ""
    tags: str = ""
    visibility: str = "mentor"
    date: str = ""
    path: str = ""

    def fields(self, stamp: str) -> dict[str, str]:
        return {**self.__dict__, "stamp": stamp}


def attachment_text(path: Path) -> str:
    """Searchable text of an attached file: plain text read directly, PDFs through pypdf."""
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return path.read_bytes()[: MAX_ATTACHMENT_CHARS * 4].decode("utf-8", "replace")[:MAX_ATTACHMENT_CHARS]
        if suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(str(path))
            parts = [(page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES]]
            return "\n".join(parts)[:MAX_ATTACHMENT_CHARS]
    except Exception as err:  # a damaged attachment must not stop indexing the rest
        log.warning("could not read %s for search: %s", path, err)
    return ""


def entry_files(root: Path, entry: Entry) -> list[str]:
    """The entry's own file plus its attachments, relative paths."""
    names = list(getattr(entry, "attachments", []))
    if getattr(entry, "certificate", ""):
        names.append(entry.certificate)  # type: ignore[attr-defined]
    files = [entry.path]
    if entry.folder:
        files += [f"{entry.folder}/{n}" for n in names if "/" not in n and (root / entry.folder / n).is_file()]
    return files


def entry_document(root: Path, entry: Entry, year_start: str) -> Document:
    attached = "\n".join(attachment_text(root / rel) for rel in entry_files(root, entry)[1:])
    extra = [getattr(entry, k, "") for k in ("prompt", "barriers", "readiness", "provider", "author",
                                             "description", "note", "url")]
    for key in ("measures", "resources"):
        extra += getattr(entry, key, [])
    extra += [s.text for s in getattr(entry, "action_steps", [])]
    extra += [f"{e.title} {e.description}" for e in getattr(entry, "elements", [])]
    extra += [r.note for r in getattr(entry, "ratings", [])]
    day = getattr(entry, "date", None)
    return Document(
        id=entry.ref, kind=entry.collection, title=getattr(entry, "title", "") or entry.slug,
        content="\n".join([entry.body, *[x for x in extra if x], " ".join(getattr(entry, "tags", [])),
                             attached]),
        year=entry_school_year(entry, year_start),
        standards=",".join(getattr(entry, "standards", [])),
        goals=",".join(getattr(entry, "goals", []) + ([entry.slug] if entry.collection == "goals" else [])),
        tags=",".join(getattr(entry, "tags", [])), visibility=getattr(entry, "visibility", "mentor"),
        date=day.isoformat() if day else "", path=entry.path)


def profile_document(profile: Profile) -> Document:
    lines = [f"{section}: {item.text}" for section in SNIC_SECTIONS for item in getattr(profile, section)]
    refs = [ref for section in SNIC_SECTIONS for item in getattr(profile, section) for ref in item.standards]
    return Document(id="profile/profile", kind="profile", title="SNIC profile",
                    content="\n".join(lines + profile.learning_preferences),
                    standards=",".join(sorted(set(refs))), visibility=profile.visibility,
                    path="profile.toml")

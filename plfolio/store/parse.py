"""Turning one file's bytes into data plus Problems that point at a line the teacher can find."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from plfolio.model import Problem
from plfolio.store.convert import Issue, from_data
from plfolio.store.text import FrontMatter, FrontMatterError, TextFile, decode, line_of_offset, \
    split_front_matter

TOML_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")
KEY_PART = re.compile(r"^(\w+)(?:\[(\d+)\])?$")


@dataclass
class KeyLocator:
    """Finds the line of a key (``action_steps[2].due``) in a file's TOML, for messages."""

    toml: str
    first_line: int  # file line number of the TOML text's first line

    def line(self, key: str) -> int | None:
        offset = 0
        parts = key.split(".")
        for depth, part in enumerate(parts):
            m = KEY_PART.match(part)
            if not m:
                return None
            name, index = m.group(1), m.group(2)
            last = depth == len(parts) - 1
            if index is not None:
                headers = list(re.finditer(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]", self.toml[offset:],
                                           re.MULTILINE))
                if len(headers) < int(index):
                    return None
                offset += headers[int(index) - 1].end()
                if last:
                    return self._line_at(offset)
            else:
                found = re.search(rf"^[ \t]*(\[\s*)?\"?{re.escape(name)}\"?\s*[=\]]", self.toml[offset:],
                                  re.MULTILINE)
                if not found:
                    return None
                offset += found.start()
                if last:
                    return self._line_at(offset)
        return None

    def _line_at(self, offset: int) -> int:
        return self.first_line + line_of_offset(self.toml, offset) - 1


@dataclass
class ParsedFile:
    text: TextFile | None
    data: dict[str, Any] | None
    front_matter: FrontMatter | None
    locator: KeyLocator | None
    problems: list[Problem]


def parse_bytes(raw: bytes, rel: str, markdown: bool) -> ParsedFile:
    """Decode and parse a TOML file or a Markdown file with TOML front matter; never raises."""
    try:
        text = decode(raw)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return ParsedFile(None, None, None, None, [Problem(
            rel, f"is not valid UTF-8 (byte {err.start})",
            "Open it in your editor and save it with UTF-8 encoding.", line)])
    fm = None
    toml_text, first_line = text.text, 1
    if markdown:
        try:
            fm = split_front_matter(text.text)
        except FrontMatterError as err:
            return ParsedFile(text, None, None, None, [Problem(
                rel, str(err), "Put the entry's keys between two lines that contain only +++.",
                err.line)])
        toml_text, first_line = fm.toml, fm.toml_line
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as err:
        m = TOML_ERROR_LINE.search(str(err))
        line = first_line + int(m.group(1)) - 1 if m else None
        message = TOML_ERROR_LINE.sub("", str(err)).strip()
        return ParsedFile(text, None, fm, None, [Problem(
            rel, f"is not valid TOML: {message}",
            "Check quotes, commas and brackets on that line.", line)])
    return ParsedFile(text, data, fm, KeyLocator(toml_text, first_line), [])


def decode_model(cls: type, parsed: ParsedFile, rel: str) -> tuple[Any, list[Problem]]:
    """The model object for parsed data, with a located Problem for each unusable key."""
    issues: list[Issue] = []
    assert parsed.data is not None
    obj = from_data(cls, parsed.data, issues)
    return obj, [issue_problem(rel, issue, parsed.locator) for issue in issues]


def issue_problem(rel: str, issue: Issue, locator: KeyLocator | None) -> Problem:
    line = locator.line(issue.key) if locator else None
    return Problem(rel, f"{issue.key}: {issue.message}" if "." in issue.key or "[" in issue.key
                   else issue.message, issue.hint, line)

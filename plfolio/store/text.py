"""Reading files as the teacher wrote them: UTF-8 (BOM kept), CRLF kept, front matter split losslessly."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

BOM = "\ufeff"
FENCE_RE = re.compile(r"^\+\+\+[ \t]*(\r?\n|$)", re.MULTILINE)


@dataclass
class TextFile:
    """A decoded file plus what is needed to write it back the same way."""

    text: str  # without the BOM
    bom: bool
    digest: str  # sha256 of the raw bytes: the version an edit starts from

    @property
    def crlf(self) -> bool:
        return uses_crlf(self.text)

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")


def uses_crlf(text: str) -> bool:
    """Whether new lines written into ``text`` should end in CRLF: judged by its first line ending."""
    first = text.find("\n")
    return first > 0 and text[first - 1] == "\r"


def with_newlines(text: str, crlf: bool) -> str:
    return re.sub(r"(?<!\r)\n", "\r\n", text) if crlf else text


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode(raw: bytes) -> TextFile:
    """Decode strict UTF-8; raises UnicodeDecodeError (its ``start`` locates the bad byte)."""
    text = raw.decode("utf-8")
    bom = text.startswith(BOM)
    return TextFile(text=text[1:] if bom else text, bom=bom, digest=digest_of(raw))


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass
class FrontMatter:
    """``+++`` TOML ``+++`` then a Markdown body; ``head + toml + fence + body == text``."""

    head: str  # the opening fence line
    toml: str
    fence: str  # the closing fence line
    body: str
    toml_line: int  # 1-based line where the TOML starts

    def join(self, toml: str | None = None, body: str | None = None) -> str:
        return self.head + (self.toml if toml is None else toml) + self.fence + (
            self.body if body is None else body)


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def split_front_matter(text: str) -> FrontMatter:
    opening = FENCE_RE.match(text)
    if not opening:
        raise FrontMatterError("the file must start with a line '+++' (TOML front matter)", 1)
    closing = FENCE_RE.search(text, opening.end())
    if not closing:
        raise FrontMatterError("the front matter has no closing '+++' line", 1)
    return FrontMatter(
        head=text[: opening.end()],
        toml=text[opening.end(): closing.start()],
        fence=text[closing.start(): closing.end()],
        body=text[closing.end():],
        toml_line=2,
    )


def join_front_matter(toml: str, body: str, newline: str = "\n") -> str:
    """A new Markdown entry file."""
    if toml and not toml.endswith("\n"):
        toml += newline
    return f"+++{newline}{toml}+++{newline}{body}"

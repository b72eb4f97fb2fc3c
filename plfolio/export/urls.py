"""What an export may point at: its own files, and the teacher's own links to the web. Nothing else.

An exported site must work offline from ``file://`` and a PDF must be made without touching the
network. Markdown bodies can still hold ``![](https://...)`` (a remote image the browser, or
weasyprint, would fetch), ``![](photo.png)`` (a file beside the entry, which lives somewhere else
in the export) or a ``url`` field that is not a web address at all (``javascript:...``). This
module turns each of those into something safe and working:

- a remote image becomes a plain link to it (the reader can choose to follow it; nothing loads);
- a relative reference to one of the entry's own attachments points at the exported copy;
- any other relative reference (a file the export does not include) loses its link, keeping its text;
- only http(s) and mailto URLs are ever followed links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from plfolio.model import Entry
from plfolio.render import markdown_html

LINK_SCHEMES = ("http", "https", "mailto")
REL = "noopener noreferrer"
# nh3 serializes every attribute as name="value" (value may contain ">" but never a raw '"').
_TAG = re.compile(r'<(img|a)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*/?>')
_ATTR = re.compile(r'([\w:-]+)(?:="([^"]*)")?')

Resolve = Callable[[str], "str | None"]


def external_link(url: str) -> str:
    """``url`` when it is a web or mail address a reader may follow, else "" (never a script)."""
    url = (url or "").strip()
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    return url if scheme in LINK_SCHEMES and len(url) > len(scheme) + 1 else ""


def entry_files(entry: Entry) -> list[str]:
    """The file names an entry carries beside its index.md (attachments, a certificate)."""
    names = list(getattr(entry, "attachments", []) or [])
    certificate = getattr(entry, "certificate", "")
    return names + ([certificate] if certificate else [])


def attachment_resolver(entry: Entry | None, to_url: Callable[[Entry, str], str]) -> Resolve:
    """Map a relative reference in ``entry``'s body to the exported copy of one of its files."""
    names = set(entry_files(entry)) if entry is not None and entry.folder else set()

    def resolve(ref: str) -> str | None:
        parts = urlsplit(ref)
        name = unquote(parts.path)
        while name.startswith("./"):
            name = name[2:]
        if entry is None or name not in names:
            return None
        return to_url(entry, name) + (f"#{parts.fragment}" if parts.fragment else "")

    return resolve


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) or "") for m in _ATTR.finditer(text)}


def _tag(name: str, attrs: dict[str, str]) -> str:
    return f"<{name}" + "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">"


def localize(fragment: str, resolve: Resolve = lambda ref: None) -> Markup:
    """Rewrite the links and images of sanitized HTML so nothing loads from outside the export."""

    def rewrite(match: re.Match[str]) -> str:
        name, attrs = match.group(1), _attrs(match.group(2))
        key = "src" if name == "img" else "href"
        ref = attrs.get(key, "")
        if not ref or (name == "a" and ref.startswith("#")):
            return match.group(0)
        if urlsplit(ref).scheme:
            web = external_link(ref)
            if name == "img":  # never load it; offer it as a link instead
                label = html.escape(attrs.get("alt") or ref)
                return f'<a href="{html.escape(web, quote=True)}" rel="{REL}">{label}</a>' if web else label
            if web:
                return match.group(0)
            attrs.pop("href")
            return _tag("a", attrs)
        local = resolve(ref)
        if local is not None:
            attrs[key] = local
            return _tag(name, attrs)
        if name == "img":
            return html.escape(attrs.get("alt", ""))
        attrs.pop("href")
        return _tag("a", attrs)

    return Markup(_TAG.sub(rewrite, str(fragment)))


@jinja2.pass_context
def markdown_filter(context: jinja2.runtime.Context, text: str, entry: Entry | None = None) -> Markup:
    """The themes' ``markdown`` filter: ``{{ e.body | markdown(e) }}`` links e's own files.

    The page supplies ``attachment(entry, name)`` (a relative URL in the site, a file URL in the PDF).
    Without an entry, relative references simply lose their links.
    """
    to_url = context.get("attachment")
    resolve = attachment_resolver(entry, to_url) if callable(to_url) else (lambda ref: None)
    return localize(markdown_html(text), resolve)


def install(env: jinja2.Environment) -> None:
    """Give a theme environment the export-safe ``markdown`` and the ``external_link`` filters."""
    env.filters["markdown"] = markdown_filter
    env.filters["external_link"] = external_link


class LocalFilesOnly:
    """A weasyprint URL fetcher that reads only the files it was given; the network is never used.

    Anything else (a remote image in a teacher's theme or text, a file outside the export) is
    refused, and weasyprint leaves it out with a warning instead of fetching it.
    """

    def __init__(self, allowed: Iterable[Path]) -> None:
        from weasyprint.urls import URLFetcher

        self._allowed = {p.resolve() for p in allowed}
        self._fetcher = URLFetcher(allowed_protocols={"file"}, allow_redirects=False)
        self._fail_on_errors = False  # read by weasyprint.urls.fetch

    def __call__(self, url: str) -> Any:
        parts = urlsplit(url)
        if parts.scheme != "file" or Path(unquote(parts.path)).resolve() not in self._allowed:
            raise ValueError(f"not part of the export: {url}")
        return self._fetcher.fetch(url)

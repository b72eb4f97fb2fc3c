"""One Jinja2 environment factory and safe Markdown, shared by the web app and the exports.

Markdown is rendered with raw HTML off and then sanitized with nh3, so a pasted ``<script>`` or a
``javascript:`` link in a teacher's (or an imported mentor's) text never runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from plfolio.model import CYCLE_STAGE_LABELS

_markdown = MarkdownIt("js-default", {"linkify": False}).enable("table").enable("strikethrough")
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def markdown_html(text: str) -> Markup:
    """Markdown to sanitized HTML (raw HTML off, then nh3)."""
    html = _markdown.render(text or "")
    return Markup(nh3.clean(html, url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer"))


def format_date(value: date | datetime | None, style: str = "medium") -> str:
    if value is None:
        return ""
    if style == "iso":
        return value.isoformat()
    if style == "short":
        return f"{value:%b} {value.day}"
    return f"{value:%b} {value.day}, {value.year}"


def format_hours(value: float) -> str:
    """1.0 -> "1", 2.5 -> "2.5": hours read the way people write them."""
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"


def stage_label(stage: str) -> str:
    return CYCLE_STAGE_LABELS.get(stage, stage.replace("-", " ").capitalize())


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


WORDS = {"pln": "PLN", "blog-social": "Blog / social"}


def humanize(value: str) -> str:
    """A vocabulary value as people write it: "lesson-plan" -> "Lesson plan", "pln" -> "PLN"."""
    return WORDS.get(value) or value.replace("-", " ").replace("_", " ").capitalize()


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def is_image(name: str) -> bool:
    """Raster images are shown inline; anything else (SVG included) is offered as a download."""
    return name.lower().endswith(IMAGE_SUFFIXES)


FILTERS = {
    "markdown": markdown_html,
    "date": format_date,
    "hours": format_hours,
    "stage": stage_label,
    "plural": plural,
    "humanize": humanize,
}


def make_environment(search_dirs: Iterable[Path], prefixes: Mapping[str, Iterable[Path]] | None = None,
                     globals: Mapping[str, Any] | None = None) -> jinja2.Environment:
    """An autoescaping environment over ``search_dirs`` (first match wins).

    ``prefixes`` name further template sets, e.g. ``{"default": [...]}`` so that a template that
    replaces a built-in one can still ``{% extends "default:base.html" %}``.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in search_dirs])]
    if prefixes:
        loaders.append(jinja2.PrefixLoader(
            {name: jinja2.FileSystemLoader([str(d) for d in dirs]) for name, dirs in prefixes.items()},
            delimiter=":"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.tests["contains"] = lambda seq, item: item in seq
    env.tests["is_image"] = is_image
    env.globals.update(globals or {}, stage_labels=CYCLE_STAGE_LABELS)
    return env

"""Export themes: ``themes/<name>/`` templates and CSS, overridable from the portfolio's own themes/.

Lookup order for a template or asset: the portfolio's ``themes/<name>/``, the built-in
``themes/<name>/``, then the built-in ``themes/default/``. A portfolio template can extend the one it
replaces with ``{% extends "default:base.html" %}``; a built-in theme extends the default theme's
with ``base:``. Template errors name the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from plfolio.export.urls import install
from plfolio.render import make_environment

BUILTIN_THEMES = Path(__file__).resolve().parents[2] / "themes"
DEFAULT_THEME = "default"


class ExportError(Exception):
    """An export that cannot be made; the message says which file and what to do."""


def by_date(entries: Iterable[Any], reverse: bool = False) -> list[Any]:
    """Entries in date order (then by slug), for themes: an entry whose date is missing (a Problem
    the teacher will fix) sorts first instead of breaking the whole export."""
    return sorted(entries, key=lambda e: (getattr(e, "date", None) or date.min, e.slug), reverse=reverse)


def builtin_themes() -> list[str]:
    return sorted(p.name for p in BUILTIN_THEMES.iterdir() if p.is_dir()) if BUILTIN_THEMES.is_dir() else []


class Theme:
    def __init__(self, name: str, portfolio_root: Path | None = None) -> None:
        own = portfolio_root / "themes" / name if portfolio_root else None
        builtin = BUILTIN_THEMES / name
        if not builtin.is_dir() and not (own and own.is_dir()):
            known = ", ".join(builtin_themes())
            raise ExportError(f"no theme named {name!r} (built-in themes: {known}; or add themes/{name}/ "
                              "to your portfolio)")
        self.name = name
        base = BUILTIN_THEMES / DEFAULT_THEME
        self.dirs = [d for d in (own, builtin, base) if d and d.is_dir()]
        builtin_dirs = [d for d in (builtin, base) if d.is_dir()]
        # "default:" is the built-in version of this theme (for a teacher's override to extend);
        # "base:" is the default theme (for another built-in theme to extend)
        self.env = make_environment(self.dirs, {"default": builtin_dirs, "base": [base]})
        install(self.env)  # export-safe markdown: nothing loads from outside the export
        self.env.filters["by_date"] = by_date

    def asset(self, name: str) -> bytes:
        """A static file (CSS, JS) from the first theme folder that has it."""
        for folder in self.dirs:
            if (folder / name).is_file():
                return (folder / name).read_bytes()
        raise ExportError(f"theme {self.name!r} has no {name}")

    def cascaded_css(self, name: str) -> str:
        """A stylesheet that cascades: the default theme's first, then each more specific one's.

        Used for the PDF, where every theme shares the page structure (running headers, table of
        contents, page breaks) and changes only the look.
        """
        layers = [d / name for d in reversed(self.dirs) if (d / name).is_file()]
        if not layers:
            raise ExportError(f"theme {self.name!r} has no {name}")
        return "\n".join(path.read_text("utf-8") for path in layers)

    def render(self, template: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as err:
            raise ExportError(f"theme {self.name!r}: {err.filename or err.name}:{err.lineno}: {err.message}") \
                from None
        except jinja2.TemplateError as err:
            raise ExportError(f"theme {self.name!r}: {template_frame(err)}: {err}") from None
        except RecursionError as err:
            raise ExportError(f"theme {self.name!r}: {template_frame(err)}: a template extends itself; "
                              "use \"default:NAME\" to extend the built-in template") from None


def template_frame(err: BaseException) -> str:
    """``file:line`` of the innermost template frame in an error's traceback."""
    where = "template"
    tb = err.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".js", ".xml")):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where

"""The print-ready PDF: one HTML document rendered by the theme, laid out by weasyprint.

Images are embedded from the portfolio folder; the text stays selectable; a table of contents
gets its page numbers from CSS ``target-counter``; headings stay with what follows them.
"""

from __future__ import annotations

from pathlib import Path

from plfolio.export.audience import for_audience
from plfolio.export.themes import ExportError, Theme
from plfolio.export.urls import LocalFilesOnly, entry_files
from plfolio.model import Entry, Portfolio

SECTIONS = [("profile", "Learning profile"), ("plan", "Learning plan"), ("evidence", "Evidence"),
            ("reflections", "Reflections"), ("pd-log", "Professional learning log"),
            ("standards", "Standards coverage")]


def pdf_html(portfolio: Portfolio, root: Path, audience: str = "mentor", theme: str = "default") -> str:
    """The HTML the PDF is made from (useful to preview or to test without a PDF reader)."""
    filtered = for_audience(portfolio, audience)
    chosen = Theme(theme, root)

    def file_url(entry: Entry, name: str) -> str:
        return (root / (entry.folder or "") / name).resolve().as_uri()

    return chosen.render("pdf.html", {"portfolio": filtered, "sections": SECTIONS, "file_url": file_url,
                                      "attachment": file_url,
                                      "pdf_css": chosen.cascaded_css("pdf.css")})


def included_files(portfolio: Portfolio, root: Path, audience: str, theme: str) -> list[Path]:
    """The only files the PDF may embed: the included entries' own files and the theme's files."""
    filtered = for_audience(portfolio, audience)
    files = [root / entry.folder / name for kind in ("evidence", "activities")
             for entry in filtered.entries[kind].values() if entry.folder for name in entry_files(entry)]
    return files + [f for folder in Theme(theme, root).dirs for f in folder.rglob("*") if f.is_file()]


def export_pdf(portfolio: Portfolio, root: Path, out: Path, audience: str = "mentor",
               theme: str = "default") -> Path:
    from weasyprint import HTML

    html = pdf_html(portfolio, root, audience, theme)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        fetcher = LocalFilesOnly(included_files(portfolio, root, audience, theme))
        HTML(string=html, base_url=str(root), url_fetcher=fetcher).write_pdf(str(out))
    except OSError as err:
        raise ExportError(f"cannot write {out}: {err.strerror}") from None
    return out

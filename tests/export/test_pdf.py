"""The PDF opens, holds the expected titles as text, and has a table of contents with page numbers."""

from __future__ import annotations

import re

from pypdf import PdfReader

from plfolio.export.pdf import export_pdf
from plfolio.store import load_portfolio
from support import EXAMPLE


def test_pdf_of_the_example(tmp_path):
    pdf = export_pdf(load_portfolio(EXAMPLE), EXAMPLE, tmp_path / "p.pdf", "mentor")
    reader = PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert len(pages) >= 8
    assert "Maya Okafor" in pages[0] and "Professional learning portfolio".lower() in pages[0].lower()
    for title in ("Teach planning routines for multi-week projects", "One-page project planner",
                  "Professional learning log", "Standards coverage", "Prioritized Executive Function"):
        assert title in text, title
    toc = pages[1]
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", toc, re.MULTILINE)]
    assert len(numbers) == 6 and numbers == sorted(numbers) and numbers[0] >= 3
    assert "Page 3 of" in pages[2]
    assert "Private thoughts" not in text

"""A file with a problem (here: a missing date) is still exported; it never breaks the whole export."""

from __future__ import annotations

from pypdf import PdfReader

from plfolio.export.pdf import export_pdf
from plfolio.export.site import export_site
from plfolio.store import load_portfolio

FILES = {
    "evidence/undated.md": '+++\ntitle = "Undated photo"\n+++\nx\n',
    "evidence/dated.md": '+++\ntitle = "Dated photo"\ndate = 2026-01-01\n+++\nx\n',
    "reflections/undated.md": '+++\ntitle = "Undated thought"\nvisibility = "mentor"\n+++\nx\n',
    "reflections/dated.md": '+++\ntitle = "Dated thought"\ndate = 2026-01-02\nvisibility = "mentor"\n+++\nx\n',
    "activities/undated.md": '+++\ntitle = "Undated course"\nhours = 2.0\n+++\n',
    "activities/dated.md": '+++\ntitle = "Dated course"\nhours = 3.0\ndate = 2026-01-03\n+++\n',
    "goals/mixed.md": '+++\ntitle = "Mixed steps"\n[[action_steps]]\ntext = "Dated step"\ndue = 2026-02-01\n'
                      '[[action_steps]]\ntext = "Undated step"\n+++\n',
}


def test_entries_missing_a_date_are_exported_not_fatal(make_portfolio, tmp_path):
    root = make_portfolio(FILES)
    portfolio = load_portfolio(root)
    assert len(portfolio.problems) == 3
    site = export_site(portfolio, root, tmp_path / "s", "mentor")
    assert "Undated photo" in (site / "evidence.html").read_text("utf-8")
    assert "Undated thought" in (site / "reflections.html").read_text("utf-8")
    log = (site / "pd-log.html").read_text("utf-8")
    assert "Undated course" in log and ">5<" in log
    plan = (site / "plan.html").read_text("utf-8")
    assert "Dated step" in plan and "Undated step" in plan
    text = "".join(p.extract_text() for p in PdfReader(export_pdf(portfolio, root, tmp_path / "p.pdf")).pages)
    assert "Undated photo" in text and "Undated thought" in text and "Undated course" in text

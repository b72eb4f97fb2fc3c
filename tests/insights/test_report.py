"""The year-end report's figures match the portfolio."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner
from pypdf import PdfReader

from plfolio.cli import main
from plfolio.export.report import growth_report, report_csv
from plfolio.insights.hours import hours_by_year
from plfolio.store import load_portfolio
from support import EXAMPLE


def test_report_figures_match_the_portfolio():
    portfolio = load_portfolio(EXAMPLE)
    report = growth_report(portfolio, "2026-2027")
    assert {g.slug for g in report.goals} == {g.slug for g in portfolio.goals.values()
                                              if g.school_year == "2026-2027"}
    assert report.hours.total == hours_by_year(portfolio)["2026-2027"].total
    assert report.evidence_count == sum(1 for e in portfolio.evidence.values()
                                        if e.date and e.date.isoformat() >= "2026-08-01")
    ga5 = next(r for r in report.per_standard if r.framework == "GA PL" and r.code == "5")
    assert ga5.evidence == sum(1 for e in portfolio.evidence.values()
                               if e.date and e.date.isoformat() >= "2026-08-01" and "ga-pl:5" in e.standards)
    changes = {(fw, h.standard.code): h.change for fw, h in report.assessment_changes}
    assert changes[("GBP rubric", "1.2")] == 1 and changes[("GBP rubric", "LP")] == 1
    assert [r.slug for r in report.highlights] == ["blogging-habit"]


def test_report_csv_rows():
    rows = list(csv.reader(io.StringIO(report_csv(growth_report(load_portfolio(EXAMPLE), "2025-2026")))))
    assert rows[0] == ["section", "item", "value"]
    assert ["hours", "total", "37.5"] in rows
    assert ["goal", "Students assess their own lab reports with a shared rubric", "achieved; 4/4 steps"] in rows


def test_cli_report_pdf_and_html(tmp_path):
    result = CliRunner().invoke(main, ["report", "--portfolio", str(EXAMPLE), "--year", "2026-2027",
                                       "--format", "pdf", "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "year-end growth report" in text.lower() and "Grow my PLN" in text
    result = CliRunner().invoke(main, ["report", "--portfolio", str(EXAMPLE), "--year", "2026-2027",
                                       "-o", str(tmp_path / "r.html")])
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "<svg" in html and "Self-assessment change" in html
    result = CliRunner().invoke(main, ["report", "--portfolio", str(EXAMPLE), "--year", "soon"])
    assert result.exit_code == 1 and "not a school year" in result.output


def test_transcript_pdf_lists_every_activity_with_its_certificate(tmp_path):
    result = CliRunner().invoke(main, ["transcript", "--portfolio", str(EXAMPLE), "--year", "2026-2027",
                                       "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 0, result.output
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "t.pdf").pages)
    portfolio = load_portfolio(EXAMPLE)
    year = [a for a in portfolio.activities.values() if a.date and a.date.isoformat() >= "2026-08-01"]
    assert "certificate.pdf" in text and "Kickoff 2026" in text and "Kickoff 2025" not in text
    assert f"{sum(a.hours for a in year):g}" in text
    csv_out = tmp_path / "t.csv"
    CliRunner().invoke(main, ["transcript", "--portfolio", str(EXAMPLE), "--format", "csv", "-o", str(csv_out)])
    assert len(csv_out.read_text("utf-8").strip().splitlines()) == len(portfolio.activities) + 1

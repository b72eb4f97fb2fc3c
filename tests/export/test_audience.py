"""Private entries, and anything that belongs to them, never appear in a mentor or public export."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader

from export_data import MARKER
from plfolio.export.audience import for_audience, preview
from plfolio.export.pdf import export_pdf
from plfolio.export.site import export_site
from plfolio.store import load_portfolio


def every_file_text(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("audience", ["mentor", "public"])
def test_the_marker_appears_in_no_exported_file(export_portfolio, tmp_path, audience):
    portfolio = load_portfolio(export_portfolio)
    site = export_site(portfolio, export_portfolio, tmp_path / "site", audience)
    files = every_file_text(site)
    assert files, "the export wrote files"
    leaks = [p for p, data in files.items() if MARKER.encode() in data]
    assert not leaks, f"private content leaked into {leaks}"
    archive = export_site(portfolio, export_portfolio, tmp_path / "site.zip", audience, as_zip=True)
    with zipfile.ZipFile(archive) as z:
        assert all(MARKER.encode() not in z.read(n) for n in z.namelist())
    pdf = export_pdf(portfolio, export_portfolio, tmp_path / "p.pdf", audience)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert MARKER not in text and MARKER.encode() not in pdf.read_bytes()


def test_owner_export_has_everything(export_portfolio, tmp_path):
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "site", "owner")
    assert any(MARKER.encode() in data for data in every_file_text(site).values())
    assert (site / "files/evidence/secret/scan.txt").is_file()


def test_counts_and_totals_leave_private_entries_out(export_portfolio, tmp_path):
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "site", "public")
    log = (site / "pd-log.html").read_text("utf-8")
    assert ">3<" in log and "43" not in log, "40 private hours are not in the total"
    home = (site / "index.html").read_text("utf-8")
    assert "<strong>1</strong> goals" in home
    assert not (site / "files/evidence/secret").exists()
    assert not (site / "reflections/private-thoughts.html").exists()


def test_references_to_hidden_entries_are_removed(export_portfolio):
    mentor = for_audience(load_portfolio(export_portfolio), "mentor")
    assert mentor.evidence["photo"].goals == ["public-goal"]
    assert "on-private" not in mentor.feedback and "on-public" in mentor.feedback
    assert set(mentor.goals) == {"public-goal", "mentor-goal"}
    public = for_audience(load_portfolio(export_portfolio), "public")
    assert set(public.reflections) == set() and set(public.goals) == {"public-goal"}


def test_a_private_profile_is_left_out(make_portfolio):
    root = make_portfolio({"profile.toml": f'visibility = "private"\n[[needs]]\ntext = "{MARKER}"\n'})
    assert for_audience(load_portfolio(root), "mentor").profile.is_empty()


def test_preview_counts_what_is_included(export_portfolio):
    counts = preview(load_portfolio(export_portfolio), "mentor")
    assert counts["goals"] == (2, 1) and counts["reflections"] == (1, 1) and counts["evidence"] == (2, 1)

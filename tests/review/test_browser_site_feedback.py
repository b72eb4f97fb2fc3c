"""A mentor with only a browser writes feedback inside the exported site and downloads the file."""

from __future__ import annotations

import pytest

from browser import screenshot
from plfolio.export.site import export_site
from plfolio.review.feedback_file import read
from plfolio.review.feedback_import import import_feedback
from plfolio.store import PortfolioStore, load_portfolio

pytestmark = pytest.mark.browser


def test_feedback_written_in_the_static_site_imports_like_any_other(browser_page, example_copy, tmp_path):
    site = export_site(load_portfolio(example_copy), example_copy, tmp_path / "site", "mentor")
    page = browser_page
    page.goto((site / "feedback.html").as_uri())
    page.get_by_label("Your name").fill("Dev Patel")
    page.get_by_label("About").select_option("goals/executive-function-routines")
    page.get_by_label("Kind").select_option("suggestion")
    page.get_by_label("Feedback").fill('Try a "stuck?" check-in\non Fridays.')
    page.get_by_role("button", name="Add").click()
    page.get_by_label("About").select_option("plan")
    page.get_by_label("Kind").select_option("praise")
    page.get_by_label("Feedback").fill("A coherent plan.")
    page.get_by_role("button", name="Add").click()
    page.reload()
    assert page.locator("#fb-list li").count() == 2, "kept in the browser while writing"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my feedback file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    screenshot(page, "site-feedback")
    assert path.name.startswith("feedback-dev-patel-") and path.suffix == ".toml"

    feedback = read(path)
    assert feedback.author == "Dev Patel"
    assert [(i.about, i.kind) for i in feedback.items] == [("goals/executive-function-routines", "suggestion"),
                                                           ("plan", "praise")]
    assert feedback.items[0].body == 'Try a "stuck?" check-in\non Fridays.'
    report = import_feedback(PortfolioStore(example_copy), feedback)
    assert len(report.added) == 2 and report.about_missing == []
    assert import_feedback(PortfolioStore(example_copy), read(path)).added == []

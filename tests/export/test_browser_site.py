"""A mentor opens the exported site straight from the file system, offline, and searches it."""

from __future__ import annotations

import pytest

from browser import screenshot
from plfolio.export.site import export_site
from plfolio.store import load_portfolio
from support import EXAMPLE

pytestmark = pytest.mark.browser


def test_the_site_works_from_file_urls_and_its_search_finds_entries(browser_page, tmp_path):
    site = export_site(load_portfolio(EXAMPLE), EXAMPLE, tmp_path / "site", "mentor")
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "index.html").as_uri())
    assert page.get_by_role("heading", name="Maya Okafor").is_visible()
    page.get_by_role("link", name="Learning plan").first.click()
    page.get_by_role("link", name="Teach planning routines for multi-week projects").first.click()
    assert page.get_by_role("heading", name="Teach planning routines for multi-week projects").is_visible()
    page.get_by_role("link", name="Search").first.click()
    page.get_by_label("Words to find").fill("planner")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert "result" in page.locator("#search-status").inner_text()
    titles = results.locator("a").all_inner_texts()
    assert "One-page project planner" in titles
    screenshot(page, "exported-site-search")
    results.locator("a", has_text="One-page project planner").click()
    assert page.get_by_role("heading", name="One-page project planner").is_visible()
    assert all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file:")]

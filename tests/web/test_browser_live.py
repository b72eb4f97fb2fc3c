"""Live pick-up in a real browser: an outside edit offers a refresh without losing what is typed."""

from __future__ import annotations

import pytest

from browser import live_server, tokened
from plfolio.web.app import create_app
from plfolio.web.settings import ServerSettings
from support import TODAY, TOKEN

pytestmark = pytest.mark.browser


def test_outside_edit_shows_a_refresh_banner_and_keeps_typing(browser_page, make_portfolio):
    root = make_portfolio({"goals/labs.md": '+++\ntitle = "Labs"\nstatus = "active"\n+++\nOld.\n'})
    app = create_app(root, ServerSettings(token=TOKEN, today=TODAY), watch=True)
    page = browser_page
    with live_server(app) as base:
        page.goto(tokened(base, "/goals/labs/edit"))
        page.get_by_label("Title").fill("Typed but not saved")
        page.wait_for_function("() => window.__plfolioEvents === 'open'")
        (root / "goals/labs.md").write_text('+++\ntitle = "Labs (edited in my editor)"\nstatus = "active"\n'
                                            '+++\nNew.\n', "utf-8")
        banner = page.locator("#changed")
        banner.wait_for(state="visible")
        assert page.get_by_label("Title").input_value() == "Typed but not saved"
        page.get_by_role("link", name="Refresh").click()
        page.goto(f"{base}/goals/labs")
        assert page.get_by_role("heading", name="Labs (edited in my editor)").is_visible()
        page.goto(f"{base}/search?q=edited")
        assert page.locator("ol.results").get_by_role("link", name="Labs (edited in my editor)").is_visible()

"""The whole coaching loop in a real browser: mentor reviews a bundle, teacher brings the feedback home."""

from __future__ import annotations

import pytest

from browser import live_server, screenshot, tokened
from plfolio.badges.bundle import export_bundle
from plfolio.badges.issue import issue_badge
from plfolio.review.app import create_review_app
from plfolio.review.session import ReviewSession
from plfolio.store import PortfolioStore
from plfolio.web.app import create_app
from plfolio.web.settings import ServerSettings
from support import TODAY, TOKEN

pytestmark = pytest.mark.browser


def test_mentor_reviews_and_teacher_imports(browser_page, example_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("PLFOLIO_MENTOR_HOME", str(tmp_path / "mentor-home"))
    store = PortfolioStore(example_copy)
    issue_badge(store, "goals/self-assessed-labs")
    bundle = export_bundle(store, tmp_path / "for-mentor.zip", "mentor")
    page = browser_page

    session = ReviewSession.open(bundle, "Ana Rivera", tmp_path / "mentor-out")
    with live_server(create_review_app(session, ServerSettings(token=TOKEN))) as base:
        page.goto(tokened(base))
        page.get_by_role("link", name="Read the portfolio").click()
        assert page.get_by_role("heading", name="Maya Okafor").is_visible()
        page.go_back()
        for about, kind, text in [
            ("goal: Students assess their own lab reports and defend them with evidence", "praise",
             "Your evidence conferences are working: two students cited their data tables."),
            ("standard: GA PL 5 Authentic and Adaptive Assessment", "next-step",
             "Try a student-led conference with families at the showcase."),
            ("The plan as a whole", "question", "How do the planner and conference goals feed each other?"),
        ]:
            page.get_by_role("link", name="Write feedback").first.click()
            page.get_by_label("About").select_option(label=about)
            page.get_by_label("Kind").select_option(kind)
            page.get_by_label("Feedback").fill(text)
            page.get_by_role("button", name="Save feedback").click()
            assert page.get_by_text("Feedback saved.").is_visible()
        page.get_by_label("Your endorsement").fill("I watched this growth all year; well evidenced.")
        page.get_by_role("button", name="Endorse with my key").click()
        assert page.get_by_text("Endorsement signed and saved.").is_visible()
        screenshot(page, "mentor-review")
    (feedback_zip,) = (tmp_path / "mentor-out").glob("feedback-ana-rivera-*.zip")

    teacher = create_app(example_copy, ServerSettings(token=TOKEN, today=TODAY), watch=False)
    with live_server(teacher) as base:
        page.goto(tokened(base, "/feedback"))
        page.set_input_files("#fb-file", str(feedback_zip))
        page.get_by_role("button", name="Import", exact=True).click()
        assert page.get_by_text("3 added, 0 already imported, 1 endorsement(s) kept").is_visible()
        page.goto(f"{base}/goals/students-defend-their-evidence")
        assert page.get_by_text("two students cited their data tables").is_visible()
        page.goto(f"{base}/standards/ga-pl/5")
        assert page.get_by_text("Try a student-led conference with families").is_visible()
        page.goto(f"{base}/")
        assert page.get_by_text("unread feedback").first.is_visible()
        screenshot(page, "teacher-after-review")

"""A new teacher's first session, in a real Chromium: profile, goal, evidence, reflection, dashboard."""

from __future__ import annotations

import pytest

from browser import live_server, screenshot, tokened
from plfolio.store import load_portfolio
from plfolio.store.scaffold import create_portfolio
from plfolio.web.app import create_app
from plfolio.web.settings import ServerSettings
from support import TODAY, TOKEN

pytestmark = pytest.mark.browser


def test_a_new_teacher_builds_a_first_plan(browser_page, tmp_path):
    root = tmp_path / "mine"
    create_portfolio(root, owner_name="Rosa Diaz")
    (tmp_path / "lesson-plan.txt").write_text("Exit tickets every Friday.\n", "utf-8")
    app = create_app(root, ServerSettings(token=TOKEN, today=TODAY), watch=False)
    page = browser_page
    with live_server(app) as base:
        page.goto(tokened(base))
        assert "token" not in page.url, "the token is dropped from the address bar"
        page.get_by_role("link", name="Write your SNIC profile").click()

        page.get_by_label("Text").first.fill("I build strong relationships with students.")
        page.locator("[name='needs-0-text']").fill("Designing assessments students can own.")
        page.locator("[name='needs-0-standards']").fill("ga-pl:5")
        page.get_by_role("button", name="Save profile").click()
        assert page.get_by_role("heading", name="Strengths").is_visible()
        assert page.get_by_text("Designing assessments students can own.").is_visible()

        page.get_by_role("link", name="Dashboard").click()
        page.get_by_role("link", name="Write your first goal").click()
        page.get_by_label("Title").fill("Student-led assessment")
        page.get_by_label("Status").select_option("active")
        page.get_by_text("Georgia").first.click()  # open the framework's standards
        page.get_by_label("Learner Agency").check()
        page.get_by_label("Authentic and Adaptive Assessment").check()
        page.locator("[name='action_steps-0-text']").fill("Co-design a rubric with students")
        page.locator("[name='action_steps-0-due']").fill("2026-12-10")
        page.locator("[name='action_steps-1-text']").fill("Pilot self-assessment in 2 classes")
        page.locator("[name='action_steps-1-due']").fill("2027-02-01")
        page.get_by_label("Narrative").fill("Students **defend** their own evidence of mastery.")
        page.get_by_role("button", name="Save").click()
        assert page.get_by_role("heading", name="Student-led assessment").is_visible()
        assert page.get_by_text("0 of 2 done").is_visible()

        page.get_by_role("link", name="Add evidence").click()
        page.get_by_label("Title").fill("Friday exit tickets")
        page.get_by_label("Kind").select_option("lesson-plan")
        page.set_input_files("#f-files", str(tmp_path / "lesson-plan.txt"))
        page.get_by_role("button", name="Save").click()
        assert page.get_by_role("link", name="lesson-plan.txt").is_visible()

        page.get_by_role("link", name="Student-led assessment").first.click()
        page.get_by_role("link", name="Reflect on it").click()
        assert page.get_by_label("Prompt").input_value(), "a prompt for the stage is offered"
        page.get_by_label("Title").fill("First rubric session")
        page.locator("#f-body").fill("The students argued for *clearer* criteria.")
        page.get_by_role("button", name="Save").click()

        page.get_by_role("link", name="Dashboard").click()
        dashboard = page.locator("main")
        assert dashboard.get_by_text("Student-led assessment").first.is_visible()
        assert dashboard.get_by_text("First rubric session").is_visible()
        assert dashboard.get_by_text("Co-design a rubric with students").is_visible()
        screenshot(page, "new-user-dashboard")

    portfolio = load_portfolio(root)
    assert portfolio.problems == []
    goal = portfolio.goals["student-led-assessment"]
    assert goal.standards == ["ga-pl:2", "ga-pl:5"] and len(goal.action_steps) == 2
    evidence = portfolio.evidence["friday-exit-tickets"]
    assert evidence.goals == ["student-led-assessment"] and evidence.attachments == ["lesson-plan.txt"]
    reflection = portfolio.reflections["first-rubric-session"]
    assert reflection.goals == ["student-led-assessment"] and reflection.visibility == "private"

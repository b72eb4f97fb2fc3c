"""Every page answers with the right template and context (no HTML string matching)."""

from __future__ import annotations

import pytest

FILES = {
    "profile.toml": '[[strengths]]\ntext = "Patient"\n[[needs]]\ntext = "Assessment"\nstandards = ["ga-pl:5"]\n',
    "goals/assess.md": '+++\ntitle = "Assessment for learning"\nstatus = "active"\nschool_year = "2026-2027"\n'
                       'standards = ["ga-pl:5"]\n[[action_steps]]\ntext = "Rubric"\ndue = 2026-10-01\n+++\nWhy.\n',
    "goals/old.md": '+++\ntitle = "Old goal"\nstatus = "achieved"\nschool_year = "2025-2026"\n+++\n',
    "evidence/rubric/index.md": '+++\ntitle = "Rubric"\ndate = 2026-10-02\ngoals = ["assess"]\n'
                                'standards = ["ga-pl:5"]\nattachments = ["r.png"]\n+++\n',
    "evidence/rubric/r.png": b"\x89PNG\r\n\x1a\n",
    "reflections/first.md": '+++\ntitle = "First try"\ndate = 2026-10-03\ngoals = ["assess"]\n+++\nHmm.\n',
    "activities/ws.md": '+++\ntitle = "Workshop"\ndate = 2026-09-10\nhours = 3.5\nrequired = true\n'
                        'credit_type = "PLU"\n+++\n',
    "assessments/fall.toml": 'title = "Fall"\ndate = 2026-09-01\nframework = "ga-pl"\n'
                             '[[ratings]]\nstandard = "ga-pl:5"\nlevel = 3\n',
    "pathways/menu.toml": 'title = "PL menu"\n[badge]\nname = "PL Explorer"\n[[groups]]\nid = "entrees"\n'
                          'choose = 1\n[[elements]]\nid = "kickoff"\ntitle = "Kickoff"\nrequired = true\n',
    "feedback/nice.md": '+++\ndate = 2026-10-05\nauthor = "Ms. Mentor"\nabout = "goals/assess"\n'
                        'kind = "praise"\n+++\nGreat start.\n',
    "goals/broken.md": '+++\ntitle = "Broken\n+++\n',
}

ROUTES = [
    ("/", "dashboard.html"),
    ("/profile", "profile.html"),
    ("/profile/edit", "profile_form.html"),
    ("/goals", "goals/list.html"),
    ("/goals?year=2025-2026", "goals/list.html"),
    ("/goals/new", "entry_form.html"),
    ("/goals/assess", "goals/detail.html"),
    ("/goals/assess/edit", "entry_form.html"),
    ("/evidence", "evidence/list.html"),
    ("/evidence?view=gallery", "evidence/list.html"),
    ("/evidence/rubric", "evidence/detail.html"),
    ("/evidence/new", "entry_form.html"),
    ("/reflections", "reflections/list.html"),
    ("/reflections/first", "reflections/detail.html"),
    ("/reflections/new", "entry_form.html"),
    ("/activities", "activities/list.html"),
    ("/activities/ws", "activities/detail.html"),
    ("/activities/new", "entry_form.html"),
    ("/assessments", "assessments/list.html"),
    ("/assessments/fall", "assessments/detail.html"),
    ("/assessments/fall/edit", "entry_form.html"),
    ("/assessments/new?framework=ga-pl", "entry_form.html"),
    ("/pathways", "pathways/list.html"),
    ("/pathways/menu", "pathways/detail.html"),
    ("/pathways/new", "entry_form.html"),
    ("/feedback", "feedback/list.html"),
    ("/feedback/nice", "feedback/detail.html"),
    ("/feedback/new?about=goals/assess", "entry_form.html"),
    ("/standards", "frameworks/list.html"),
    ("/standards/ga-pl", "frameworks/detail.html"),
    ("/standards/ga-pl/5", "frameworks/standard.html"),
    ("/search?q=rubric", "search.html"),
    ("/trash", "trash.html"),
    ("/problems", "problems.html"),
]


@pytest.fixture
def page_client(make_client, make_portfolio):
    return make_client(make_portfolio(FILES))


@pytest.mark.parametrize("path,template", ROUTES)
def test_every_page_renders(page_client, path, template):
    response = page_client.get(path)
    assert response.status_code == 200, response.text[-2000:]
    assert response.template.name == template


def test_list_filters(page_client):
    assert [g.slug for g in page_client.get("/goals?year=2025-2026").context["entries"]] == ["old"]
    assert [g.slug for g in page_client.get("/goals?status=active").context["entries"]] == ["assess"]
    assert [g.slug for g in page_client.get("/goals?standard=ga-pl:5").context["entries"]] == ["assess"]
    assert [e.slug for e in page_client.get("/evidence?goal=assess").context["entries"]] == ["rubric"]
    assert page_client.get("/evidence?goal=old").context["entries"] == []


def test_a_standard_page_lists_what_is_aligned(page_client):
    context = page_client.get("/standards/ga-pl/5").context
    assert [g.slug for g in context["aligned"]["goals"]] == ["assess"]
    assert [e.slug for e in context["aligned"]["evidence"]] == ["rubric"]


def test_a_goal_page_shows_its_feedback(page_client):
    context = page_client.get("/goals/assess").context
    assert [f.slug for f in context["feedback_about"]] == ["nice"]


def test_problems_page_names_the_broken_file(page_client):
    response = page_client.get("/problems")
    assert [p.path for p in response.context["problems"]] == ["goals/broken.md"]
    assert response.context["problem_count"] == 1


def test_missing_entries_are_404_pages(page_client):
    for path in ("/goals/nope", "/evidence/nope/edit", "/standards/nope", "/standards/ga-pl/99"):
        response = page_client.get(path)
        assert response.status_code == 404 and response.template.name == "error.html"


def test_pd_log_csv(page_client):
    response = page_client.get("/activities.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.strip().splitlines()
    assert len(lines) == 2 and "Workshop" in lines[1] and "3.5" in lines[1]

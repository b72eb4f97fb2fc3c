"""The growth page and the recycled-plan comparison, on the example portfolio."""

from __future__ import annotations

import shutil

import pytest

from support import EXAMPLE


@pytest.fixture
def example_client(make_client, tmp_path):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    return make_client(root)


def test_growth_page(example_client):
    response = example_client.get("/growth")
    assert response.template.name == "growth.html"
    context = response.context
    (ga_pl, iste, rubric) = context["matrices"]
    assert ga_pl.framework.id == "ga-pl" and ga_pl.columns == ["2025-2026", "2026-2027"]
    histories = {fw.id: {h.standard.code: h.change for h, _ in rows} for fw, rows in context["histories"]}
    assert histories["gsp-rubric"] == {"1.2": 1, "LP": 1, "2.4": 0}
    assert set(histories["ga-pl"]) == {"1", "2", "5", "8", "10"}
    assert [(g.slug, [m.earlier.slug for m in ms]) for g, ms in context["recycled"]] == \
        [("students-defend-their-evidence", ["self-assessed-labs"])]
    assert response.text.count("<svg") >= 5


def test_growth_by_goal(example_client):
    matrix = example_client.get("/growth?by=goal").context["matrices"][0]
    assert "students-defend-their-evidence" in matrix.columns


def test_goal_page_flags_a_recycled_plan_and_compares(example_client):
    detail = example_client.get("/goals/students-defend-their-evidence")
    assert [m.earlier.slug for m in detail.context["similar"]] == ["self-assessed-labs"]
    compare = example_client.get("/goals/students-defend-their-evidence/compare/self-assessed-labs")
    assert compare.template.name == "goals/compare.html" and compare.context["score"] > 0.2
    assert "What is different this time?" in compare.text


def test_transcript_page_with_certificates(example_client):
    response = example_client.get("/transcript?year=2026-2027")
    rows = response.context["rows"]
    assert response.context["total"] == sum(a.hours for a in rows)
    assert "certificate.pdf" in response.text

"""Badges in the web app: list with status, issue from an achieved goal, download."""

from __future__ import annotations

import shutil

from support import EXAMPLE


def test_issue_a_badge_from_an_achieved_goal_and_see_it(make_client, tmp_path):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    client = make_client(root)
    detail = client.get("/goals/self-assessed-labs")
    assert "Issue a badge" in detail.text
    response = client.post("/badges/issue", data={"ref": "goals/self-assessed-labs"})
    assert response.status_code == 200 and response.template.name == "badges.html"
    (badge,) = response.context["badges"]
    assert (badge.name, badge.version, badge.status) == (
        "Students assess their own lab reports with a shared rubric", "3.0", "verified")
    download = client.get(f"/badges/files/{badge.file}")
    assert download.headers["content-disposition"].startswith("attachment")
    assert b"OpenBadgeCredential" in download.content


def test_an_unfinished_pathway_is_refused_with_what_is_left(make_client, tmp_path):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    client = make_client(root)
    response = client.post("/badges/issue", data={"ref": "pathways/science-pl-menu"})
    assert response.status_code == 400 and "Quick bites" in response.context["error"]
    assert client.get("/badges/files/../plfolio.toml").status_code == 404

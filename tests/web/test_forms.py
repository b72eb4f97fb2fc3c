"""Creating and editing through the browser: server-side validation, conflicts, quick actions, trash."""

from __future__ import annotations

from plfolio.store import load_portfolio

GOAL = """+++
# written by hand
title = "Coach colleagues"   # keep this comment
status = "active"
school_year = "2026-2027"
standards = ["ga-pl:9"]
my_own_key = "kept"

[[action_steps]]
text = "Observe"
due = 2026-10-01

[[action_steps]]
text = "Co-plan"
due = 2026-12-01
+++
Narrative stays *exactly* as written.
"""

NEW_GOAL = {
    "title": "Student-led conferences", "status": "active", "school_year": "2026-2027",
    "cycle_stage": "learning-design", "visibility": "mentor", "standards": ["ga-pl:2", "ga-pl:5"],
    "target_date": "2027-05-15", "measures": "80% of students lead their conference\nParent survey",
    "action_steps-0-text": "Draft the student script", "action_steps-0-due": "2026-12-05",
    "action_steps-1-text": "Pilot with one class", "action_steps-1-due": "2027-02-01",
    "body": "Students present their own portfolios.\r\nThey own the story.",
}


def test_create_a_goal_with_steps_and_standards(client, make_portfolio):
    response = client.post("/goals/new", data=NEW_GOAL)
    assert response.status_code == 200
    assert response.template.name == "goals/detail.html"
    goal = response.context["entry"]
    assert goal.standards == ["ga-pl:2", "ga-pl:5"]
    assert [s.text for s in goal.action_steps] == ["Draft the student script", "Pilot with one class"]
    assert goal.measures == ["80% of students lead their conference", "Parent survey"]
    assert goal.body == "Students present their own portfolios.\nThey own the story."
    assert "Created." in response.text


def test_invalid_input_is_shown_next_to_the_field_and_kept(client):
    data = {**NEW_GOAL, "title": "", "target_date": "next spring", "action_steps-1-due": "soon"}
    response = client.post("/goals/new", data=data)
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors == {"title": "Required.", "target_date": "Use a date like 2026-09-14.",
                      "action_steps-1-due": "Use a date like 2026-09-14."}
    assert 'value="next spring"' in response.text, "what was typed is kept"
    assert "Students present their own portfolios." in response.text
    assert 'id="f-title-error"' in response.text


def test_editing_changes_only_what_the_form_changed(make_client, make_portfolio):
    root = make_portfolio({"goals/coach.md": GOAL})
    client = make_client(root)
    form = client.get("/goals/coach/edit")
    assert form.template.name == "entry_form.html"
    digest = form.context["digest"]
    data = {"_digest": digest, "title": "Coach colleagues", "status": "achieved", "school_year": "2026-2027",
            "cycle_stage": "goal-setting", "visibility": "mentor", "standards": ["ga-pl:9"],
            "action_steps-0-text": "Observe", "action_steps-0-due": "2026-10-01",
            "action_steps-1-text": "Co-plan", "action_steps-1-due": "2026-12-01",
            "body": "Narrative stays *exactly* as written.\r\n"}
    assert client.post("/goals/coach/edit", data=data).status_code == 200
    assert (root / "goals/coach.md").read_bytes().decode() == GOAL.replace(
        'status = "active"', 'status = "achieved"')


def test_an_edit_over_a_changed_file_shows_both_versions(make_client, make_portfolio):
    root = make_portfolio({"goals/coach.md": GOAL})
    client = make_client(root)
    digest = client.get("/goals/coach/edit").context["digest"]
    outside = GOAL.replace("Narrative stays", "Edited in my text editor. Narrative stays")
    (root / "goals/coach.md").write_text(outside, "utf-8")
    data = {"_digest": digest, "title": "Coach colleagues (from browser)", "status": "active",
            "cycle_stage": "goal-setting", "visibility": "mentor", "body": "Browser body"}
    response = client.post("/goals/coach/edit", data=data)
    assert response.status_code == 409
    conflict = response.context["conflict"]
    assert conflict.disk_text == outside
    assert "Coach colleagues (from browser)" in conflict.attempted_text
    assert "Edited in my text editor" in response.text and "Browser body" in response.text
    assert (root / "goals/coach.md").read_text("utf-8") == outside, "nothing overwritten"
    # saving again after seeing both is a deliberate choice, with the new digest
    data["_digest"] = response.context["digest"]
    assert client.post("/goals/coach/edit", data=data).status_code == 200
    assert "Coach colleagues (from browser)" in (root / "goals/coach.md").read_text("utf-8")


def test_ticking_a_step_changes_only_that_step(make_client, make_portfolio):
    root = make_portfolio({"goals/coach.md": GOAL})
    client = make_client(root)
    detail = client.get("/goals/coach")
    response = client.post("/goals/coach/steps/1", data={"_digest": detail.context["digest"], "done": "true"})
    assert response.status_code == 200
    text = (root / "goals/coach.md").read_text("utf-8")
    assert text == GOAL.replace('text = "Co-plan"\ndue = 2026-12-01\n', 'text = "Co-plan"\ndue = 2026-12-01\ndone = true\n')


def test_quick_actions_on_a_stale_page_show_the_conflict(make_client, make_portfolio):
    root = make_portfolio({"goals/coach.md": GOAL})
    client = make_client(root)
    digest = client.get("/goals/coach").context["digest"]
    (root / "goals/coach.md").write_text(GOAL + "\nmore\n", "utf-8")
    response = client.post("/goals/coach/set", data={"_digest": digest, "field": "status", "value": "archived"})
    assert response.status_code == 409 and response.template.name == "conflict.html"
    assert 'status = "active"' in (root / "goals/coach.md").read_text("utf-8")
    retry = client.post("/goals/coach/set", data={"_digest": response.context["digest"], "field": "status",
                                                  "value": "archived"})
    assert retry.status_code == 200
    assert load_portfolio(root).goals["coach"].status == "archived"


def test_quick_actions_only_set_allowed_fields(make_client, make_portfolio):
    client = make_client(make_portfolio({"goals/coach.md": GOAL}))
    digest = client.get("/goals/coach").context["digest"]
    assert client.post("/goals/coach/set", data={"_digest": digest, "field": "title",
                                                 "value": "x"}).status_code == 400
    assert client.post("/goals/coach/set", data={"_digest": digest, "field": "status",
                                                 "value": "finished"}).status_code == 400


def test_delete_to_trash_and_restore(make_client, make_portfolio):
    root = make_portfolio({"goals/coach.md": GOAL})
    client = make_client(root)
    response = client.post("/goals/coach/delete")
    assert response.context["total"] == 0 and "Moved to the trash" in response.text
    trash = client.get("/trash")
    (item,) = trash.context["items"]
    assert item.original == "goals/coach.md"
    restored = client.post(f"/trash/{item.id}/restore")
    assert restored.status_code == 200 and restored.context["items"] == []
    assert (root / "goals/coach.md").read_text("utf-8") == GOAL


def test_profile_is_written_then_edited_in_place(make_client, make_portfolio):
    root = make_portfolio()
    client = make_client(root)
    data = {"visibility": "mentor", "learning_preferences": "Observing colleagues\nShort videos",
            "strengths-0-text": "Relationships with students", "strengths-0-standards": "ga-pl:9",
            "needs-0-text": "Assessment design", "needs-0-standards": "ga-pl:5, ga-pl:4"}
    response = client.post("/profile/edit", data={"_digest": "", **data})
    assert response.status_code == 200 and response.template.name == "profile.html"
    profile = response.context["profile"]
    assert profile.strengths[0].text == "Relationships with students"
    assert profile.needs[0].standards == ["ga-pl:5", "ga-pl:4"]

    (root / "profile.toml").write_text("# my notes\n" + (root / "profile.toml").read_text("utf-8"), "utf-8")
    form = client.get("/profile/edit")
    data["interests-0-text"] = "Student-led conferences"
    assert client.post("/profile/edit", data={"_digest": form.context["digest"], **data}).status_code == 200
    text = (root / "profile.toml").read_text("utf-8")
    assert text.startswith("# my notes\n") and "Student-led conferences" in text


def test_bad_standard_in_profile_is_an_error_next_to_the_field(client):
    response = client.post("/profile/edit", data={"_digest": "", "visibility": "mentor",
                                                  "strengths-0-text": "x", "strengths-0-standards": "ga-pl:99"})
    assert response.status_code == 400
    assert "strengths-0-standards" in response.context["errors"]


def test_a_reflection_starts_from_the_goal_and_its_stage(make_client, make_portfolio):
    client = make_client(make_portfolio({"goals/coach.md": GOAL}))
    form = client.get("/reflections/new?goal=coach&cycle_stage=coaching-feedback")
    fields = {f.key: f for f in form.context["fields"]}
    assert fields["goals"].value == ["coach"]
    assert fields["cycle_stage"].value == "coaching-feedback"
    assert fields["visibility"].value == "private"
    assert fields["prompt"].value, "a prompt for the stage is offered"

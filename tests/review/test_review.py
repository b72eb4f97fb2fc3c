"""Mentor review: verify the bundle, read it, write feedback and endorse; the teacher imports it."""

from __future__ import annotations

import json
import zipfile

import jsonschema
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from plfolio.badges.bundle import BundleError, export_bundle
from plfolio.badges.issue import issue_badge
from plfolio.badges.proof import verify
from plfolio.cli import main
from plfolio.review.app import create_review_app
from plfolio.review.feedback_file import read
from plfolio.review.feedback_import import import_feedback
from plfolio.review.session import ReviewSession
from plfolio.store import PortfolioStore, load_portfolio
from plfolio.web.settings import ServerSettings
from support import BASE, CONFORMANCE, TOKEN

ENDORSEMENT_SCHEMA = json.loads((CONFORMANCE / "openbadges-3.0/ob_v3p0_endorsementcredential_schema.json").read_text())


@pytest.fixture
def mentor_bundle(example_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("PLFOLIO_MENTOR_HOME", str(tmp_path / "mentor-home"))
    store = PortfolioStore(example_copy)
    issue_badge(store, "goals/self-assessed-labs")
    return export_bundle(store, tmp_path / "for-mentor.zip", "mentor")


@pytest.fixture
def review_client(mentor_bundle, tmp_path):
    session = ReviewSession.open(mentor_bundle, "Ana Rivera", tmp_path / "out")
    client = TestClient(create_review_app(session, ServerSettings(token=TOKEN)), base_url=BASE)
    client.get(f"/?token={TOKEN}")
    return client


def test_review_needs_the_token_and_serves_the_bundle_read_only(mentor_bundle, tmp_path):
    session = ReviewSession.open(mentor_bundle, "Ana Rivera", tmp_path / "out")
    client = TestClient(create_review_app(session, ServerSettings(token=TOKEN)), base_url=BASE)
    assert client.get("/").status_code == 401
    client.get(f"/?token={TOKEN}")
    home = client.get("/")
    assert home.status_code == 200 and "Maya Okafor" in home.text
    page = client.get("/site/goals/students-defend-their-evidence.html")
    assert page.headers["content-type"].startswith("text/html") and "Students assess" in page.text
    assert client.get("/site/../manifest.json").status_code == 404
    assert client.post("/feedback/new", data={"about": "plan", "kind": "praise", "body": "x"},
                       headers={"origin": "http://evil.example"}).status_code == 403


def test_feedback_and_endorsement_are_saved_in_the_mentors_file(review_client, tmp_path):
    for about, kind in [("goals/students-defend-their-evidence", "praise"), ("standard:ga-pl:5", "next-step"),
                        ("plan", "question")]:
        response = review_client.post("/feedback/new", data={"about": about, "kind": kind, "body": f"On {about}."})
        assert response.status_code == 200 and "Feedback saved." in response.text
    saved = list((tmp_path / "out").glob("feedback-ana-rivera-*.toml"))
    assert len(saved) == 1 and len(read(saved[0]).items) == 3

    review_client.post("/endorse", data={"credential": "goals-self-assessed-labs.json",
                                         "comment": "I watched this growth all year."})
    (zipped,) = (tmp_path / "out").glob("feedback-ana-rivera-*.zip")
    assert not list((tmp_path / "out").glob("*.toml")), "the zip replaces the toml"
    feedback = read(zipped)
    (endorsement,) = feedback.endorsements.values()
    assert len(feedback.items) == 3
    validator = jsonschema.Draft201909Validator(ENDORSEMENT_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(endorsement)] == []
    assert verify(endorsement).ok
    assert endorsement["issuer"]["name"] == "Ana Rivera"
    assert endorsement["issuer"]["id"] != json.loads(zipfile.ZipFile(
        tmp_path / "for-mentor.zip").read("credentials/goals-self-assessed-labs.json"))["issuer"]["id"]


def test_invalid_feedback_is_refused_with_the_form(review_client):
    assert review_client.post("/feedback/new", data={"about": "goals/nope", "kind": "praise",
                                                     "body": "x"}).status_code == 400
    response = review_client.post("/feedback/new", data={"about": "plan", "kind": "praise", "body": "  "})
    assert response.status_code == 400 and "Write something first." in response.text


def test_a_tampered_bundle_is_refused_with_a_clear_message(mentor_bundle, tmp_path):
    files = {n: zipfile.ZipFile(mentor_bundle).read(n) for n in zipfile.ZipFile(mentor_bundle).namelist()}
    files["portfolio/plfolio.toml"] += b"# changed\n"
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    with pytest.raises(BundleError, match="plfolio.toml: its contents changed"):
        ReviewSession.open(tampered, "Ana", tmp_path)
    result = CliRunner().invoke(main, ["review", str(tampered), "--as", "Ana", "--no-browser"])
    assert result.exit_code == 1 and "does not verify, so it cannot be reviewed" in result.output


def test_the_teacher_imports_feedback_and_endorsements_once(review_client, example_copy, tmp_path):
    review_client.post("/feedback/new", data={"about": "goals/students-defend-their-evidence", "kind": "praise",
                                              "body": "Lovely conferences."})
    review_client.post("/endorse", data={"credential": "goals-self-assessed-labs.json", "comment": "Yes."})
    (zipped,) = (tmp_path / "out").glob("*.zip")
    store = PortfolioStore(example_copy)
    report = import_feedback(store, read(zipped))
    assert len(report.added) == 1 and len(report.endorsements) == 1
    again = import_feedback(store, read(zipped))
    assert again.added == [] and again.endorsements == []
    portfolio = load_portfolio(example_copy)
    new = [f for f in portfolio.feedback.values() if f.author == "Ana Rivera" and "Lovely" in f.body]
    assert new and new[0].about == "goals/students-defend-their-evidence" and not new[0].read
    assert (example_copy / report.endorsements[0]).is_file()


def test_feedback_upload_in_the_web_app(review_client, example_copy, tmp_path, make_client):
    review_client.post("/feedback/new", data={"about": "plan", "kind": "question", "body": "What next?"})
    (saved,) = (tmp_path / "out").glob("*.toml")
    client = make_client(example_copy)
    response = client.post("/feedback/import", files=[("files", (saved.name, saved.read_bytes(), "text/plain"))])
    assert response.status_code == 200 and "1 added" in response.text
    assert any(f.body.startswith("What next?") for f in client.get("/feedback").context["entries"])
    bad = client.post("/feedback/import", files=[("files", ("x.toml", b"format = 'nope'", "text/plain"))])
    assert bad.status_code == 400 and "not a PLfolio feedback file" in bad.text


def test_the_teachers_reply_goes_out_with_the_next_mentor_export(make_client, example_copy, tmp_path):
    from plfolio.export.site import export_site

    client = make_client(example_copy)
    form = client.get("/feedback/new?about=goals/students-defend-their-evidence&in_reply_to=rivera-conferences-praise")
    fields = {f.key: f.value for f in form.context["fields"]}
    assert (fields["kind"], fields["role"], fields["author"], fields["in_reply_to"]) == (
        "reply", "self", "Maya Okafor", "rivera-conferences-praise")
    response = client.post("/feedback/new", data={
        "date": "2026-11-24", "author": "Maya Okafor", "role": "self", "kind": "reply", "visibility": "mentor",
        "about": "goals/students-defend-their-evidence", "in_reply_to": "rivera-conferences-praise",
        "body": "Thank you! Next round they bring a written evidence sentence."})
    reply = response.context["entry"]
    assert reply.in_reply_to == "rivera-conferences-praise"
    site = export_site(load_portfolio(example_copy), example_copy, tmp_path / "s", "mentor")
    page = (site / "goals/students-defend-their-evidence.html").read_text("utf-8")
    assert "Next round they bring a written evidence sentence." in page

"""A mentor's feedback file comes into feedback/: linked, unread, once, never dropped."""

from __future__ import annotations

import zipfile
from datetime import datetime

import pytest
from click.testing import CliRunner

from plfolio.cli import main
from plfolio.review.feedback_file import FeedbackFile, FeedbackFileError, dumps, loads, read, to_zip
from plfolio.review.feedback_import import import_feedback
from plfolio.store import PortfolioStore, load_portfolio

GOAL = '+++\ntitle = "Student-led assessment"\nstatus = "active"\n+++\n'


def mentor_file() -> FeedbackFile:
    fb = FeedbackFile(author="Ms. Rivera", created=datetime(2026, 11, 20, 9, 30))
    fb.add("goals/student-led", "praise", "The rubric co-design is **excellent**.\nKeep going.")
    fb.add("plan", "question", "How will you know students own the process?", title="Ownership")
    fb.add("evidence/deleted-photo", "suggestion", "Add a caption.")
    fb.add("standard:ga-pl:5", "next-step", "Try a student-led conference.")
    return fb


def test_the_file_round_trips():
    fb = mentor_file()
    back = loads(dumps(fb))
    assert back.author == "Ms. Rivera" and back.created == fb.created
    assert [(i.id, i.about, i.kind, i.body) for i in back.items] == \
        [(i.id, i.about, i.kind, i.body) for i in fb.items]


def test_import_adds_linked_unread_feedback_once(make_portfolio):
    root = make_portfolio({"goals/student-led.md": GOAL})
    store = PortfolioStore(root)
    sent = mentor_file()
    report = import_feedback(store, sent)
    assert len(report.added) == 4 and report.duplicates == []
    assert report.about_missing == [p for p in report.added if "suggestion" in p]

    portfolio = load_portfolio(root)
    by_about = {f.about: f for f in portfolio.feedback.values()}
    praise = by_about["goals/student-led"]
    assert (praise.author, praise.role, praise.kind, praise.read) == ("Ms. Rivera", "mentor", "praise", False)
    assert praise.body == "The rubric co-design is **excellent**.\nKeep going.\n"
    assert "evidence/deleted-photo" in by_about, "feedback about a missing entry is kept"
    assert any("deleted-photo" in p.message for p in portfolio.problems), "and flagged"

    again = import_feedback(PortfolioStore(root), loads(dumps(sent)))
    assert again.added == [] and len(again.duplicates) == 4


def test_cli_imports_a_zip_twice_without_duplicates(make_portfolio, tmp_path):
    root = make_portfolio({"goals/student-led.md": GOAL})
    path = tmp_path / mentor_file().file_name(".zip")
    path.write_bytes(to_zip(mentor_file()))
    first = CliRunner().invoke(main, ["feedback", "import", str(path), "--portfolio", str(root)])
    assert first.exit_code == 0, first.output
    assert "4 added, 0 already imported, 1 about entries no longer in the portfolio (kept)" in first.output
    second = CliRunner().invoke(main, ["feedback", "import", str(path), "--portfolio", str(root)])
    assert "0 added, 4 already imported" in second.output
    assert len(load_portfolio(root).feedback) == 4


def test_replies_are_threaded(make_portfolio):
    root = make_portfolio({"goals/student-led.md": GOAL})
    first = mentor_file()
    import_feedback(PortfolioStore(root), first)
    follow_up = FeedbackFile(author="Ms. Rivera", created=datetime(2026, 11, 27))
    follow_up.add("goals/student-led", "reply", "Thanks for your answer!", in_reply_to=first.items[0].id)
    import_feedback(PortfolioStore(root), follow_up)
    portfolio = load_portfolio(root)
    reply = next(f for f in portfolio.feedback.values() if f.kind == "reply")
    assert portfolio.feedback[reply.in_reply_to].id == first.items[0].id


@pytest.mark.parametrize("content,words", [
    (b"format = 'other'\n", "not a PLfolio feedback file"),
    (b"format = 'plfolio-feedback/1'\n", "names no author"),
    (b"format = 'plfolio-feedback/1'\nauthor = 'M'\n[[feedback]]\nbody = 'x'\n", "needs an id"),
    (b"not toml [", "is not valid TOML"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_bad_files_are_refused_with_the_reason(tmp_path, content, words):
    path = tmp_path / "f.toml"
    path.write_bytes(content)
    with pytest.raises(FeedbackFileError, match=words):
        read(path)


def test_a_zip_bomb_member_is_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("feedback.toml", b"#" * (6 * 1024 * 1024))
    with pytest.raises(FeedbackFileError, match="too large"):
        read(path)


def test_cli_reports_a_bad_file_in_one_line(make_portfolio, tmp_path):
    path = tmp_path / "f.toml"
    path.write_text("format = 'x'\n")
    result = CliRunner().invoke(main, ["feedback", "import", str(path), "--portfolio", str(make_portfolio())])
    assert result.exit_code == 1 and "not a PLfolio feedback file" in result.output

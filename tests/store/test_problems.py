"""A corpus of malformed files: each yields the right Problem, the rest still loads, nothing is modified."""

from __future__ import annotations

import pytest

from plfolio.store import load_portfolio

GOOD_GOAL = '+++\ntitle = "A good goal"\nstatus = "active"\nstandards = ["ga-pl:5"]\n+++\nBody\n'

CORPUS = [
    # (file name, content, expected path, expected line, words in the message)
    ("goals/bad-toml.md", '+++\ntitle = "Unclosed\nstatus = "active"\n+++\n', "goals/bad-toml.md", 2,
     "not valid TOML"),
    ("goals/no-fence.md", 'title = "x"\n', "goals/no-fence.md", 1, "must start with a line '+++'"),
    ("goals/unclosed.md", '+++\ntitle = "x"\n', "goals/unclosed.md", 1, "no closing '+++'"),
    ("goals/latin1.md", b'+++\ntitle = "caf\xe9"\n+++\n', "goals/latin1.md", 2, "not valid UTF-8"),
    ("goals/wrong-type.md", '+++\ntitle = "x"\n\ntags = "not a list"\n+++\n', "goals/wrong-type.md", 4,
     "'tags' should be a list of text"),
    ("goals/bad-status.md", '+++\ntitle = "x"\nstatus = "done"\n+++\n', "goals/bad-status.md", 3,
     "unknown status 'done'"),
    ("goals/bad-stage.md", '+++\ntitle = "x"\ncycle_stage = "planning"\n+++\n', "goals/bad-stage.md", 3,
     "unknown cycle_stage 'planning'"),
    ("goals/no-title.md", '+++\nstatus = "draft"\n+++\n', "goals/no-title.md", None,
     "missing required key 'title'"),
    ("goals/unknown-std.md", '+++\ntitle = "x"\n\nstandards = ["ga-pl:99"]\n+++\n',
     "goals/unknown-std.md", 4, "unknown standard 'ga-pl:99'"),
    ("goals/unknown-fw.md", '+++\ntitle = "x"\nstandards = ["nope:1"]\n+++\n', "goals/unknown-fw.md", 3,
     "unknown framework 'nope'"),
    ("goals/bad-ref.md", '+++\ntitle = "x"\nstandards = ["ga-pl"]\n+++\n', "goals/bad-ref.md", 3,
     "is not a standard reference"),
    ("goals/bad-step.md", '+++\ntitle = "x"\n\n[[action_steps]]\ntext = "a"\n\n[[action_steps]]\n'
     'text = "b"\ndue = "next week"\n+++\n', "goals/bad-step.md", 9,
     "action_steps[2].due: 'due' should be a date"),
    ("evidence/dangling.md", '+++\ntitle = "x"\ndate = 2026-09-01\ngoals = ["a-good-goal", "gone"]\n+++\n',
     "evidence/dangling.md", 4, "refers to 'gone', which is not in goals/"),
    ("evidence/no-file/index.md", '+++\ntitle = "x"\ndate = 2026-09-01\nattachments = ["missing.pdf"]\n+++\n',
     "evidence/no-file/index.md", 4, "attachments 'missing.pdf' is not in evidence/no-file/"),
    ("evidence/flat-attach.md", '+++\ntitle = "x"\ndate = 2026-09-01\nattachments = ["a.png"]\n+++\n',
     "evidence/flat-attach.md", 4, "needs the entry's own folder"),
    ("reflections/no-date.md", '+++\ntitle = "x"\n+++\n', "reflections/no-date.md", None,
     "missing required key 'date'"),
    ("activities/bad-hours.md", '+++\ntitle = "x"\ndate = 2026-09-01\nhours = "two"\n+++\n',
     "activities/bad-hours.md", 4, "'hours' should be a number"),
    ("activities/bad-path.md", '+++\ntitle = "x"\ndate = 2026-09-01\nhours = 1\npathway = "nowhere"\n+++\n',
     "activities/bad-path.md", 5, "refers to 'nowhere', which is not in pathways/"),
    ("assessments/out-of-scale.toml", 'title = "x"\ndate = 2026-09-01\nframework = "ga-pl"\n\n'
     '[[ratings]]\nstandard = "ga-pl:5"\nlevel = 9\n', "assessments/out-of-scale.toml", 7,
     "level 9 is outside"),
    ("feedback/about-gone.md", '+++\ndate = 2026-09-01\nauthor = "M"\nabout = "goals/deleted-goal"\n+++\nHi\n',
     "feedback/about-gone.md", 4, "is not in the portfolio"),
    ("goals/Bad Name.md", GOOD_GOAL, "goals/Bad Name.md", None, "lowercase letters"),
    ("goals/notes.txt", "hello", "goals/notes.txt", None, "is not a goals entry"),
    ("goals/empty-folder/readme.txt", "x", "goals/empty-folder", None, "has no index.md"),
    ("goals/a-good-goal/index.md", GOOD_GOAL, "goals/a-good-goal.md", None, "duplicate slug"),
]


@pytest.fixture
def corpus_portfolio(make_portfolio):
    files = {"goals/a-good-goal.md": GOOD_GOAL}
    files.update({name: content for name, content, *_ in CORPUS})
    root = make_portfolio(files)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    portfolio = load_portfolio(root)
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert before == after, "loading must never modify a file"
    return portfolio


@pytest.mark.parametrize("name,content,path,line,words", CORPUS, ids=[c[0] for c in CORPUS])
def test_each_malformed_file_gives_its_problem(corpus_portfolio, name, content, path, line, words):
    matches = [p for p in corpus_portfolio.problems if p.path == path and words in p.message]
    assert matches, f"no problem '{words}' for {path}: {corpus_portfolio.problems_for(path)}"
    assert matches[0].line == line
    assert matches[0].hint, "every problem says what to do"


def test_the_rest_still_loads(corpus_portfolio):
    goals = corpus_portfolio.goals
    assert goals["a-good-goal"].title == "A good goal"
    # files with field-level problems still load with the field at its default
    assert goals["bad-status"].status == "draft"
    assert goals["unknown-std"].standards == ["ga-pl:99"]
    assert "gone" in corpus_portfolio.evidence["dangling"].goals
    # files that do not parse at all are absent
    assert "bad-toml" not in goals and "latin1" not in goals
    assert "about-gone" in corpus_portfolio.feedback, "feedback about a missing entry is kept"


def test_a_clean_portfolio_has_no_problems(make_portfolio):
    root = make_portfolio({"goals/a-good-goal.md": GOOD_GOAL,
                           "profile.toml": '[[strengths]]\ntext = "Patient"\nstandards = ["ga-pl:9"]\n'})
    assert load_portfolio(root).problems == []

"""The example portfolio is realistic and clean: what a new user sees first must be right."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner

from plfolio.cli import main
from plfolio.model import entry_school_year
from plfolio.store import load_portfolio
from support import EXAMPLE


def test_check_reports_nothing():
    result = CliRunner().invoke(main, ["check", "--portfolio", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "" and result.stderr.startswith("No problems:")


def test_it_has_the_breadth_a_real_portfolio_has():
    p = load_portfolio(EXAMPLE)
    assert not p.profile.is_empty() and all([p.profile.strengths, p.profile.needs,
                                             p.profile.interests, p.profile.constraints])
    assert len(p.goals) >= 5 and len({g.school_year for g in p.goals.values()}) >= 2
    assert len(p.evidence) >= 20 and sum(bool(e.attachments) for e in p.evidence.values()) >= 5
    assert len(p.reflections) >= 10
    start = p.config.settings.school_year_start
    assert len({entry_school_year(a, start) for a in p.activities.values()}) >= 2
    assert len(p.activities) >= 15 and any(a.certificate for a in p.activities.values())
    assert len(p.assessments) >= 2 and len(p.pathways) >= 1
    assert any(f.role == "mentor" for f in p.feedback.values())
    visibilities = Counter(getattr(e, "visibility") for kind in p.entries.values() for e in kind.values())
    assert set(visibilities) == {"private", "mentor", "public"}

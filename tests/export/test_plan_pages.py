"""The plan's timeline and the pathways page, as a mentor or the public sees them."""

from __future__ import annotations

import re

from plfolio.export.site import export_site
from plfolio.export.timeline import timeline
from plfolio.export.audience import for_audience
from plfolio.store import load_portfolio

PATHWAY = ('title = "Science PL menu"\nvisibility = "public"\n[badge]\nname = "PL Explorer"\n'
           '[[groups]]\nid = "bites"\ntitle = "Quick bites"\nchoose = 1\n'
           '[[elements]]\nid = "kickoff"\ntitle = "Kickoff day"\nrequired = true\n'
           '[[elements]]\nid = "video"\ntitle = "Practice video"\ngroup = "bites"\n')
FILES = {
    "goals/rubrics.md": '+++\ntitle = "Rubrics"\nstatus = "active"\ntarget_date = 2026-12-15\nvisibility = "public"\n'
                        '[[action_steps]]\ntext = "Pilot in two classes"\ndue = 2026-11-02\n'
                        '[[action_steps]]\ntext = "Draft the rubric"\ndue = 2026-10-01\ndone = true\n'
                        '[[action_steps]]\ntext = "Someday"\n+++\n',
    "goals/hidden.md": '+++\ntitle = "Hidden goal"\nvisibility = "private"\n[[action_steps]]\n'
                       'text = "Hidden step"\ndue = 2026-10-15\n+++\n',
    "pathways/menu.toml": PATHWAY,
    "activities/kickoff.md": '+++\ntitle = "Kickoff"\ndate = 2026-08-01\nhours = 6.0\npathway = "menu"\n'
                             'pathway_element = "kickoff"\nvisibility = "public"\n+++\n',
    "activities/video.md": '+++\ntitle = "Video talk"\ndate = 2026-09-01\nhours = 1.0\npathway = "menu"\n'
                           'pathway_element = "video"\nvisibility = "private"\n+++\n',
}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_timeline_orders_dated_steps_and_targets_across_goals(make_portfolio):
    root = make_portfolio(FILES)
    months = timeline(for_audience(load_portfolio(root), "owner"))
    assert [key for key, _ in months] == ["2026-10", "2026-11", "2026-12"]
    assert [m.text for m in months[0][1]] == ["Draft the rubric", "Hidden step"]
    assert months[2][1][0].kind == "target"


def test_the_plan_page_shows_the_timeline_without_hidden_goals(make_portfolio, tmp_path):
    root = make_portfolio(FILES)
    site = export_site(load_portfolio(root), root, tmp_path / "s", "mentor")
    plan = text_of((site / "plan.html").read_text("utf-8")).split("Timeline", 1)[1]
    assert plan.index("October 2026") < plan.index("Draft the rubric") < plan.index("November 2026") \
        < plan.index("Pilot in two classes") < plan.index("Target date: Rubrics")
    assert "Hidden step" not in plan and "Someday" not in plan


def test_pathway_progress_counts_only_what_the_audience_may_see(make_portfolio, tmp_path):
    root = make_portfolio(FILES)
    owner = text_of((export_site(load_portfolio(root), root, tmp_path / "o", "owner") / "pathways.html")
                    .read_text("utf-8"))
    assert "badge earned" in owner
    public = text_of((export_site(load_portfolio(root), root, tmp_path / "p", "public") / "pathways.html")
                     .read_text("utf-8"))
    assert "badge earned" not in public and "Still needed: 1 more from Quick bites" in public
    assert "✓ Kickoff day" in public and "✓ Practice video" not in public


def test_elements_outside_any_group_are_listed(make_portfolio, tmp_path):
    root = make_portfolio(FILES)
    page = (export_site(load_portfolio(root), root, tmp_path / "s", "owner") / "pathways.html").read_text("utf-8")
    assert "Kickoff day" in page and "Other elements" in page

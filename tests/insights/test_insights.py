"""Each computation on small hand-made portfolios with known answers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from plfolio.insights import charts
from plfolio.insights.assessments import level_history
from plfolio.insights.coverage import coverage_by_goal, coverage_by_year
from plfolio.insights.hours import hours_by_year, renewal_periods, transcript_csv
from plfolio.insights.progress import attention, measure_series, next_steps, pathway_status
from plfolio.store import load_portfolio

TODAY = date(2026, 11, 24)
CONFIG = """format = 1
[settings]
frameworks = ["ga-pl"]
pd_hours_required = 50.0
renewal_period_years = 5
renewal_period_start = 2022
"""


def activity(slug, day, hours, required=False, modality="workshop", credit="PLU", extra=""):
    return (f"activities/{slug}.md", f'+++\ntitle = "{slug}"\ndate = {day}\nhours = {hours}\nrequired = '
            f'{str(required).lower()}\nmodality = "{modality}"\ncredit_type = "{credit}"\n{extra}+++\n')


@pytest.fixture
def portfolio(make_portfolio):
    files = dict([
        # school year 2026-2027 is the last of the 2022 period; 2027-2028 starts the next
        activity("a", "2026-09-10", 3.0, required=True),
        activity("b", "2027-06-30", 2.5, modality="course", credit="CEU"),
        activity("c", "2027-08-01", 4.0, required=True),
        activity("d", "2023-01-15", 1.5, modality="pln", credit=""),
        activity("e", "2026-10-01", 1.0, extra='pathway = "menu"\npathway_element = "kickoff"\n'),
        activity("f", "2026-10-02", 1.0, extra='pathway = "menu"\npathway_element = "video"\n'),
    ])
    files.update({
        "goals/g1.md": '+++\ntitle = "Rubrics"\nstatus = "active"\nschool_year = "2026-2027"\n'
                       'standards = ["ga-pl:5"]\nmeasures = ["Self-scored reports"]\n'
                       '[[action_steps]]\ntext = "Late step"\ndue = 2026-11-01\n'
                       '[[action_steps]]\ntext = "Done step"\ndue = 2026-10-01\ndone = true\n'
                       '[[action_steps]]\ntext = "Next step"\ndue = 2026-12-15\n'
                       '[[progress]]\ndate = 2026-11-01\nmeasure = "Self-scored reports"\nvalue = 60.0\n'
                       '[[progress]]\ndate = 2026-10-01\nmeasure = "Self-scored reports"\nvalue = 40.0\n+++\n',
        "goals/g2.md": '+++\ntitle = "Quiet goal"\nstatus = "active"\nschool_year = "2026-2027"\n'
                       'cycle_stage = "safe-practice"\nstandards = ["ga-pl:9"]\n+++\n',
        "evidence/e1.md": '+++\ntitle = "E1"\ndate = 2025-10-01\ngoals = ["g1"]\nstandards = ["ga-pl:5"]\n+++\n',
        "evidence/e2.md": '+++\ntitle = "E2"\ndate = 2026-10-01\ngoals = ["g1"]\nstandards = ["ga-pl:5", "ga-pl:2"]\n+++\n',
        "evidence/e3.md": '+++\ntitle = "E3"\ndate = 2026-10-05\nstandards = ["ga-pl:5"]\n+++\n',
        "reflections/r1.md": '+++\ntitle = "R1"\ndate = 2026-11-20\ngoals = ["g1"]\n+++\n',
        "reflections/r2.md": '+++\ntitle = "R2"\ndate = 2026-09-01\ngoals = ["g2"]\n+++\n',
        "feedback/f1.md": '+++\ndate = 2026-11-01\nauthor = "M"\nabout = "goals/g1"\n+++\nHi\n',
        "feedback/f2.md": '+++\ndate = 2026-11-03\nauthor = "Me"\nrole = "self"\nkind = "reply"\n'
                          'in_reply_to = "f1"\nabout = "goals/g1"\n+++\nThanks!\n',
        "assessments/a1.toml": 'title = "Fall 25"\ndate = 2025-09-01\nframework = "gsp-rubric"\n'
                               '[[ratings]]\nstandard = "gsp-rubric:1.2"\nlevel = 1\n',
        "assessments/a2.toml": 'title = "Fall 26"\ndate = 2026-09-01\nframework = "gsp-rubric"\n'
                               '[[ratings]]\nstandard = "gsp-rubric:1.2"\nlevel = 3\n'
                               '[[ratings]]\nstandard = "gsp-rubric:2.4"\nlevel = 5\n',
        "pathways/menu.toml": 'title = "Menu"\n[[groups]]\nid = "bites"\ntitle = "Quick bites"\nchoose = 2\n'
                              '[[elements]]\nid = "kickoff"\ntitle = "Kickoff"\nrequired = true\n'
                              '[[elements]]\nid = "data-day"\ntitle = "Data day"\nrequired = true\n'
                              '[[elements]]\nid = "video"\ntitle = "Video"\ngroup = "bites"\n'
                              '[[elements]]\nid = "tip"\ntitle = "Tech tip"\ngroup = "bites"\n',
    })
    root = make_portfolio(files, config=CONFIG)
    p = load_portfolio(root)
    assert p.problems == [], p.problems
    return p


def test_hours_per_school_year(portfolio):
    years = hours_by_year(portfolio)
    assert list(years) == ["2022-2023", "2026-2027", "2027-2028"]
    y = years["2026-2027"]
    assert (y.total, y.required, y.optional) == (7.5, 3.0, 4.5)
    assert y.by_modality == {"course": 2.5, "workshop": 5.0}
    assert y.by_credit == {"CEU": 2.5, "PLU": 5.0}


def test_hours_across_a_renewal_period_boundary(portfolio):
    periods = renewal_periods(portfolio)
    assert [(p.label, p.hours.total) for p in periods] == [("2022-2027", 9.0), ("2027-2032", 4.0)]
    assert periods[0].required_hours == 50.0 and not periods[0].met


def test_transcript_csv_lists_every_activity_in_order(portfolio):
    lines = transcript_csv(portfolio, "2026-2027").splitlines()
    assert lines[0] == "date,title,provider,modality,hours,credit_type,required,certificate"
    assert [line.split(",")[1] for line in lines[1:]] == ["a", "e", "f", "b"]
    assert lines[1] == "2026-09-10,a,,workshop,3,PLU,yes,"


def test_coverage_by_year_and_gaps(portfolio):
    fw = portfolio.frameworks["ga-pl"]
    matrix = coverage_by_year(portfolio, fw)
    assert matrix.columns == ["2025-2026", "2026-2027"]
    row5 = next(r for r in matrix.rows if r.standard.code == "5")
    assert {k: [e.slug for e in v] for k, v in row5.cells.items()} == {"2025-2026": ["e1"],
                                                                       "2026-2027": ["e2", "e3"]}
    assert row5.total == 3
    assert {r.standard.code for r in matrix.gaps} == {"1", "3", "4", "6", "7", "8", "9", "10"}


def test_coverage_by_goal(portfolio):
    matrix = coverage_by_goal(portfolio, portfolio.frameworks["ga-pl"])
    assert matrix.columns == ["g2", "g1"]  # by school year, then title: "Quiet goal" before "Rubrics"
    row5 = next(r for r in matrix.rows if r.standard.code == "5")
    assert [e.slug for e in row5.cells["g1"]] == ["e1", "e2"] and row5.cells["g2"] == []


def test_steps_due_and_overdue(portfolio):
    due = next_steps(portfolio, TODAY)
    assert [(d.step.text, d.overdue) for d in due] == [("Late step", True), ("Next step", False)]


def test_measures_over_time_are_in_date_order(portfolio):
    (series,) = measure_series(portfolio.goals["g1"])
    assert series.points == [(date(2026, 10, 1), 40.0), (date(2026, 11, 1), 60.0)]


def test_hours_sums_are_rounded_to_hundredths(make_portfolio):
    root = make_portfolio(dict(activity(str(i), "2026-09-10", 0.1) for i in range(3)), config=CONFIG)
    year = hours_by_year(load_portfolio(root))["2026-2027"]
    assert (year.total, year.optional, year.by_modality) == (0.3, 0.3, {"workshop": 0.3})


def test_an_all_optional_pathway_with_nothing_done_is_not_earned(make_portfolio):
    root = make_portfolio({"pathways/p.toml": 'title = "P"\n[[elements]]\nid = "x"\ntitle = "X"\n'},
                          config=CONFIG)
    p = load_portfolio(root)
    status = pathway_status(p, p.pathways["p"])
    assert not status.earned and status.left == ["at least one element"]


def test_pathway_choose_n_of_m(portfolio):
    status = pathway_status(portfolio, portfolio.pathways["menu"])
    assert status.done == {"kickoff", "video"}
    assert status.left == ["Data day", "1 more from Quick bites"] and not status.earned


def test_attention_items(portfolio):
    items = [(a.message, a.goal.slug if a.goal else None) for a in attention(portfolio, TODAY)]
    assert ("Overdue: Late step", "g1") in items
    assert ("No evidence linked yet", "g2") in items
    assert ("No reflection in 4 weeks", "g2") in items and ("No reflection in 4 weeks", "g1") not in items
    assert ("1 unread feedback", None) in items  # the teacher's own reply is not unread news
    nudge = next(a for a in attention(portfolio, TODAY) if a.prompt_stage)
    assert nudge.prompt_stage == "safe-practice" and nudge.prompt.startswith("What did you try")


def test_a_future_dated_reflection_does_not_silence_the_nudge(make_portfolio):
    root = make_portfolio({
        "goals/g.md": '+++\ntitle = "G"\nstatus = "active"\nschool_year = "2026-2027"\n+++\n',
        "reflections/r.md": '+++\ntitle = "Later"\ndate = 2027-01-10\ngoals = ["g"]\n+++\n'}, config=CONFIG)
    items = [a.message for a in attention(load_portfolio(root), TODAY)]
    assert "No reflection in 4 weeks" in items


def test_self_assessment_history_and_change(portfolio):
    histories = {h.standard.code: h for h in level_history(portfolio, portfolio.frameworks["gsp-rubric"])}
    assert histories["1.2"].points == [(date(2025, 9, 1), 1), (date(2026, 9, 1), 3)]
    assert histories["1.2"].change == 2 and histories["1.2"].latest == 3
    assert histories["2.4"].change is None and histories["LP"].points == []


SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("chart", [
    lambda: charts.bar_chart("Hours by modality", [("Workshop", 5.0), ("Course <b>", 2.5)], " h"),
    lambda: charts.stacked_bars("Hours", [("2025-2026", [3.0, 1.5]), ("2026-2027", [4.0, 0.0])],
                                ["required", "optional"]),
    lambda: charts.line_chart("Level", [(date(2025, 9, 1), 1), (date(2026, 9, 1), 3)], 1, 5, {1: "I", 5: "P"}),
    lambda: charts.line_chart("Empty", []),
    lambda: charts.progress_bar("Renewal", 9.0, 50.0),
    lambda: charts.bar_chart("Pasted \x0btitle", [("Form\x0cfeed", 1.0)]),  # characters XML forbids
])
def test_charts_are_valid_accessible_deterministic_svg(chart):
    svg = str(chart())
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("viewBox")
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    assert str(chart()) == svg
    assert "<b>" not in svg


def test_chart_description_states_the_figures():
    svg = charts.bar_chart("Hours", [("Workshop", 5.0)], " h")
    assert "Workshop: 5 h" in ET.fromstring(str(svg)).find(f"{SVG}desc").text

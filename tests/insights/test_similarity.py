"""Recycled plans: true and false cases that set the similarity threshold."""

from __future__ import annotations

import pytest

from plfolio.insights.similarity import THRESHOLD, containment, shingles, similar_earlier_goals
from plfolio.model import ActionStep, Goal, Portfolio
from plfolio.store import load_portfolio
from support import EXAMPLE

BASE = Goal(
    slug="old", title="Use exit tickets to check understanding every week", school_year="2025-2026",
    measures=["Share of lessons ending with an exit ticket", "Students who self-correct after feedback"],
    action_steps=[ActionStep("Write ten exit ticket templates"), ActionStep("Review tickets with my PLC monthly")],
    body="I want quick evidence of what students understood before the next lesson.\n\n"
         "Exit tickets give me that evidence and let me regroup students the next day.")

TRUE_CASES = {
    "same plan, new year": dict(title=BASE.title, measures=BASE.measures, action_steps=BASE.action_steps,
                                body=BASE.body),
    "light rewording": dict(title="Use exit tickets to check understanding each week", measures=BASE.measures,
                            action_steps=BASE.action_steps,
                            body="I want fast evidence of what my students understood before the next lesson.\n\n"
                                 "Exit tickets give me that evidence and let me regroup students the next day."),
    "paragraphs reordered": dict(title=BASE.title, measures=list(reversed(BASE.measures)),
                                 action_steps=list(reversed(BASE.action_steps)),
                                 body="Exit tickets give me that evidence and let me regroup students the next day.\n\n"
                                      "I want quick evidence of what students understood before the next lesson."),
    "a few sentences added": dict(title=BASE.title, measures=BASE.measures, action_steps=BASE.action_steps,
                                  body=BASE.body + "\n\nThis year I will also share the results with students.\n"
                                                   "And try a digital version in one class."),
    "carried over with a new step": dict(
        title="Use exit tickets to check understanding every week and act on them",
        measures=BASE.measures[:1] + ["Regrouping decisions logged"],
        action_steps=BASE.action_steps + [ActionStep("Regroup students using ticket data")],
        body="I want quick evidence of what students understood before the next lesson. This year the next "
             "step is acting on it: exit tickets give me that evidence and let me regroup students the next day."),
}

FALSE_CASES = {
    "same topic, different goal": dict(
        title="Students design their own exit tickets",
        measures=["Student-written questions used"],
        action_steps=[ActionStep("Teach question stems"), ActionStep("Let groups write Friday's ticket")],
        body="Students learn to ask good questions by writing the checks for their classmates."),
    "short title sharing words": dict(title="Check understanding with families", body="", measures=[]),
    "different subject": dict(title="Grow my PLN and blog monthly", measures=["Posts published"],
                              body="Writing makes me reflect; sharing makes me finish."),
    "same standards, different plan": dict(
        title="Flexible seating in the science lab", measures=["Students choosing a seat that helps them"],
        body="Students choose where they work best and explain why."),
}


def goal(**fields) -> Goal:
    return Goal(slug="new", school_year="2026-2027", **fields)


def portfolio_with(new: Goal) -> Portfolio:
    p = Portfolio()
    p.entries["goals"] = {"old": BASE, "new": new}
    return p


@pytest.mark.parametrize("name", TRUE_CASES)
def test_recycled_plans_are_found(name):
    new = goal(**TRUE_CASES[name])
    matches = similar_earlier_goals(portfolio_with(new), new)
    assert [m.earlier.slug for m in matches] == ["old"], containment(shingles(new), shingles(BASE))


@pytest.mark.parametrize("name", FALSE_CASES)
def test_different_goals_are_not_flagged(name):
    new = goal(**FALSE_CASES[name])
    assert similar_earlier_goals(portfolio_with(new), new) == [], containment(shingles(new), shingles(BASE))


def test_only_earlier_years_count():
    later = Goal(slug="later", school_year="2027-2028", **TRUE_CASES["same plan, new year"])
    p = portfolio_with(later)
    assert similar_earlier_goals(p, BASE) == []


def test_the_threshold_separates_the_cases_with_room_to_spare():
    true_scores = [containment(shingles(goal(**c)), shingles(BASE)) for c in TRUE_CASES.values()]
    false_scores = [containment(shingles(goal(**c)), shingles(BASE)) for c in FALSE_CASES.values()]
    assert min(true_scores) >= THRESHOLD + 0.3 and max(false_scores) <= THRESHOLD - 0.15


def test_the_example_portfolio_flags_its_carried_over_goal():
    p = load_portfolio(EXAMPLE)
    matches = similar_earlier_goals(p, p.goals["students-defend-their-evidence"])
    assert [m.earlier.slug for m in matches] == ["self-assessed-labs"]
    assert all(similar_earlier_goals(p, g) == [] for g in p.goals.values()
               if g.slug != "students-defend-their-evidence")


def test_a_short_goal_quoting_one_phrase_of_a_long_one_is_not_flagged():
    # All three of its shingles occur in BASE: plain containment would score it 1.0.
    new = goal(title="Exit tickets give me that evidence", body="", measures=[])
    assert similar_earlier_goals(portfolio_with(new), new) == []


def test_two_identical_short_goals_are_still_flagged():
    short = dict(title="Grow my PLN", body="", measures=[])
    old = Goal(slug="old", school_year="2025-2026", **short)
    new = goal(**short)
    p = Portfolio()
    p.entries["goals"] = {"old": old, "new": new}
    assert [(m.earlier.slug, m.score) for m in similar_earlier_goals(p, new)] == [("old", 1.0)]

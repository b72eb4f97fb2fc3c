"""Goals and pathways: what is done, what is due, what is left, what needs attention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from plfolio.model import REFLECTION_PROMPTS, ActionStep, Goal, Pathway, Portfolio

QUIET_WEEKS = 4


@dataclass
class StepDue:
    goal: Goal
    step: ActionStep
    overdue: bool


@dataclass
class PathwayStatus:
    pathway: Pathway
    done: set[str]  # ids of completed elements
    left: list[str]  # what is still needed, in words
    earned: bool


@dataclass
class Attention:
    message: str
    goal: Goal | None = None
    link: str = ""
    prompt_stage: str = ""
    prompt: str = ""


@dataclass
class MeasureSeries:
    measure: str
    points: list[tuple[date, float]] = field(default_factory=list)


def next_steps(portfolio: Portfolio, today: date) -> list[StepDue]:
    """Open steps of active goals, earliest due first (undated last)."""
    due = [StepDue(g, s, bool(s.due and s.due < today)) for g in portfolio.goals.values()
           if g.status == "active" for s in g.action_steps if not s.done]
    return sorted(due, key=lambda d: (d.step.due is None, d.step.due or today, d.goal.title))


def pathway_status(portfolio: Portfolio, pathway: Pathway) -> PathwayStatus:
    """An element is done when an activity names this pathway and that element."""
    ids = {e.id for e in pathway.elements}
    done = {a.pathway_element for a in portfolio.activities.values()
            if a.pathway == pathway.slug and a.pathway_element in ids}
    left = [e.title for e in pathway.elements if e.required and e.id not in done]
    for group in pathway.groups:
        chosen = sum(1 for e in pathway.elements if e.group == group.id and not e.required and e.id in done)
        if group.choose > chosen:
            left.append(f"{group.choose - chosen} more from {group.title or group.id}")
    if not done and not left:  # an empty or all-optional pathway never hands out a badge for nothing
        left.append("at least one element")
    return PathwayStatus(pathway, done, left, earned=not left)


def measure_series(goal: Goal) -> list[MeasureSeries]:
    """Each measure of progress with its recorded values in date order."""
    series = {m: MeasureSeries(m) for m in goal.measures}
    for record in sorted(goal.progress, key=lambda r: r.date or date.min):
        if record.date:
            series.setdefault(record.measure, MeasureSeries(record.measure)).points.append(
                (record.date, record.value))
    return [s for s in series.values() if s.points]


def attention(portfolio: Portfolio, today: date) -> list[Attention]:
    """Overdue steps, active goals without evidence, quiet goals (with a prompt), unread feedback."""
    items = [Attention(f"Overdue: {d.step.text}", d.goal) for d in next_steps(portfolio, today) if d.overdue]
    quiet_since = today - timedelta(weeks=QUIET_WEEKS)
    for goal in sorted(portfolio.goals.values(), key=lambda g: g.title):
        if goal.status != "active":
            continue
        if not any(goal.slug in e.goals for e in portfolio.evidence.values()):
            items.append(Attention("No evidence linked yet", goal))
        # A reflection dated in the future is a typo or a plan: it must not silence the nudge.
        dates = [r.date for r in portfolio.reflections.values()
                 if goal.slug in r.goals and r.date and r.date <= today]
        if not dates or max(dates) < quiet_since:
            items.append(Attention(f"No reflection in {QUIET_WEEKS} weeks", goal, prompt_stage=goal.cycle_stage,
                                   prompt=REFLECTION_PROMPTS.get(goal.cycle_stage, "")))
    unread = sum(not f.read and f.role != "self" for f in portfolio.feedback.values())  # own replies aside
    if unread:
        items.append(Attention(f"{unread} unread feedback", link="feedback_list"))
    return items

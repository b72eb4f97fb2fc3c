"""The dashboard: this school year at a glance, and what needs attention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from starlette.requests import Request
from starlette.responses import Response

from plfolio.model import ActionStep, Goal, Pathway, Portfolio, entry_school_year, school_year_of
from plfolio.web.pages import render, store_of, today_of

RECENT = 5
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
    items: list[str] = field(default_factory=list)


def next_steps(portfolio: Portfolio, today: date) -> list[StepDue]:
    """Open steps of active goals, earliest due first (undated last)."""
    due = [StepDue(g, s, bool(s.due and s.due < today)) for g in portfolio.goals.values()
           if g.status == "active" for s in g.action_steps if not s.done]
    return sorted(due, key=lambda d: (d.step.due is None, d.step.due or today, d.goal.title))


def pathway_status(portfolio: Portfolio, pathway: Pathway) -> PathwayStatus:
    ids = {e.id for e in pathway.elements}
    done = {a.pathway_element for a in portfolio.activities.values()
            if a.pathway == pathway.slug and a.pathway_element in ids}
    left = [e.title for e in pathway.elements if e.required and e.id not in done]
    for group in pathway.groups:
        chosen = sum(1 for e in pathway.elements if e.group == group.id and not e.required and e.id in done)
        if group.choose > chosen:
            left.append(f"{group.choose - chosen} more from {group.title or group.id}")
    return PathwayStatus(pathway, done, left, earned=not left)


def renewal_period(portfolio: Portfolio, year: str) -> tuple[int, int] | None:
    """First and last start years of the school years in the renewal period containing ``year``."""
    settings = portfolio.config.settings
    if not settings.renewal_period_start or settings.renewal_period_years < 1:
        return None
    start = int(year[:4])
    k = (start - settings.renewal_period_start) // settings.renewal_period_years
    first = settings.renewal_period_start + k * settings.renewal_period_years
    return first, first + settings.renewal_period_years - 1


def attention(portfolio: Portfolio, today: date, steps: list[StepDue]) -> list[Attention]:
    items = [Attention(f"Overdue: {d.step.text}", d.goal) for d in steps if d.overdue]
    quiet_since = today - timedelta(weeks=QUIET_WEEKS)
    for goal in portfolio.goals.values():
        if goal.status != "active":
            continue
        if not any(goal.slug in e.goals for e in portfolio.evidence.values()):
            items.append(Attention("No evidence linked yet", goal))
        dates = [r.date for r in portfolio.reflections.values() if goal.slug in r.goals and r.date]
        if not dates or max(dates) < quiet_since:
            items.append(Attention(f"No reflection in {QUIET_WEEKS} weeks", goal,
                                   prompt_stage=goal.cycle_stage))
    unread = sum(not f.read for f in portfolio.feedback.values())
    if unread:
        items.append(Attention(f"{unread} unread feedback", link="feedback_list"))
    return items


def dashboard(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    today = today_of(request)
    settings = portfolio.config.settings
    year = school_year_of(today, settings.school_year_start)
    this_year = [a for a in portfolio.activities.values()
                 if entry_school_year(a, settings.school_year_start) == year]
    evidence_this_year = [e for e in portfolio.evidence.values()
                          if entry_school_year(e, settings.school_year_start) == year]
    coverage = [(fw, [(s, sum(f"{fw.id}:{s.code}" in e.standards for e in evidence_this_year))
                      for s in fw.standards]) for fw in portfolio.frameworks_in_use()]
    steps = next_steps(portfolio, today)
    period = renewal_period(portfolio, year)
    period_hours = sum(a.hours for a in portfolio.activities.values() if period and
                       period[0] <= int(entry_school_year(a, settings.school_year_start)[:4] or 0) <= period[1])
    return render(request, "dashboard.html", {
        "section": "dashboard", "title": "Dashboard", "year": year,
        "first_run": portfolio.profile.is_empty() or not portfolio.goals,
        "active_goals": sorted((g for g in portfolio.goals.values() if g.status == "active"),
                               key=lambda g: (g.target_date or date.max, g.title)),
        "next_steps": steps[:RECENT],
        "coverage": coverage,
        "hours": sum(a.hours for a in this_year),
        "required_hours": sum(a.hours for a in this_year if a.required),
        "period": period, "period_hours": period_hours, "hours_needed": settings.pd_hours_required,
        "pathways": [pathway_status(portfolio, p) for p in portfolio.pathways.values()],
        "reflections": sorted(portfolio.reflections.values(), key=lambda r: r.date or today,
                              reverse=True)[:RECENT],
        "feedback": sorted(portfolio.feedback.values(),
                           key=lambda f: (f.read, -(f.date or today).toordinal()))[:RECENT],
        "attention": attention(portfolio, today, steps),
    })

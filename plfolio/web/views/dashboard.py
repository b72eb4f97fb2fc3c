"""The dashboard: this school year at a glance, and what needs attention."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import Response

from plfolio.insights.hours import breakdown, renewal_period_of
from plfolio.insights.progress import attention, next_steps, pathway_status
from plfolio.model import entry_school_year, school_year_of
from plfolio.web.pages import render, store_of, today_of

RECENT = 5


def dashboard(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    today = today_of(request)
    start = portfolio.config.settings.school_year_start
    year = school_year_of(today, start)
    evidence_this_year = [e for e in portfolio.evidence.values() if entry_school_year(e, start) == year]
    coverage = [(fw, [(s, sum(f"{fw.id}:{s.code}" in e.standards for e in evidence_this_year))
                      for s in fw.standards]) for fw in portfolio.frameworks_in_use()]
    period = renewal_period_of(portfolio, year)
    in_period = [a for a in portfolio.activities.values() if period and
                 period[0] <= int(entry_school_year(a, start)[:4] or 0) <= period[1]]
    this_year = breakdown([a for a in portfolio.activities.values() if entry_school_year(a, start) == year])
    return render(request, "dashboard.html", {
        "section": "dashboard", "title": "Dashboard", "year": year,
        "first_run": portfolio.profile.is_empty() or not portfolio.goals,
        "active_goals": sorted((g for g in portfolio.goals.values() if g.status == "active"),
                               key=lambda g: (g.target_date or date.max, g.title)),
        "next_steps": next_steps(portfolio, today)[:RECENT],
        "coverage": coverage,
        "hours": this_year.total, "required_hours": this_year.required,
        "period": period, "period_hours": breakdown(in_period).total,
        "hours_needed": portfolio.config.settings.pd_hours_required,
        "pathways": [pathway_status(portfolio, p) for p in portfolio.pathways.values()],
        "reflections": sorted(portfolio.reflections.values(), key=lambda r: r.date or today,
                              reverse=True)[:RECENT],
        "feedback": sorted(portfolio.feedback.values(),
                           key=lambda f: (f.read, -(f.date or today).toordinal()))[:RECENT],
        "attention": attention(portfolio, today),
    })

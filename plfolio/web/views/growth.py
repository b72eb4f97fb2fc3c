"""Growth over time: pictures of coverage, self-assessment, hours, progress, and recycled plans."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from plfolio.insights import charts
from plfolio.insights.assessments import level_history
from plfolio.insights.coverage import coverage_by_goal, coverage_by_year
from plfolio.insights.hours import hours_by_year, renewal_periods, transcript
from plfolio.insights.progress import measure_series, pathway_status
from plfolio.insights.similarity import similar_earlier_goals
from plfolio.render import humanize
from plfolio.web.pages import render, store_of
from plfolio.web.views.entries import entry_or_404


def growth(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    by_goal = request.query_params.get("by") == "goal"
    matrices = [(coverage_by_goal if by_goal else coverage_by_year)(portfolio, fw)
                for fw in portfolio.frameworks_in_use()]
    histories = []
    assessed = sorted({a.framework for a in portfolio.assessments.values() if a.framework in portfolio.frameworks})
    for fw in (portfolio.frameworks[i] for i in assessed):
        low, high = fw.level_range()
        labels = {lvl.value: lvl.label for lvl in fw.scale()}
        rated = [h for h in level_history(portfolio, fw) if h.points]
        histories.append((fw, [(h, charts.line_chart(f"{h.standard.code} {h.standard.title}", h.points,
                                                     low, high, labels)) for h in rated]))
    years = hours_by_year(portfolio)
    hours_chart = charts.stacked_bars("PD hours by school year",
                                      [(y, [b.required, b.optional]) for y, b in years.items()],
                                      ["required", "optional"])
    modality = {}
    for b in years.values():
        for key, value in b.by_modality.items():
            modality[key] = modality.get(key, 0.0) + value
    modality_chart = charts.bar_chart("PD hours by modality", [(humanize(k), v) for k, v in
                                                               sorted(modality.items(), key=lambda kv: -kv[1])], " h")
    periods = [(p, charts.progress_bar(f"Renewal period {p.label}", p.hours.total, p.required_hours))
               for p in renewal_periods(portfolio)]
    goals = [(g, [(s, charts.line_chart(s.measure, s.points)) for s in measure_series(g)])
             for g in sorted(portfolio.goals.values(), key=lambda g: (g.school_year, g.title), reverse=True)
             if g.status in ("active", "achieved")]
    recycled = [(g, similar_earlier_goals(portfolio, g)) for g in portfolio.goals.values()]
    return render(request, "growth.html", {
        "section": "growth", "title": "Growth over time", "matrices": matrices, "by_goal": by_goal,
        "histories": histories, "hours_chart": hours_chart, "modality_chart": modality_chart,
        "years": years, "periods": periods, "goals": goals,
        "pathways": [pathway_status(portfolio, p) for p in portfolio.pathways.values()],
        "recycled": [(g, m) for g, m in recycled if m]})


def goals_compare(request: Request) -> Response:
    """A goal beside the earlier one it resembles, asking what is different this time."""
    goal = entry_or_404(request, "goals")
    other = store_of(request).portfolio.goals.get(request.path_params["other"])
    if other is None:
        raise HTTPException(404, "No such goal.")
    score = next((m.score for m in similar_earlier_goals(store_of(request).portfolio, goal, 0.0)  # type: ignore[arg-type]
                  if m.earlier.slug == other.slug), 0.0)
    return render(request, "goals/compare.html", {"section": "goals_list", "title": f"Compare: {goal.title}",  # type: ignore[attr-defined]
                                                  "goal": goal, "other": other, "score": score})


def transcript_page(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    year = request.query_params.get("year") or None
    rows = transcript(portfolio, year)
    return render(request, "transcript.html", {"title": "PD transcript", "rows": rows, "year": year,
                                               "total": sum(a.hours for a in rows)})

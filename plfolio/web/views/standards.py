"""Browsing standards frameworks, and for each standard what in the portfolio is aligned to it."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from plfolio.web.pages import render, store_of


def frameworks(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    in_use = set(portfolio.config.settings.frameworks)
    listed = sorted(portfolio.frameworks.values(), key=lambda f: (f.id not in in_use, f.title))
    return render(request, "frameworks/list.html", {"section": "frameworks", "title": "Standards",
                                                    "frameworks": listed, "in_use": in_use})


def framework_detail(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    fw = portfolio.frameworks.get(request.path_params["framework"])
    if fw is None:
        raise HTTPException(404, "No such framework.")
    counts = {}
    for std in fw.standards:
        ref = f"{fw.id}:{std.code}"
        counts[std.code] = (sum(ref in g.standards for g in portfolio.goals.values()),
                            sum(ref in e.standards for e in portfolio.evidence.values()))
    return render(request, "frameworks/detail.html", {"section": "frameworks", "title": fw.title,
                                                      "framework": fw, "counts": counts})


def standard_detail(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    fw_id, code = request.path_params["framework"], request.path_params["code"]
    found = portfolio.standard(f"{fw_id}:{code}")
    if found is None:
        raise HTTPException(404, "No such standard.")
    fw, std = found
    ref = f"{fw.id}:{std.code}"
    aligned = {kind: [e for e in portfolio.entries[kind].values() if ref in getattr(e, "standards", [])]
               for kind in ("goals", "evidence", "activities")}
    via_goals = [e for e in portfolio.evidence.values() if e not in aligned["evidence"]
                 and any(g in {x.slug for x in aligned["goals"]} for g in e.goals)]
    return render(request, "frameworks/standard.html", {
        "section": "frameworks", "title": f"{fw.label} {std.code}: {std.title}", "framework": fw,
        "standard": std, "aligned": aligned, "via_goals": via_goals,
        "feedback": [f for f in portfolio.feedback.values() if f.about == f"standard:{ref}"]})

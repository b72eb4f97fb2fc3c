"""The self-assessment grid: every standard of the chosen framework, its scale, earlier levels beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plfolio.model import Assessment, Framework, Level, Portfolio, Standard


@dataclass
class RatingRow:
    index: int
    ref: str
    standard: Standard
    level: str  # as the form shows it: "" = not rated
    note: str
    earlier: list[tuple[str, int]]  # (date, level) of earlier assessments, oldest first


def rating_rows(portfolio: Portfolio, framework: Framework | None, ratings: list[dict[str, Any]],
                current: Assessment | None) -> list[RatingRow]:
    """One row per standard, filled from form-shaped ``ratings``; earlier assessments alongside."""
    if framework is None:
        return []
    given = {str(r.get("standard", "")): r for r in ratings}
    history = sorted((a for a in portfolio.assessments.values()
                      if a.framework == framework.id and a is not current and a.date
                      and (current is None or current.date is None or a.date < current.date)),
                     key=lambda a: a.date)  # type: ignore[arg-type, return-value]
    rows = []
    for i, std in enumerate(framework.standards):
        ref = f"{framework.id}:{std.code}"
        row = given.get(ref, {})
        earlier = [(a.date.isoformat(), r.level) for a in history for r in a.ratings  # type: ignore[union-attr]
                   if r.standard == ref]
        rows.append(RatingRow(i, ref, std, str(row.get("level", "") or ""), str(row.get("note", "")),
                              earlier))
    return rows


def scale_of(framework: Framework | None) -> list[Level]:
    if framework is None:
        return []
    low, high = framework.level_range()
    labels = {lvl.value: lvl.label for lvl in framework.scale()}
    return [Level(v, labels.get(v, "")) for v in range(low, high + 1)]


def drop_unrated(form_ratings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Standards left at "not rated" are simply not written."""
    return [r for r in form_ratings if str(r.get("level", "")).strip()]

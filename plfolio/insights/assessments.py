"""Self-assessment history: each standard's level over time and the change since last time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plfolio.model import Framework, Portfolio, Standard


@dataclass
class LevelHistory:
    standard: Standard
    ref: str
    points: list[tuple[date, int]] = field(default_factory=list)  # oldest first

    @property
    def latest(self) -> int | None:
        return self.points[-1][1] if self.points else None

    @property
    def change(self) -> int | None:
        """Level now minus level at the previous assessment that rated this standard."""
        return self.points[-1][1] - self.points[-2][1] if len(self.points) >= 2 else None


def level_history(portfolio: Portfolio, framework: Framework) -> list[LevelHistory]:
    """One history per standard of ``framework`` (standards never rated have no points)."""
    assessments = sorted((a for a in portfolio.assessments.values() if a.framework == framework.id and a.date),
                         key=lambda a: a.date)  # type: ignore[arg-type, return-value]
    out = []
    for std in framework.standards:
        ref = f"{framework.id}:{std.code}"
        history = LevelHistory(std, ref)
        for a in assessments:
            for rating in a.ratings:
                if rating.standard == ref:
                    history.points.append((a.date, rating.level))  # type: ignore[arg-type]
        out.append(history)
    return out

"""The learning plan as one timeline: every dated action step and target date, in date order.

A mentor reading an export wants "what happens when" across goals, not only goal by goal. Built
from the audience-filtered portfolio, so hidden goals contribute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plfolio.model import Goal, Portfolio


@dataclass(frozen=True)
class Milestone:
    when: date
    goal: Goal
    text: str
    kind: str  # "step" | "target"
    done: bool


def timeline(portfolio: Portfolio) -> list[tuple[str, list[Milestone]]]:
    """Dated milestones grouped by month ("2026-10"), oldest first; stable for equal dates."""
    items: list[Milestone] = []
    for goal in portfolio.goals.values():
        for step in goal.action_steps:
            if step.due:
                items.append(Milestone(step.due, goal, step.text, "step", step.done))
        if goal.target_date:
            items.append(Milestone(goal.target_date, goal, f"Target date: {goal.title}", "target",
                                   goal.status in ("achieved", "archived")))
    items.sort(key=lambda m: (m.when, m.kind != "step", m.goal.slug, m.text))
    months: dict[str, list[Milestone]] = {}
    for item in items:
        months.setdefault(f"{item.when:%Y-%m}", []).append(item)
    return list(months.items())

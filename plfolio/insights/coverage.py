"""Standards coverage: how much evidence supports each standard, by school year or by goal."""

from __future__ import annotations

from dataclasses import dataclass, field

from plfolio.model import Evidence, Framework, Portfolio, Standard, entry_school_year


@dataclass
class CoverageRow:
    standard: Standard
    ref: str
    cells: dict[str, list[Evidence]] = field(default_factory=dict)  # column -> evidence

    @property
    def total(self) -> int:
        return len({e.slug for items in self.cells.values() for e in items})


@dataclass
class CoverageMatrix:
    framework: Framework
    columns: list[str]  # school years, or goal slugs
    rows: list[CoverageRow]

    @property
    def gaps(self) -> list[CoverageRow]:
        """Standards with no evidence at all: the ones that should stand out."""
        return [row for row in self.rows if row.total == 0]


def coverage_by_year(portfolio: Portfolio, framework: Framework) -> CoverageMatrix:
    """Standards as rows, school years as columns, evidence aligned to each standard in each cell."""
    start = portfolio.config.settings.school_year_start
    years = sorted({entry_school_year(e, start) for e in portfolio.evidence.values()} - {""})
    rows = []
    for std in framework.standards:
        ref = f"{framework.id}:{std.code}"
        row = CoverageRow(std, ref, {year: [] for year in years})
        for e in sorted(portfolio.evidence.values(), key=lambda e: (e.date.isoformat() if e.date else "", e.slug)):
            if ref in e.standards:
                row.cells[entry_school_year(e, start)].append(e)
        rows.append(row)
    return CoverageMatrix(framework, years, rows)


def coverage_by_goal(portfolio: Portfolio, framework: Framework) -> CoverageMatrix:
    """Standards as rows, goals aligned to the framework as columns; cells hold the goal's evidence
    that shows the standard (directly, or through the goal's alignment)."""
    goals = sorted((g for g in portfolio.goals.values()
                    if any(s.startswith(f"{framework.id}:") for s in g.standards)),
                   key=lambda g: (g.school_year, g.title))
    rows = []
    for std in framework.standards:
        ref = f"{framework.id}:{std.code}"
        row = CoverageRow(std, ref, {})
        for goal in goals:
            row.cells[goal.slug] = sorted((e for e in portfolio.evidence.values() if goal.slug in e.goals and (
                ref in e.standards or ref in goal.standards)), key=lambda e: e.slug)
        rows.append(row)
    return CoverageMatrix(framework, [g.slug for g in goals], rows)

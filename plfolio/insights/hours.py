"""PD hours: per school year and renewal period, split by required/optional, modality and credit."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from plfolio.model import Activity, Portfolio, entry_school_year

TRANSCRIPT_COLUMNS = ["date", "title", "provider", "modality", "hours", "credit_type", "required",
                      "certificate"]


@dataclass
class HoursBreakdown:
    total: float = 0.0
    required: float = 0.0
    by_modality: dict[str, float] = field(default_factory=dict)
    by_credit: dict[str, float] = field(default_factory=dict)

    @property
    def optional(self) -> float:
        return round(self.total - self.required, 2)


@dataclass
class RenewalPeriod:
    first_year: int  # the start year of its first school year
    last_year: int
    hours: HoursBreakdown
    required_hours: float

    @property
    def label(self) -> str:
        return f"{self.first_year}-{self.last_year + 1}"

    @property
    def met(self) -> bool:
        return self.required_hours > 0 and self.hours.total >= self.required_hours


def breakdown(activities: list[Activity]) -> HoursBreakdown:
    """Totals rounded to hundredths: hours come in halves and quarters, and 7.499999 must not reach a page."""
    out = HoursBreakdown()
    modality: dict[str, float] = defaultdict(float)
    credit: dict[str, float] = defaultdict(float)
    for a in activities:
        out.total += a.hours
        out.required += a.hours if a.required else 0.0
        modality[a.modality] += a.hours
        credit[a.credit_type or "none"] += a.hours
    out.total, out.required = round(out.total, 2), round(out.required, 2)
    out.by_modality = {k: round(v, 2) for k, v in sorted(modality.items())}
    out.by_credit = {k: round(v, 2) for k, v in sorted(credit.items())}
    return out


def hours_by_year(portfolio: Portfolio) -> dict[str, HoursBreakdown]:
    """School year -> hours, oldest first."""
    start = portfolio.config.settings.school_year_start
    years: dict[str, list[Activity]] = defaultdict(list)
    for a in portfolio.activities.values():
        years[entry_school_year(a, start)].append(a)
    return {year: breakdown(items) for year, items in sorted(years.items()) if year}


def renewal_period_of(portfolio: Portfolio, year: str) -> tuple[int, int] | None:
    """First and last start years of the renewal period containing school year ``year``."""
    settings = portfolio.config.settings
    if not settings.renewal_period_start or settings.renewal_period_years < 1 or not year:
        return None
    k = (int(year[:4]) - settings.renewal_period_start) // settings.renewal_period_years
    first = settings.renewal_period_start + k * settings.renewal_period_years
    return first, first + settings.renewal_period_years - 1


def renewal_periods(portfolio: Portfolio) -> list[RenewalPeriod]:
    """Every renewal period with logged hours, against the requirement in plfolio.toml."""
    start = portfolio.config.settings.school_year_start
    periods: dict[tuple[int, int], list[Activity]] = defaultdict(list)
    for a in portfolio.activities.values():
        span = renewal_period_of(portfolio, entry_school_year(a, start))
        if span:
            periods[span].append(a)
    need = portfolio.config.settings.pd_hours_required
    return [RenewalPeriod(first, last, breakdown(items), need) for (first, last), items in sorted(periods.items())]


def transcript(portfolio: Portfolio, year: str | None = None) -> list[Activity]:
    start = portfolio.config.settings.school_year_start
    return sorted((a for a in portfolio.activities.values()
                   if year is None or entry_school_year(a, start) == year),
                  key=lambda a: (a.date.isoformat() if a.date else "", a.title))


def transcript_csv(portfolio: Portfolio, year: str | None = None) -> str:
    """One row per activity, oldest first: what a district office asks for."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TRANSCRIPT_COLUMNS)
    for a in transcript(portfolio, year):
        writer.writerow([a.date.isoformat() if a.date else "", a.title, a.provider, a.modality,
                         f"{a.hours:g}", a.credit_type, "yes" if a.required else "no",
                         f"{a.folder}/{a.certificate}" if a.certificate and a.folder else ""])
    return out.getvalue()

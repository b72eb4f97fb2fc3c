"""The PD log as a CSV a district office can open."""

from __future__ import annotations

import csv
import io

from starlette.requests import Request
from starlette.responses import Response

from plfolio.model import Portfolio, entry_school_year
from plfolio.web.pages import store_of

COLUMNS = ["date", "title", "provider", "modality", "hours", "credit_type", "required", "certificate"]


def transcript_csv(portfolio: Portfolio, year: str | None = None) -> str:
    """One row per activity, oldest first, optionally for one school year."""
    start = portfolio.config.settings.school_year_start
    rows = sorted((a for a in portfolio.activities.values()
                   if year is None or entry_school_year(a, start) == year),
                  key=lambda a: (a.date.isoformat() if a.date else "", a.title))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for a in rows:
        writer.writerow([a.date.isoformat() if a.date else "", a.title, a.provider, a.modality,
                         f"{a.hours:g}", a.credit_type, "yes" if a.required else "no",
                         f"{a.folder}/{a.certificate}" if a.certificate and a.folder else ""])
    return out.getvalue()


def activities_csv(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    year = request.query_params.get("year") or None
    name = f"pd-log-{year}.csv" if year else "pd-log.csv"
    return Response(transcript_csv(portfolio, year), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})

"""The PD log as a CSV a district office can open."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from plfolio.insights.hours import transcript_csv
from plfolio.web.pages import store_of


def activities_csv(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    year = request.query_params.get("year") or None
    name = f"pd-log-{year}.csv" if year else "pd-log.csv"
    return Response(transcript_csv(portfolio, year), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})

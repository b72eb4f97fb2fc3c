"""Search page, and starting/stopping the index and the file watcher with the app."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from plfolio.web.pages import render


async def start(app: Starlette, watch: bool) -> None:
    app.state.search = None


async def stop(app: Starlette) -> None:
    return None


def search(request: Request) -> Response:
    return render(request, "search.html", {"title": "Search", "query": request.query_params.get("q", "")})

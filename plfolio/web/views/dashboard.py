"""The dashboard: this school year at a glance, and what needs attention."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from plfolio.web.pages import render


def dashboard(request: Request) -> Response:
    return render(request, "dashboard.html", {"section": "dashboard", "title": "Dashboard"})

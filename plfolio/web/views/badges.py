"""Badges: the teacher's Open Badges (issued here or earned elsewhere), and issuing a new one.

The badge functions live in plfolio.badges; the app factory hands them in as ``app.state.badges``.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from plfolio.store import PortfolioError
from plfolio.web.pages import render, store_of
from plfolio.web.views.entries import read_form, redirect


def badges_page(request: Request, error: str = "", status_code: int = 200) -> Response:
    badges = request.app.state.badges.list(store_of(request).root)
    return render(request, "badges.html", {"title": "Badges", "badges": badges, "error": error},
                  status_code=status_code)


async def badges_issue(request: Request) -> Response:
    form = await read_form(request)
    ref = str(form.get("ref", ""))
    try:
        await run_in_threadpool(request.app.state.badges.issue, store_of(request), ref)
    except PortfolioError as err:
        return badges_page(request, err.sentence, 400)
    return redirect(request, "badges_page", "created")


def badge_file(request: Request) -> Response:
    name = request.path_params["name"]
    names = {b.file for b in request.app.state.badges.list(store_of(request).root)}
    if name not in names:
        return badges_page(request, "No such badge.", 404)
    return FileResponse(store_of(request).root / "badges" / name, filename=name,
                        media_type="application/octet-stream", content_disposition_type="attachment")

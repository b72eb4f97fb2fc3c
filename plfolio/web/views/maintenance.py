"""The trash (restore what was deleted) and the list of files that did not load."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from plfolio.store import PortfolioError
from plfolio.web.views.search import after_write
from plfolio.web.pages import render, store_of
from plfolio.web.views.entries import redirect


def trash(request: Request) -> Response:
    return render(request, "trash.html", {"title": "Trash", "items": store_of(request).trash(),
                                          "error": ""})


async def trash_restore(request: Request) -> Response:
    store = store_of(request)
    try:
        await run_in_threadpool(store.restore, request.path_params["item"])
    except PortfolioError as err:
        return render(request, "trash.html", {"title": "Trash", "items": store.trash(),
                                              "error": str(err)},
                      status_code=409)
    await run_in_threadpool(after_write, request.app)
    return redirect(request, "trash", "restored")


def problems(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    return render(request, "problems.html", {"title": "File problems",
                                             "problems": sorted(portfolio.problems,
                                                                key=lambda p: (p.path, p.line or 0))})

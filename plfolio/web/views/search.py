"""The search page, and the index and file watcher that live as long as the app."""

from __future__ import annotations

import threading

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from plfolio.search import SearchIndex
from plfolio.search.index import FACETS
from plfolio.watch import PortfolioWatcher
from plfolio.web.pages import render

PAGE_SIZE = 20
_index_lock = threading.Lock()


def index_of(app: Starlette) -> SearchIndex:
    """The app's index, opened (and brought up to date) on first use."""
    with _index_lock:
        if getattr(app.state, "search", None) is None:
            index = SearchIndex(app.state.store.root)
            index.sync(app.state.store.portfolio)
            app.state.search = index
    return app.state.search


def after_write(app: Starlette) -> None:
    """After the app saved a file: re-read it and index it now, so the watcher finds nothing to do."""
    portfolio = app.state.store.refresh()
    index_of(app).sync(portfolio)


async def start(app: Starlette, watch: bool) -> None:
    app.state.search = None
    app.state.watcher = None
    if watch:
        from starlette.concurrency import run_in_threadpool

        index = await run_in_threadpool(index_of, app)
        app.state.watcher = PortfolioWatcher(app.state.store, index, app.state.events.publish)
        app.state.watcher.start()


async def stop(app: Starlette) -> None:
    if getattr(app.state, "watcher", None) is not None:
        app.state.watcher.stop()
    if getattr(app.state, "search", None) is not None:
        app.state.search.close()
        app.state.search = None


def search(request: Request) -> Response:
    text = request.query_params.get("q", "").strip()
    filters = {k: request.query_params[k] for k in FACETS if request.query_params.get(k)}
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    results = index_of(request.app).search(text, filters, page=page, limit=PAGE_SIZE) if text else None
    return render(request, "search.html", {"title": f"Search: {text}" if text else "Search",
                                           "query": text, "results": results, "filters": filters,
                                           "facet_names": FACETS})

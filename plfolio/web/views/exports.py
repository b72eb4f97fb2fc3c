"""One-click exports from the browser, with a preview of what each audience would see.

The exporters themselves live in ``plfolio.export``; the app factory hands them in through
``app.state.exporters`` so the web layer never imports its sibling.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from plfolio.model import slugify
from plfolio.web.pages import render, store_of
from plfolio.web.views.entries import read_form

FORMATS = {"site": ("Website (.zip)", ".zip"), "pdf": ("PDF", ".pdf")}


def _page(request: Request, error: str = "", status_code: int = 200) -> Response:
    exporters = request.app.state.exporters
    portfolio = store_of(request).portfolio
    previews = {audience: exporters.preview(portfolio, audience) for audience in exporters.audiences}
    return render(request, "export.html", {
        "title": "Export", "previews": previews, "audiences": exporters.audiences,
        "themes": exporters.themes(store_of(request).root), "formats": FORMATS, "error": error},
        status_code=status_code)


def export_page(request: Request) -> Response:
    return _page(request)


async def export_download(request: Request) -> Response:
    form = await read_form(request)
    exporters = request.app.state.exporters
    audience, theme, kind = (str(form.get(k, "")) for k in ("audience", "theme", "format"))
    if audience not in exporters.audiences or kind not in FORMATS:
        return _page(request, "Choose an audience and a format.", 400)
    store = store_of(request)
    folder = Path(tempfile.mkdtemp(prefix="plfolio-export-"))
    name = f"{slugify(store.portfolio.config.owner.name or 'portfolio')}-{audience}{FORMATS[kind][1]}"
    target = folder / name
    try:
        if kind == "pdf":
            await run_in_threadpool(exporters.pdf, store.portfolio, store.root, target, audience, theme)
        else:
            await run_in_threadpool(exporters.site, store.portfolio, store.root, target, audience, theme, True)
    except exporters.error as err:
        return _page(request, str(err), 400)
    return FileResponse(target, filename=name, content_disposition_type="attachment",
                        background=BackgroundTask(_remove, folder))


def _remove(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()

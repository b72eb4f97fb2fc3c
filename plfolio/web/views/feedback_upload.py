"""Bringing a mentor's feedback file in from the browser (the same import as the CLI).

The review layer's import is handed in by the app factory as ``app.state.feedback_import``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from plfolio.web.pages import render, store_of
from plfolio.web.views.entries import read_form, uploads_of


async def feedback_upload(request: Request) -> Response:
    uploads = await uploads_of(await read_form(request))
    store = store_of(request)
    importer = request.app.state.feedback_import
    if not uploads:
        return render(request, "feedback_import.html", {"title": "Import feedback", "report": None,
                                                        "error": "Choose a feedback file."}, status_code=400)
    name, data = uploads[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        try:
            report = await run_in_threadpool(lambda: importer.run(store, importer.read(path)))
        except importer.error as err:
            return render(request, "feedback_import.html", {"title": "Import feedback", "report": None,
                                                            "error": str(err)}, status_code=400)
    await run_in_threadpool(request.app.state.after_write, request.app)
    return render(request, "feedback_import.html", {"title": "Feedback imported", "report": report, "error": ""})

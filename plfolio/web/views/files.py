"""Serving an entry's attached files without letting any of them run in the app's origin.

Never StaticFiles: an uploaded SVG or HTML page would execute script. Only plain raster images are
shown inline; everything else is a download, with a sandboxing CSP on top.
"""

from __future__ import annotations

import mimetypes

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from plfolio.model import ENTRY_CLASSES
from plfolio.web.pages import store_of

INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def attachment(request: Request) -> Response:
    kind, slug, name = (request.path_params[k] for k in ("kind", "slug", "name"))
    entry = store_of(request).portfolio.entries.get(kind, {}).get(slug) if kind in ENTRY_CLASSES else None
    if entry is None or entry.folder is None or "/" in name or "\\" in name or name.startswith(".") \
            or name == "index.md":
        raise HTTPException(404, "No such file.")
    path = store_of(request).path(f"{entry.folder}/{name}")
    if not path.is_file():
        raise HTTPException(404, "No such file.")
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = media_type in INLINE_TYPES
    response = FileResponse(path, media_type=media_type if inline else "application/octet-stream",
                            filename=name, content_disposition_type="inline" if inline else "attachment")
    response.headers["content-security-policy"] = "default-src 'none'; sandbox"
    return response

"""The mentor's review server: the bundle's site, read only, plus forms for feedback and endorsement.

Same protection as the teacher's app: a start-up token, loopback Host names, same-origin writes,
strict headers. Nothing here writes anywhere but the mentor's own feedback file.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from plfolio.render import make_environment
from plfolio.review.session import MENTOR_KINDS, ReviewSession
from plfolio.web.security import LOOPBACK_HOSTS, SameOriginWritesMiddleware, SecurityHeadersMiddleware, \
    TokenAuthMiddleware
from plfolio.web.settings import ServerSettings

TEMPLATES = Path(__file__).parent / "templates"
WEB_STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
INLINE = {"text/html", "text/css", "application/javascript", "text/javascript", "image/png", "image/jpeg",
          "image/gif", "image/webp"}


def session_of(request: Request) -> ReviewSession:
    return request.app.state.session


def page(request: Request, template: str, context: dict | None = None, status_code: int = 200) -> Response:
    s = session_of(request)
    base = {"session": s, "portfolio": s.portfolio, "kinds": MENTOR_KINDS, "targets": s.targets(),
            "saved_to": s.path if s.feedback.items or s.feedback.endorsements else None,
            "done": request.query_params.get("done", "")}
    return request.app.state.templates.TemplateResponse(request, template, {**base, **(context or {})},
                                                        status_code=status_code)


def home(request: Request) -> Response:
    return page(request, "review.html")


def site_file(request: Request) -> Response:
    path = request.path_params["path"] or "index.html"
    data = session_of(request).site.get(path)
    if data is None:
        raise HTTPException(404, "No such page in this portfolio.")
    media = mimetypes.guess_type(path)[0] or "application/octet-stream"
    headers = {} if media in INLINE else {"content-disposition": f'attachment; filename="{Path(path).name}"'}
    return Response(data, media_type=media if media in INLINE else "application/octet-stream", headers=headers)


async def feedback_new(request: Request) -> Response:
    if request.method == "GET":
        return page(request, "feedback_form.html", {"about": request.query_params.get("about", "plan"),
                                                    "error": "", "body": "", "kind": "suggestion"})
    form = await request.form()
    about, kind, body = (str(form.get(k, "")) for k in ("about", "kind", "body"))
    if about not in {t for t, _ in session_of(request).targets()}:
        return page(request, "feedback_form.html", {"about": "plan", "kind": kind, "body": body,
                                                    "error": "Choose what the feedback is about."}, 400)
    try:
        await run_in_threadpool(session_of(request).add_feedback, about, kind, body, str(form.get("title", "")))
    except ValueError as err:
        return page(request, "feedback_form.html", {"about": about, "kind": kind, "body": body,
                                                    "error": str(err).capitalize() + "."}, 400)
    return RedirectResponse("/?done=saved", status_code=303)


async def endorse(request: Request) -> Response:
    form = await request.form()
    try:
        await run_in_threadpool(session_of(request).endorse, str(form.get("credential", "")),
                                str(form.get("comment", "")))
    except ValueError as err:
        return page(request, "review.html", {"error": str(err)}, 400)
    return RedirectResponse("/?done=endorsed", status_code=303)


def create_review_app(session: ReviewSession, settings: ServerSettings) -> Starlette:
    if not settings.token:
        raise ValueError("create_review_app needs a token")
    hosts = LOOPBACK_HOSTS + ([settings.host] if settings.host not in ("127.0.0.1", "::1") else [])
    app = Starlette(
        routes=[
            Route("/", home, name="home"),
            Route("/site/{path:path}", site_file, name="site_file"),
            Route("/feedback/new", feedback_new, methods=["GET", "POST"], name="feedback_new"),
            Route("/endorse", endorse, methods=["POST"], name="endorse"),
            Mount("/static", StaticFiles(directory=WEB_STATIC), name="static"),
        ],
        middleware=[Middleware(SecurityHeadersMiddleware), Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
                    Middleware(TokenAuthMiddleware, token=settings.token), Middleware(SameOriginWritesMiddleware)],
        max_body_size=1024 * 1024,
    )
    app.state.session = session
    app.state.templates = Jinja2Templates(env=make_environment([TEMPLATES]))
    return app

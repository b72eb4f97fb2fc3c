"""The app factory: the one place the web layer is wired to the store, search and watcher."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from plfolio.badges.imported import list_badges
from plfolio.badges.issue import issue_badge
from plfolio.export.audience import AUDIENCES, preview
from plfolio.export.pdf import export_pdf
from plfolio.export.site import export_site
from plfolio.export.themes import ExportError, builtin_themes
from plfolio.model import ENTRY_CLASSES
from plfolio.review.feedback_file import FeedbackFileError
from plfolio.review.feedback_file import read as read_feedback_file
from plfolio.review.feedback_import import import_feedback
from plfolio.store import PortfolioStore
from plfolio.web.events import Broadcaster, events
from plfolio.web.pages import make_templates, render
from plfolio.web.security import (
    LOOPBACK_HOSTS,
    SameOriginWritesMiddleware,
    SecurityHeadersMiddleware,
    TokenAuthMiddleware,
)
from plfolio.web.settings import ServerSettings
from plfolio.web.views import (
    badges,
    dashboard,
    entries,
    exports,
    feedback_upload,
    files,
    goals,
    growth,
    maintenance,
    profile,
    search,
    standards,
)
from plfolio.web.views.activities import activities_csv

STATIC_DIR = Path(__file__).parent / "static"
POST = ["POST"]
FORM = ["GET", "POST"]


def entry_routes(kind: str) -> list[BaseRoute]:
    routes = [
        Route(f"/{kind}", entries.list_view(kind), name=f"{kind}_list"),
        Route(f"/{kind}/new", entries.new_view(kind), methods=FORM, name=f"{kind}_new"),
        Route(f"/{kind}/{{slug}}", entries.detail_view(kind), name=f"{kind}_detail"),
        Route(f"/{kind}/{{slug}}/edit", entries.edit_view(kind), methods=FORM, name=f"{kind}_edit"),
        Route(f"/{kind}/{{slug}}/delete", entries.delete_view(kind), methods=POST, name=f"{kind}_delete"),
    ]
    if kind in entries.FILE_KINDS:
        routes.append(Route(f"/{kind}/{{slug}}/files", entries.files_view(kind), methods=POST,
                            name=f"{kind}_files"))
    if kind in entries.QUICK_FIELDS:
        routes.append(Route(f"/{kind}/{{slug}}/set", entries.set_field_view(kind), methods=POST,
                            name=f"{kind}_set"))
    return routes


def routes() -> list[BaseRoute]:
    return [
        Route("/", dashboard.dashboard, name="dashboard"),
        Route("/profile", profile.profile, name="profile"),
        Route("/profile/edit", profile.profile_edit, methods=FORM, name="profile_edit"),
        Route("/activities.csv", activities_csv, name="activities_csv"),
        Route("/goals/{slug}/steps/{index:int}", goals.goals_step_toggle, methods=POST,
              name="goals_step_toggle"),
        Route("/goals/{slug}/compare/{other}", growth.goals_compare, name="goals_compare"),
        Route("/growth", growth.growth, name="growth"),
        Route("/transcript", growth.transcript_page, name="transcript"),
        *[route for kind in ENTRY_CLASSES for route in entry_routes(kind)],
        Route("/files/{kind}/{slug}/{name}", files.attachment, name="attachment"),
        Route("/standards", standards.frameworks, name="frameworks"),
        Route("/standards/{framework}", standards.framework_detail, name="framework_detail"),
        Route("/standards/{framework}/{code}", standards.standard_detail, name="standard_detail"),
        Route("/search", search.search, name="search"),
        Route("/trash", maintenance.trash, name="trash"),
        Route("/trash/{item}/restore", maintenance.trash_restore, methods=POST, name="trash_restore"),
        Route("/problems", maintenance.problems, name="problems"),
        Route("/export", exports.export_page, name="export_page"),
        Route("/feedback/import", feedback_upload.feedback_upload, methods=POST, name="feedback_upload"),
        Route("/badges", badges.badges_page, name="badges_page"),
        Route("/badges/issue", badges.badges_issue, methods=POST, name="badges_issue"),
        Route("/badges/files/{name}", badges.badge_file, name="badge_file"),
        Route("/export/download", exports.export_download, methods=POST, name="export_download"),
        Route("/events", events, name="events"),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]


def error_page(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", "Something went wrong.")
    return render(request, "error.html", {"title": f"Error {status}", "status": status,
                                          "detail": detail}, status_code=status)


def create_app(portfolio_dir: Path | str, settings: ServerSettings | None = None, *,
               watch: bool = True) -> Starlette:
    """The PLfolio web app for one portfolio folder (``settings.token`` must be set)."""
    settings = settings or ServerSettings()
    if not settings.token:
        raise ValueError("create_app needs a token: use ServerSettings(...).with_token()")
    store = PortfolioStore(portfolio_dir)
    store.portfolio  # fail now, not on the first request, if it is not a portfolio
    broadcaster = Broadcaster()
    hosts = LOOPBACK_HOSTS + ([settings.host] if settings.host not in ("127.0.0.1", "::1") else [])

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await search.start(app, watch=watch)
        try:
            yield
        finally:
            await search.stop(app)

    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
            Middleware(TokenAuthMiddleware, token=settings.token),
            Middleware(SameOriginWritesMiddleware),
        ],
        exception_handlers={404: error_page, 400: error_page, 405: error_page},
        lifespan=lifespan,
        max_body_size=settings.max_upload_bytes,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.events = broadcaster
    app.state.exporters = Exporters()
    app.state.badges = Badges()
    app.state.feedback_import = FeedbackImport()
    app.state.after_write = search.after_write
    return app


class FeedbackImport:
    """The review layer's feedback import, handed to the web views."""

    read = staticmethod(read_feedback_file)
    run = staticmethod(import_feedback)
    error = FeedbackFileError


class Badges:
    """The badge layer, handed to the web views."""

    issue = staticmethod(issue_badge)
    list = staticmethod(list_badges)


class Exporters:
    """The export layer, handed to the web views (which never import it themselves)."""

    audiences = AUDIENCES
    preview = staticmethod(preview)
    site = staticmethod(export_site)
    pdf = staticmethod(export_pdf)
    error = ExportError

    @staticmethod
    def themes(portfolio_root: Path) -> list[str]:
        own = portfolio_root / "themes"
        return sorted(set(builtin_themes()) | ({p.name for p in own.iterdir() if p.is_dir()}
                                              if own.is_dir() else set()))

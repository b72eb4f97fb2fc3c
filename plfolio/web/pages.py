"""Rendering a page: the shared template environment plus what every page shows (nav, problems)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.templating import Jinja2Templates, _TemplateResponse

from plfolio.model import Portfolio
from plfolio.render import make_environment
from plfolio.store import PortfolioStore

TEMPLATES_DIR = Path(__file__).parent / "templates"
NAV = [
    ("dashboard", "Dashboard"),
    ("profile", "Profile"),
    ("goals_list", "Plan"),
    ("evidence_list", "Evidence"),
    ("reflections_list", "Reflections"),
    ("activities_list", "PD log"),
    ("assessments_list", "Self-assessment"),
    ("pathways_list", "Pathways"),
    ("feedback_list", "Feedback"),
    ("frameworks", "Standards"),
    ("growth", "Growth"),
    ("badges_page", "Badges"),
    ("export_page", "Export"),
]
FLASH = {
    "saved": "Saved.",
    "created": "Created.",
    "deleted": "Moved to the trash. You can restore it from the Trash page.",
    "restored": "Restored.",
    "uploaded": "Files added.",
}


@dataclass
class FrameworkChoices:
    """A framework as the standards picker shows it."""

    id: str
    title: str
    standards: list[Any]
    refs: list[str]


def make_templates() -> Jinja2Templates:
    return Jinja2Templates(env=make_environment([TEMPLATES_DIR]))


def store_of(request: Request) -> PortfolioStore:
    return request.app.state.store


def today_of(request: Request) -> date:
    """Today, as the app sees it (tests pin it through the app's settings)."""
    return request.app.state.settings.today or date.today()


def render(request: Request, template: str, context: dict[str, Any] | None = None,
           status_code: int = 200) -> _TemplateResponse:
    portfolio: Portfolio = store_of(request).portfolio
    choices = [FrameworkChoices(fw.id, fw.title, fw.standards,
                                [f"{fw.id}:{s.code}" for s in fw.standards])
               for fw in portfolio.frameworks_in_use()]
    base = {
        "portfolio": portfolio,
        "nav": NAV,
        "section": None,
        "problem_count": len({p.path for p in portfolio.problems}),
        "flash": FLASH.get(request.query_params.get("done", ""), ""),
        "frameworks_in_use": choices,
        "all_standard_refs": {ref for fw in choices for ref in fw.refs},
        "portfolio_root": str(store_of(request).root),
        "today": today_of(request),
    }
    base.update(context or {})
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, base, status_code=status_code)

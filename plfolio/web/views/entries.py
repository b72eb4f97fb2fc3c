"""List, show, create, edit, delete and attach files to entries of any kind.

Every kind is handled by the same code: the model's metadata drives the forms, each kind only has
its own list and detail templates. Edits carry the digest of the version the form was opened on, so
a file changed meanwhile in a text editor is shown side by side instead of being overwritten.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from plfolio.model import (
    ENTRY_CLASSES,
    MARKDOWN_KINDS,
    REFLECTION_PROMPTS,
    SINGULAR,
    Activity,
    Entry,
    Evidence,
    Goal,
    Reflection,
    entry_school_year,
    school_year_of,
    stored_fields,
)
from plfolio.store import ConflictError, PortfolioError
from plfolio.web.forms import build_fields, clean_text, form_values, model_values, parse_values
from plfolio.web.views.search import after_write
from plfolio.web.pages import render, store_of, today_of
from plfolio.insights.progress import pathway_status
from plfolio.insights.similarity import similar_earlier_goals
from plfolio.web.views.ratings import drop_unrated, rating_rows, scale_of

BODY_LABELS = {"goals": "Narrative: why this goal, what success looks like",
               "evidence": "Description", "reflections": "Reflection", "activities": "Notes",
               "feedback": "Feedback"}
QUICK_FIELDS = {"goals": {"status", "cycle_stage"}, "feedback": {"read"}}
MAX_FILES = 20
FILE_KINDS = ("evidence", "activities")  # kinds that take uploaded files


def entry_or_404(request: Request, kind: str) -> Entry:
    entry = store_of(request).portfolio.entries[kind].get(request.path_params["slug"])
    if entry is None:
        raise HTTPException(404, f"No such {SINGULAR[kind]}.")
    return entry


def redirect(request: Request, name: str, done: str = "", **params: Any) -> RedirectResponse:
    url = str(request.url_for(name, **params))
    return RedirectResponse(url + (f"?done={done}" if done else ""), status_code=303)


def sort_key(entry: Entry) -> Any:
    when = getattr(entry, "date", None) or getattr(entry, "target_date", None)
    return (getattr(entry, "school_year", "") or "", when.isoformat() if when else "",
            getattr(entry, "title", "").lower())


EQUAL_FILTERS = ("status", "visibility", "kind", "modality")
MEMBER_FILTERS = {"standard": "standards", "goal": "goals", "tag": "tags"}


def matches(entry: Entry, params: dict[str, str], year_start: str) -> bool:
    """Whether an entry passes the list page's filters (each optional; unknown ones ignored)."""
    for key, value in params.items():
        if key == "year":
            ok = entry_school_year(entry, year_start) == value
        elif key in EQUAL_FILTERS:
            ok = getattr(entry, key, None) == value
        elif key in MEMBER_FILTERS:
            ok = value in getattr(entry, MEMBER_FILTERS[key], [])
        else:
            continue
        if not ok:
            return False
    return True


def list_view(kind: str) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        portfolio = store_of(request).portfolio
        start = portfolio.config.settings.school_year_start
        params = {k: v for k, v in request.query_params.items() if v}
        everything = sorted(portfolio.entries[kind].values(), key=sort_key, reverse=True)
        shown = [e for e in everything if matches(e, params, start)]
        years = sorted({entry_school_year(e, start) for e in everything} - {""}, reverse=True)
        tags = sorted({t for e in everything for t in getattr(e, "tags", [])})
        return render(request, f"{kind}/list.html", {
            "section": f"{kind}_list", "kind": kind, "entries": shown, "total": len(everything),
            "filters": params, "years": years, "tags": tags,
            "goal_options": sorted(((g.slug, g.title) for g in portfolio.goals.values()),
                                   key=lambda o: o[1].lower()),
            "title": {"goals": "Learning plan", "activities": "PD log"}.get(kind, kind.capitalize())})

    endpoint.__name__ = f"{kind}_list"
    return endpoint


def detail_view(kind: str) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        entry = entry_or_404(request, kind)
        portfolio = store_of(request).portfolio
        about = [f for f in portfolio.feedback.values() if f.about == entry.ref]
        extra: dict[str, Any] = {}
        if kind == "pathways":
            extra["status"] = pathway_status(portfolio, entry)  # type: ignore[arg-type]
        if kind == "goals":
            extra["similar"] = similar_earlier_goals(portfolio, entry)  # type: ignore[arg-type]
        return render(request, f"{kind}/detail.html", {**extra,
            "section": f"{kind}_list", "entry": entry, "kind": kind, "title": getattr(entry, "title", ""),
            "problems": portfolio.problems_for(entry.path),
            "feedback_about": sorted(about, key=lambda f: f.date or today_of(request)),
            "digest": store_of(request).read(entry.path).digest})

    endpoint.__name__ = f"{kind}_detail"
    return endpoint


def new_entry(kind: str, request: Request) -> Entry:
    """A fresh entry with sensible defaults, prefilled from the query (e.g. ?goal=slug)."""
    portfolio = store_of(request).portfolio
    today = today_of(request)
    cls = ENTRY_CLASSES[kind]
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}
    if "date" in names:
        values["date"] = today
    if cls is Goal:
        values["school_year"] = school_year_of(today, portfolio.config.settings.school_year_start)
    goal = request.query_params.get("goal")
    if goal in portfolio.goals and "goals" in names:
        values["goals"] = [goal]
    for key in ("about", "cycle_stage", "prompt", "pathway", "pathway_element", "framework",
                "in_reply_to"):
        if key in names and request.query_params.get(key):
            values[key] = request.query_params[key]
    if cls is Reflection and not values.get("prompt"):
        stage = values.get("cycle_stage") or Reflection.cycle_stage
        values["prompt"] = REFLECTION_PROMPTS.get(stage, "")
    if values.get("in_reply_to"):  # the teacher answering a mentor
        values.update(kind="reply", role="self", author=portfolio.config.owner.name)
    return cls(**values)


def form_page(request: Request, kind: str, *, values: dict[str, Any], body: str, entry: Entry | None,
              errors: dict[str, str] | None = None, digest: str = "",
              conflict: ConflictError | None = None, status_code: int = 200) -> Response:
    portfolio = store_of(request).portfolio
    fields = build_fields(ENTRY_CLASSES[kind], values, portfolio, errors)
    verb = "Edit" if entry else "New"
    framework = portfolio.frameworks.get(values.get("framework", "")) if kind == "assessments" else None
    return render(request, "entry_form.html", {
        "section": f"{kind}_list", "kind": kind, "entry": entry, "fields": fields, "body": body,
        "body_label": BODY_LABELS.get(kind) if kind in MARKDOWN_KINDS else None,
        "errors": errors or {}, "digest": digest, "conflict": conflict,
        "takes_files": kind in FILE_KINDS and entry is None,
        "rating_rows": rating_rows(portfolio, framework, values.get("ratings") or [], entry),  # type: ignore[arg-type]
        "scale": scale_of(framework),
        "title": f"{verb} {SINGULAR[kind]}" + (f": {getattr(entry, 'title', '')}" if entry else ""),
        "action": (request.url_for(f"{kind}_edit", slug=entry.slug) if entry
                   else request.url_for(f"{kind}_new"))}, status_code=status_code)


def submitted_values(kind: str, form: FormData) -> dict[str, Any]:
    """Form-shaped values as submitted; a self-assessment leaves out standards it did not rate."""
    shaped = form_values(ENTRY_CLASSES[kind], form)
    if kind == "assessments":
        shaped["ratings"] = drop_unrated(shaped["ratings"])
    return shaped


async def read_form(request: Request) -> FormData:
    limit = request.app.state.settings.max_upload_bytes
    return await request.form(max_files=MAX_FILES, max_part_size=limit)


async def uploads_of(form: FormData) -> list[tuple[str, bytes]]:
    """(name, content) of each uploaded file; two files may share a name."""
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    return [(f.filename or "file", await f.read()) for f in files]


def attach(entry: Entry, names: list[str]) -> dict[str, Any]:
    """The changes that record newly stored files on the entry."""
    if isinstance(entry, Evidence):
        return {"attachments": [*entry.attachments, *names]}
    if isinstance(entry, Activity) and names:
        return {"certificate": names[0]} if not entry.certificate else {}
    return {}


def new_view(kind: str) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        store = store_of(request)
        if request.method == "GET":
            entry = new_entry(kind, request)
            return form_page(request, kind, values=model_values(entry), body="", entry=None)
        form = await read_form(request)
        shaped = submitted_values(kind, form)
        body = clean_text(str(form.get("body", "")))
        values, errors = parse_values(ENTRY_CLASSES[kind], shaped, store.portfolio)
        if errors:
            return form_page(request, kind, values=shaped, body=body, entry=None, errors=errors,
                             status_code=400)
        entry = ENTRY_CLASSES[kind](**values, body=body)
        uploads = await uploads_of(form) if kind in FILE_KINDS else []
        names = store.file_names([name for name, _ in uploads])
        for key, value in attach(entry, names).items():
            setattr(entry, key, value)
        files = {safe: data for safe, (_, data) in zip(names, uploads)}
        try:
            rel = await run_in_threadpool(store.create, entry, files)
        except PortfolioError as err:
            return form_page(request, kind, values=shaped, body=body, entry=None,
                             errors={"title": err.sentence}, status_code=400)
        await run_in_threadpool(after_write, request.app)
        slug = rel.split("/")[1].removesuffix(".md").removesuffix(".toml")
        return redirect(request, f"{kind}_detail", "created", slug=slug)

    endpoint.__name__ = f"{kind}_new"
    return endpoint


def changed_values(entry: Entry, values: dict[str, Any]) -> dict[str, Any]:
    """Only what the form changed, so untouched keys in the file stay exactly as written."""
    def plain(value: Any) -> Any:
        if isinstance(value, list):
            return [plain(v) for v in value]
        return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value

    return {k: v for k, v in values.items() if plain(getattr(entry, k)) != v}


def edit_view(kind: str) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        store = store_of(request)
        entry = entry_or_404(request, kind)
        if request.method == "GET":
            digest = store.read(entry.path).digest
            return form_page(request, kind, values=model_values(entry), body=clean_text(entry.body),
                             entry=entry, digest=digest)
        form = await read_form(request)
        digest = str(form.get("_digest", ""))
        shaped = submitted_values(kind, form)
        body = clean_text(str(form.get("body", "")))
        values, errors = parse_values(ENTRY_CLASSES[kind], shaped, store.portfolio)
        if errors:
            return form_page(request, kind, values=shaped, body=body, entry=entry, errors=errors,
                             digest=digest, status_code=400)
        new_body = body if kind in MARKDOWN_KINDS and body != clean_text(entry.body) else None
        try:
            await run_in_threadpool(store.update, entry.path, changed_values(entry, values), digest,
                                    new_body)
        except ConflictError as conflict:
            current = store.read(entry.path).digest
            return form_page(request, kind, values=shaped, body=body, entry=entry, digest=current,
                             conflict=conflict, status_code=409)
        await run_in_threadpool(after_write, request.app)
        return redirect(request, f"{kind}_detail", "saved", slug=entry.slug)

    endpoint.__name__ = f"{kind}_edit"
    return endpoint


def delete_view(kind: str) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        store = store_of(request)
        entry = entry_or_404(request, kind)
        await run_in_threadpool(store.delete, entry.path)
        await run_in_threadpool(after_write, request.app)
        return redirect(request, f"{kind}_list", "deleted")

    endpoint.__name__ = f"{kind}_delete"
    return endpoint


def files_view(kind: str) -> Callable[[Request], Any]:
    """Add files to an existing entry (moving a one-file entry into its own folder)."""

    async def endpoint(request: Request) -> Response:
        store = store_of(request)
        entry = entry_or_404(request, kind)
        uploads = await uploads_of(await read_form(request))
        if uploads:
            def store_files() -> None:
                rel, names = store.add_files(entry, uploads)
                changes = attach(entry, names)
                if changes:
                    store.update(rel, changes, store.read(rel).digest)
                after_write(request.app)

            await run_in_threadpool(store_files)
        return redirect(request, f"{kind}_detail", "uploaded" if uploads else "", slug=entry.slug)

    endpoint.__name__ = f"{kind}_files"
    return endpoint


def set_field_view(kind: str) -> Callable[[Request], Any]:
    """One-click changes from a detail page: mark a goal achieved, move its stage, mark read."""

    async def endpoint(request: Request) -> Response:
        entry = entry_or_404(request, kind)
        form = await read_form(request)
        key = str(form.get("field", ""))
        if key not in QUICK_FIELDS.get(kind, set()):
            raise HTTPException(400, "That field cannot be set here.")
        raw = str(form.get("value", ""))
        if isinstance(getattr(entry, key), bool):
            value: Any = raw == "true"
        else:
            choices = next(f for f in stored_fields(ENTRY_CLASSES[kind]) if f.name == key).metadata["choices"]
            if raw not in choices:
                raise HTTPException(400, f"Choose one of: {', '.join(choices)}.")
            value = raw
        return await apply_or_conflict(request, kind, entry, {key: value},
                                       str(form.get("_digest", "")))

    endpoint.__name__ = f"{kind}_set"
    return endpoint


async def apply_or_conflict(request: Request, kind: str, entry: Entry, changes: dict[str, Any],
                            digest: str) -> Response:
    """Apply a quick change; if the file moved on, show both versions and offer to re-apply."""
    store = store_of(request)
    try:
        await run_in_threadpool(store.update, entry.path, changes, digest)
    except ConflictError as conflict:
        return render(request, "conflict.html", {
            "entry": entry, "kind": kind, "conflict": conflict, "title": "Changed on disk",
            "digest": store.read(entry.path).digest, "form": dict((await read_form(request)).items())},
            status_code=409)
    await run_in_threadpool(after_write, request.app)
    return redirect(request, f"{kind}_detail", "saved", slug=entry.slug)

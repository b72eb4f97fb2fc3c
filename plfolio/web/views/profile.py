"""The SNIC profile: Strengths, Needs, Interests, Constraints, and how the teacher likes to learn."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from plfolio.model import Profile
from plfolio.store import ConflictError
from plfolio.store.convert import to_data, to_toml
from plfolio.store.loader import PROFILE_FILE
from plfolio.web.forms import build_fields, form_values, model_values, parse_values
from plfolio.web.views.search import after_write
from plfolio.web.pages import render, store_of
from plfolio.web.views.entries import changed_values, read_form, redirect


def profile(request: Request) -> Response:
    portfolio = store_of(request).portfolio
    return render(request, "profile.html", {"section": "profile", "title": "SNIC profile",
                                            "profile": portfolio.profile,
                                            "problems": portfolio.problems_for(PROFILE_FILE)})


def _form(request: Request, values: dict, digest: str, errors: dict | None = None,
          conflict: ConflictError | None = None, status_code: int = 200) -> Response:
    fields = build_fields(Profile, values, store_of(request).portfolio, errors)
    return render(request, "profile_form.html", {
        "section": "profile", "title": "Edit your SNIC profile", "fields": fields, "digest": digest,
        "errors": errors or {}, "conflict": conflict}, status_code=status_code)


async def profile_edit(request: Request) -> Response:
    store = store_of(request)
    exists = store.path(PROFILE_FILE).is_file()
    if request.method == "GET":
        digest = store.read(PROFILE_FILE).digest if exists else ""
        return _form(request, model_values(store.portfolio.profile), digest)
    form = await read_form(request)
    shaped = form_values(Profile, form)
    values, errors = parse_values(Profile, shaped, store.portfolio)
    digest = str(form.get("_digest", ""))
    if errors:
        return _form(request, shaped, digest, errors, status_code=400)
    try:
        if exists:
            changes = changed_values(store.portfolio.profile, values)
            await run_in_threadpool(store.update, PROFILE_FILE, changes, digest)
        else:
            await run_in_threadpool(store.write_new, PROFILE_FILE, to_toml(to_data(Profile(**values))))
    except ConflictError as conflict:
        return _form(request, shaped, store.read(PROFILE_FILE).digest, conflict=conflict,
                     status_code=409)
    await run_in_threadpool(after_write, request.app)
    return redirect(request, "profile", "saved")

"""What only goals have: ticking off action steps from the plan."""

from __future__ import annotations

import dataclasses

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from plfolio.web.views.entries import apply_or_conflict, entry_or_404, read_form


async def goals_step_toggle(request: Request) -> Response:
    goal = entry_or_404(request, "goals")
    index = request.path_params["index"]
    if not 0 <= index < len(goal.action_steps):  # type: ignore[attr-defined]
        raise HTTPException(404, "No such step.")
    form = await read_form(request)
    steps = [dataclasses.asdict(s) for s in goal.action_steps]  # type: ignore[attr-defined]
    steps[index]["done"] = form.get("done") == "true"
    return await apply_or_conflict(request, "goals", goal, {"action_steps": steps},
                                   str(form.get("_digest", "")))

"""Who an export is for, and what they may see: the one place privacy is decided for every export.

``public`` sees public entries; ``mentor`` sees mentor and public ones; ``owner`` sees everything.
A filtered portfolio keeps no trace of what it leaves out: references to hidden entries are removed
from visible ones, feedback about hidden entries is dropped, and every count, total, link, snippet
and attachment of an export is computed from the filtered portfolio alone.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from plfolio.model import Portfolio, Profile

AUDIENCES = ("mentor", "public", "owner")
VISIBLE_TO = {"public": {"public"}, "mentor": {"mentor", "public"},
              "owner": {"private", "mentor", "public"}}


def visible(visibility: str, audience: str) -> bool:
    return visibility in VISIBLE_TO[audience]


def for_audience(portfolio: Portfolio, audience: str) -> Portfolio:
    """A copy of ``portfolio`` holding only what ``audience`` may see."""
    if audience not in VISIBLE_TO:
        raise ValueError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    kept = {kind: {slug: copy.deepcopy(e) for slug, e in entries.items()
                   if visible(getattr(e, "visibility", "private"), audience)}
            for kind, entries in portfolio.entries.items()}
    goals, evidence, pathways = set(kept["goals"]), set(kept["evidence"]), set(kept["pathways"])
    for kind in ("evidence", "reflections", "activities"):
        for entry in kept[kind].values():
            entry.goals = [g for g in entry.goals if g in goals]  # type: ignore[attr-defined]
    for reflection in kept["reflections"].values():
        reflection.evidence = [e for e in reflection.evidence if e in evidence]  # type: ignore[attr-defined]
    for activity in kept["activities"].values():
        if activity.pathway not in pathways:  # type: ignore[attr-defined]
            activity.pathway, activity.pathway_element = "", ""  # type: ignore[attr-defined]
    feedback = kept["feedback"]
    for slug, fb in list(feedback.items()):
        target = fb.about  # type: ignore[attr-defined]
        kind, _, ref = target.partition("/")
        if kind in kept and ref not in kept[kind]:
            del feedback[slug]
    for fb in feedback.values():
        if fb.in_reply_to not in feedback:  # type: ignore[attr-defined]
            fb.in_reply_to = ""  # type: ignore[attr-defined]
    owner = portfolio.config.owner
    config = replace(portfolio.config, owner=owner if audience == "owner" else replace(owner, email=""))
    profile = copy.deepcopy(portfolio.profile) if visible(portfolio.profile.visibility, audience) \
        else Profile(visibility=portfolio.profile.visibility)
    return Portfolio(config=config, profile=profile, entries=kept, frameworks=portfolio.frameworks,
                     problems=[])


def preview(portfolio: Portfolio, audience: str) -> dict[str, tuple[int, int]]:
    """Per kind: (included, left out), so the teacher sees what an export will contain."""
    out = {}
    for kind, entries in portfolio.entries.items():
        included = sum(visible(getattr(e, "visibility", "private"), audience) for e in entries.values())
        out[kind] = (included, len(entries) - included)
    out["profile"] = (int(visible(portfolio.profile.visibility, audience)),
                      int(not visible(portfolio.profile.visibility, audience)))
    return out




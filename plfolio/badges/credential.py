"""OpenBadgeCredentials for what a teacher achieved: a goal, or a completed pathway.

The teacher is both issuer (their did:key) and subject: a self-issued record of achievement whose
evidence and alignments anyone can check offline, and which a mentor can endorse.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from plfolio.model import Entry, Evidence, Goal, Pathway, Portfolio

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def timestamp(moment: datetime | None = None) -> str:
    moment = (moment or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def alignments(portfolio: Portfolio, refs: list[str]) -> list[dict[str, Any]]:
    out = []
    for ref in refs:
        found = portfolio.standard(ref)
        if found is None:
            continue
        fw, std = found
        out.append({"type": ["Alignment"], "targetName": std.title, "targetCode": std.code,
                    "targetFramework": fw.title, "targetDescription": std.description,
                    "targetType": "ext:Standard",
                    "targetUrl": fw.url or f"urn:plfolio:standard:{fw.id}:{std.code}"})
    return out


def evidence_items(entries: list[Entry]) -> list[dict[str, Any]]:
    items = []
    for e in sorted(entries, key=lambda e: e.slug):
        item: dict[str, Any] = {"type": ["Evidence"], "name": getattr(e, "title", e.slug)}
        if isinstance(e, Evidence):
            item["genre"] = e.kind
            if e.url:
                item["id"] = e.url
        if e.body.strip():
            item["narrative"] = e.body.strip()
        items.append(item)
    return items


def achievement_for(portfolio: Portfolio, entry: Goal | Pathway) -> tuple[dict[str, Any], list[Entry]]:
    """The Achievement a goal or pathway stands for, and the entries that are its evidence."""
    if isinstance(entry, Goal):
        evidence: list[Entry] = [e for e in portfolio.evidence.values()
                                 if entry.slug in e.goals and e.visibility != "private"]  # credentials travel
        criteria = ("Set and pursued a professional learning goal: " + entry.title + ". Measures: "
                    + ("; ".join(entry.measures) or "see the evidence") + ".")
        achievement = {"name": entry.title, "description": (entry.body.strip() or entry.title)[:2000],
                       "criteria": {"narrative": criteria}, "alignment": alignments(portfolio, entry.standards),
                       "achievementType": "Achievement"}
    else:
        evidence = [a for a in portfolio.activities.values()
                    if a.pathway == entry.slug and a.visibility != "private"]
        refs = sorted({s for a in evidence for s in getattr(a, "standards", [])})
        achievement = {"name": entry.badge.name or entry.title,
                       "description": entry.badge.description or entry.description or entry.title,
                       "criteria": {"narrative": entry.badge.criteria or "Completed the pathway " + entry.title},
                       "alignment": alignments(portfolio, refs), "achievementType": "Badge"}
    return achievement, evidence


def build_credential(portfolio: Portfolio, entry: Goal | Pathway, issuer_did: str,
                     valid_from: str, credential_id: str | None = None) -> dict[str, Any]:
    """An unsigned OpenBadgeCredential (OB 3.0) for ``entry``."""
    achievement, evidence = achievement_for(portfolio, entry)
    achievement_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, issuer_did + '/' + entry.ref)}"
    if not achievement["alignment"]:
        del achievement["alignment"]
    credential: dict[str, Any] = {
        "@context": CONTEXT,
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "issuer": {"id": issuer_did, "type": ["Profile"], "name": portfolio.config.owner.name or "PLfolio user"},
        "validFrom": valid_from,
        "credentialSubject": {"id": issuer_did, "type": ["AchievementSubject"],
                              "achievement": {"id": achievement_id, "type": ["Achievement"], **achievement}},
    }
    items = evidence_items(evidence)
    if items:
        credential["evidence"] = items
    return credential

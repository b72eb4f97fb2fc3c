"""Badges earned elsewhere: kept byte for byte in badges/, with what PLfolio could read from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plfolio.badges.baked import BakedBadgeError, png_assertion, svg_assertion
from plfolio.badges.issue import BADGES_DIR
from plfolio.badges.proof import verify
from plfolio.store.files import atomic_write, safe_filename, unused_name

MAX_BADGE_BYTES = 10 * 1024 * 1024


class BadgeImportError(ValueError):
    """A file that is not a badge PLfolio can read; says why."""


@dataclass
class ImportedBadge:
    path: str  # where the original bytes were stored
    version: str  # "2.0" or "3.0"
    name: str
    issuer: str
    verified: bool | None  # None: nothing to check offline (2.0 badges are verified by URL)
    notes: list[str]


def read_badge(data: bytes, filename: str) -> tuple[str, dict[str, Any] | None, str]:
    """(version, parsed assertion or None, raw assertion text) of a badge file."""
    lower = filename.lower()
    try:
        if data.startswith(b"\x89PNG"):
            text = png_assertion(data)
        elif lower.endswith(".svg") or data.lstrip().startswith(b"<"):
            text = svg_assertion(data)
        else:
            text = data.decode("utf-8-sig")
    except BakedBadgeError as err:
        raise BadgeImportError(f"{filename}: {err}") from None
    except UnicodeDecodeError:
        raise BadgeImportError(f"{filename}: not a badge image or JSON file") from None
    try:
        parsed = json.loads(text)
    except ValueError:
        if text.startswith(("http://", "https://")):
            return "2.0", None, text  # only the hosted assertion's URL was baked in
        raise BadgeImportError(f"{filename}: the badge's assertion is not JSON") from None
    contexts = parsed.get("@context", [])
    contexts = contexts if isinstance(contexts, list) else [contexts]
    if any("ob/v3p0" in str(c) for c in contexts):
        return "3.0", parsed, text
    if any("openbadges/v2" in str(c) for c in contexts) or parsed.get("type") == "Assertion":
        return "2.0", parsed, text
    raise BadgeImportError(f"{filename}: not an Open Badges 2.0 or 3.0 badge")


def import_badge(root: Path, source: Path) -> ImportedBadge:
    data = source.read_bytes()
    if len(data) > MAX_BADGE_BYTES:
        raise BadgeImportError(f"{source.name}: too large to be a badge")
    version, parsed, text = read_badge(data, source.name)
    notes: list[str] = []
    verified: bool | None = None
    name, issuer = source.stem, ""
    if version == "3.0" and parsed is not None:
        result = verify(parsed)
        if not result.ok:
            raise BadgeImportError(f"{source.name}: its proof does not verify: " + "; ".join(result.errors))
        verified = True
        notes = result.checked
        name = parsed.get("name") or parsed.get("credentialSubject", {}).get("achievement", {}).get("name", name)
        iss = parsed.get("issuer", {})
        issuer = iss.get("name") or iss.get("id", "") if isinstance(iss, dict) else str(iss)
    elif parsed is not None:
        badge = parsed.get("badge", {})
        name = badge.get("name", name) if isinstance(badge, dict) else name
        issuer_data = badge.get("issuer", {}) if isinstance(badge, dict) else {}
        issuer = issuer_data.get("name", "") if isinstance(issuer_data, dict) else str(issuer_data)
        notes.append("Open Badges 2.0: checked by its issuer's hosted assertion, not offline")
    else:
        notes.append(f"only the assertion URL was baked in: {text}")
    folder = root / BADGES_DIR
    folder.mkdir(exist_ok=True)
    stored = unused_name(folder, safe_filename(source.name))
    atomic_write(folder / stored, data)
    return ImportedBadge(f"{BADGES_DIR}/{stored}", version, name, issuer, verified, notes)


@dataclass
class BadgeSummary:
    file: str  # name inside badges/
    version: str
    name: str
    issuer: str
    status: str  # "verified", "does not verify", "checked by its issuer's URL", "unreadable"


def list_badges(root: Path) -> list[BadgeSummary]:
    """Every badge in badges/, issued here or imported, with what could be checked offline."""
    folder = root / BADGES_DIR
    out = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not path.is_file():
            continue
        try:
            version, parsed, _ = read_badge(path.read_bytes(), path.name)
        except BadgeImportError:
            out.append(BadgeSummary(path.name, "?", path.stem, "", "unreadable"))
            continue
        name, issuer, status = path.stem, "", "checked by its issuer's URL"
        if parsed and version == "3.0":
            name = parsed.get("name", name)
            iss = parsed.get("issuer", {})
            issuer = (iss.get("name") or iss.get("id", "")) if isinstance(iss, dict) else str(iss)
            status = "verified" if verify(parsed).ok else "does not verify"
        elif parsed:
            badge = parsed.get("badge", {})
            name = badge.get("name", name) if isinstance(badge, dict) else name
        out.append(BadgeSummary(path.name, version, name, issuer, status))
    return out

"""Issuing credentials from a portfolio: the key under keys/, the signed credential into badges/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plfolio.badges.credential import build_credential, timestamp
from plfolio.badges.didkey import did_key, load_or_create_key, verification_method
from plfolio.badges.proof import sign
from plfolio.insights.progress import pathway_status
from plfolio.model import Goal, Pathway
from plfolio.store import PortfolioStore, StoreError
from plfolio.store.files import atomic_write, unused_name

KEY_FILE = "keys/ed25519.pem"
BADGES_DIR = "badges"


def issuer_key(root: Path):  # type: ignore[no-untyped-def]
    return load_or_create_key(root / KEY_FILE)


def issue_badge(store: PortfolioStore, ref: str) -> tuple[str, dict[str, Any]]:
    """Sign an OpenBadgeCredential for ``goals/<slug>`` or ``pathways/<slug>``; returns its path."""
    entry = store.portfolio.get(ref)
    if not isinstance(entry, (Goal, Pathway)):
        raise StoreError(ref, "is not a goal or pathway in this portfolio",
                         "Use goals/<slug> or pathways/<slug>.")
    if isinstance(entry, Pathway) and not pathway_status(store.portfolio, entry).earned:
        left = "; ".join(pathway_status(store.portfolio, entry).left)
        raise StoreError(ref, "is not complete yet", f"Still to do: {left}.")
    key = issuer_key(store.root)
    now = timestamp()
    credential = build_credential(store.portfolio, entry, did_key(key.public_key()), now)
    signed = sign(credential, key, verification_method(key.public_key()), now)
    folder = store.root / BADGES_DIR
    folder.mkdir(exist_ok=True)
    name = unused_name(folder, f"{entry.collection}-{entry.slug}.json")
    atomic_write(folder / name, (json.dumps(signed, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return f"{BADGES_DIR}/{name}", signed

"""Endorsements: a mentor vouching for a teacher's credential with their own did:key.

An OB 3.0 EndorsementCredential whose subject is the endorsed credential's id. The mentor's key is
made on first use in the mentor's own data folder (not the teacher's portfolio).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import platformdirs

from plfolio.badges.credential import CONTEXT, timestamp
from plfolio.badges.didkey import did_key, load_or_create_key, verification_method
from plfolio.badges.proof import sign


def mentor_key_path() -> Path:
    home = os.environ.get("PLFOLIO_MENTOR_HOME") or platformdirs.user_data_dir("plfolio-mentor", appauthor=False)
    return Path(home) / "keys" / "ed25519.pem"


def endorse(credential: dict[str, Any], endorser_name: str, comment: str,
            key_path: Path | None = None) -> dict[str, Any]:
    """A signed EndorsementCredential for ``credential`` by the mentor's key."""
    key = load_or_create_key(key_path or mentor_key_path())
    did = did_key(key.public_key())
    now = timestamp()
    achievement = credential.get("credentialSubject", {}).get("achievement", {}).get("name", "")
    endorsement = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"Endorsement of {achievement or credential.get('name', 'a credential')}",
        "issuer": {"id": did, "type": ["Profile"], "name": endorser_name},
        "validFrom": now,
        "credentialSubject": {"id": credential["id"], "type": ["EndorsementSubject"],
                              "endorsementComment": comment},
    }
    return sign(endorsement, key, verification_method(key.public_key()), now)

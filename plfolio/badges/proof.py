"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C vc-di-eddsa), fully offline.

hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document without proof),
both canonicalized with RDFC-1.0 (URDNA2015) through pyld; the Ed25519 signature over hashData is
the proofValue, multibase base58btc.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from plfolio.badges.didkey import from_multibase, multibase, resolve_verification_method
from plfolio.badges.loader import make_loader

CRYPTOSUITE = "eddsa-rdfc-2022"


@dataclass
class Verification:
    ok: bool
    checked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def canonize(document: dict[str, Any], loader: Callable[..., Any]) -> str:
    return jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                       "documentLoader": loader, "safe": True})


def hash_data(document: dict[str, Any], config: dict[str, Any], loader: Callable[..., Any]) -> bytes:
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    config = {"@context": document["@context"], **{k: v for k, v in config.items() if k != "proofValue"}}
    return (hashlib.sha256(canonize(config, loader).encode()).digest()
            + hashlib.sha256(canonize(unsigned, loader).encode()).digest())


def sign(document: dict[str, Any], key: Ed25519PrivateKey, verification_method: str, created: str,
         proof_purpose: str = "assertionMethod", loader: Callable[..., Any] | None = None) -> dict[str, Any]:
    """A copy of ``document`` with a DataIntegrityProof added to its ``proof`` list (as OB 3.0 wants)."""
    loader = loader or make_loader()
    config = {"type": "DataIntegrityProof", "cryptosuite": CRYPTOSUITE, "created": created,
              "verificationMethod": verification_method, "proofPurpose": proof_purpose}
    signature = key.sign(hash_data(document, config, loader))
    signed = copy.deepcopy(document)
    existing = signed.pop("proof", [])
    signed["proof"] = [*(existing if isinstance(existing, list) else [existing]),
                       {**config, "proofValue": multibase(signature)}]
    return signed


def verify(document: dict[str, Any], loader: Callable[..., Any] | None = None) -> Verification:
    """Check every eddsa-rdfc-2022 proof on ``document`` (did:key methods resolved offline)."""
    loader = loader or make_loader()
    proofs = document.get("proof")
    if not proofs:
        return Verification(False, errors=["the credential has no proof"])
    result = Verification(True)
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        vm = proof.get("verificationMethod", "")
        if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
            result.ok = False
            result.errors.append(f"unsupported proof {proof.get('type')}/{proof.get('cryptosuite')}")
            continue
        try:
            key = resolve_verification_method(vm)
            signature = from_multibase(proof.get("proofValue", ""))
            key.verify(signature, hash_data(document, proof, loader))
            result.checked.append(f"{CRYPTOSUITE} proof by {vm}")
        except InvalidSignature:
            result.ok = False
            result.errors.append(f"the signature by {vm} does not match the credential")
        except Exception as err:  # malformed proofs, unknown contexts, unresolvable keys
            result.ok = False
            result.errors.append(f"cannot check the proof by {vm}: {root_cause(err)}")
    return result


def root_cause(err: BaseException) -> str:
    """The innermost reason: pyld wraps a refused context in several generic errors."""
    seen = err
    while True:
        inner = getattr(seen, "cause", None) or seen.__cause__
        if not isinstance(inner, BaseException) or inner is seen:
            break
        seen = inner
    return str(seen)

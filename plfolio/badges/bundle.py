"""The evidence bundle: one zip a teacher carries to a new school, and anyone can check offline.

Layout::

    manifest.json      format, audience, issuer did:key, SHA-256 of every other file, signature
    portfolio/...      the portfolio's own files (owner: all of them, byte for byte; others: the
                       entries the audience may see, re-written without references to hidden ones)
    credentials/...    signed Open Badges credentials (and badges imported from elsewhere, as is)
    index.html         opens the human-readable static site in site/

The manifest is signed with the teacher's Ed25519 key over its canonical JSON (sorted keys, no
spaces), so one changed byte in any file, or in the manifest, is detected. The signing key itself
(keys/) and PLfolio's derived data (.plfolio/) are never included.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plfolio.badges.credential import timestamp
from plfolio.badges.didkey import did_key, from_multibase, multibase, resolve_verification_method, \
    verification_method
from plfolio.badges.issue import BADGES_DIR, KEY_FILE, issuer_key
from plfolio.badges.proof import verify as verify_credential
from plfolio.export.audience import for_audience
from plfolio.export.site import SiteBuilder
from plfolio.model import MARKDOWN_KINDS
from plfolio.store import PortfolioStore
from plfolio.store.convert import to_data, to_toml
from plfolio.store.files import STATE_DIR
from plfolio.store.loader import CONFIG_FILE, PROFILE_FILE
from plfolio.store.text import join_front_matter

FORMAT = "plfolio-bundle/1"
MANIFEST = "manifest.json"
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
NEVER_BUNDLED = (STATE_DIR + "/", KEY_FILE.split("/")[0] + "/")


ENTRY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Professional learning portfolio</title>
<meta http-equiv="refresh" content="0; url=site/index.html"></head>
<body><p><a href="site/index.html">Open the portfolio</a>. This bundle also holds the portfolio's own
files (portfolio/), its Open Badges credentials (credentials/) and a signed manifest: check it with
<code>plfolio verify</code>.</p></body></html>
"""


class BundleError(Exception):
    """A bundle that cannot be made, read or trusted; the message names the file."""


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def portfolio_files(store: PortfolioStore, audience: str) -> dict[str, bytes]:
    """What of the portfolio goes in: every file for the owner; visible entries for others."""
    root = store.root
    if audience == "owner":
        out = {}
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not path.is_symlink() and not rel.startswith(NEVER_BUNDLED):
                out[rel] = path.read_bytes()
        return out
    visible = for_audience(store.portfolio, audience)
    out = {CONFIG_FILE: to_toml(to_data(visible.config)).encode("utf-8")}
    if not visible.profile.is_empty():
        out[PROFILE_FILE] = to_toml(to_data(visible.profile)).encode("utf-8")
    for kind, entries in visible.entries.items():
        for slug, entry in sorted(entries.items()):
            data = to_toml(to_data(entry))
            text = join_front_matter(data, entry.body) if kind in MARKDOWN_KINDS else data
            out[entry.path] = text.encode("utf-8")
            names = list(getattr(entry, "attachments", [])) + ([entry.certificate] if getattr(
                entry, "certificate", "") else [])  # type: ignore[attr-defined]
            for name in names:
                source = root / (entry.folder or "") / name
                if entry.folder and source.is_file():
                    out[f"{entry.folder}/{name}"] = source.read_bytes()
    for path in sorted((root / "frameworks").glob("*.toml")):
        out[f"frameworks/{path.name}"] = path.read_bytes()
    return out


def export_bundle(store: PortfolioStore, out: Path, audience: str = "owner") -> Path:
    key = issuer_key(store.root)
    files: dict[str, bytes] = {f"portfolio/{rel}": data for rel, data in portfolio_files(store, audience).items()}
    for path in sorted((store.root / BADGES_DIR).glob("*")) if (store.root / BADGES_DIR).is_dir() else []:
        if path.is_file():
            files[f"credentials/{path.name}"] = path.read_bytes()
    site = SiteBuilder(store.portfolio, store.root, audience).gather()
    files["index.html"] = ENTRY_PAGE.encode("utf-8")
    files.update({f"site/{rel}": data for rel, data in site.files.items()})
    files.update({f"site/{rel}": src.read_bytes() for rel, src in site.copies.items()})
    manifest: dict[str, Any] = {
        "format": FORMAT, "portfolio_format": store.portfolio.config.format, "audience": audience,
        "issuer": did_key(key.public_key()), "created": timestamp(),
        "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in sorted(files.items())}}
    manifest["signature"] = {"type": "Ed25519Signature", "verificationMethod": verification_method(key.public_key()),
                             "signatureValue": multibase(key.sign(canonical(manifest)))}
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in [MANIFEST, *sorted(files)]:
            info = zipfile.ZipInfo(rel, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, json.dumps(manifest, indent=2).encode() if rel == MANIFEST else files[rel])
    return out


@dataclass
class BundleCheck:
    ok: bool = True
    checked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.ok = False
        self.errors.append(message)


def verify_files(files: dict[str, bytes]) -> BundleCheck:
    """Check the manifest signature, every hash, and every credential's proof."""
    check = BundleCheck()
    try:
        manifest = json.loads(files[MANIFEST])
        signature = manifest.pop("signature")
        key = resolve_verification_method(signature["verificationMethod"])
        if signature["verificationMethod"].split("#")[0] != manifest.get("issuer"):
            check.fail(f"{MANIFEST}: signed by a key that is not the bundle's issuer")
        key.verify(from_multibase(signature["signatureValue"]), canonical(manifest))
        check.checked.append(f"{MANIFEST}: signature by {manifest['issuer']}")
    except KeyError:
        check.fail(f"{MANIFEST} is missing or incomplete")
        return check
    except Exception as err:
        check.fail(f"{MANIFEST}: the signature does not verify ({type(err).__name__})")
        return check
    listed = manifest.get("files", {})
    for rel in sorted(set(files) - {MANIFEST} - set(listed)):
        check.fail(f"{rel}: not listed in the manifest")
    for rel, digest in sorted(listed.items()):
        if rel not in files:
            check.fail(f"{rel}: listed in the manifest but missing")
        elif hashlib.sha256(files[rel]).hexdigest() != digest:
            check.fail(f"{rel}: its contents changed (SHA-256 does not match the manifest)")
    check.checked.append(f"{len(listed)} file hashes")
    for rel in sorted(r for r in files if r.startswith("credentials/") and r.endswith(".json")):
        try:
            credential = json.loads(files[rel])
        except ValueError:
            check.fail(f"{rel}: not valid JSON")
            continue
        if "proof" not in credential:
            continue  # a badge imported from elsewhere without a proof is carried as is
        result = verify_credential(credential)
        check.checked += [f"{rel}: {line}" for line in result.checked]
        for line in result.errors:
            check.fail(f"{rel}: {line}")
    return check


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # different on disk: left untouched


def import_bundle(path: Path, into: Path) -> ImportReport:
    """Verify a bundle, then restore it into a new folder or merge it into an existing portfolio.

    Nothing is written unless the whole bundle verifies; an existing file that differs is reported as
    a conflict and never overwritten.
    """
    from plfolio.badges.safezip import read_zip
    from plfolio.store.files import atomic_write

    files = read_zip(path)
    check = verify_files(files)
    if not check.ok:
        raise BundleError(f"{path}: does not verify: " + "; ".join(check.errors))
    if into.exists() and any(into.iterdir()) and not (into / CONFIG_FILE).is_file():
        raise BundleError(f"{into} is neither empty nor a portfolio; choose an empty or new folder")
    report = ImportReport()
    for name, data in sorted(files.items()):
        if not name.startswith("portfolio/"):
            continue
        rel = name.removeprefix("portfolio/")
        target = into / rel
        if target.exists():
            (report.identical if target.read_bytes() == data else report.conflicts).append(rel)
            continue
        atomic_write(target, data)
        report.added.append(rel)
    return report

"""A mentor's review of a teacher's bundle: verified first, read only, feedback saved as it is written.

The bundle is never changed. What the mentor writes goes to their own feedback file
(``feedback-<mentor>-<date>.toml``, or ``.zip`` once it holds endorsements), saved after every
addition so closing the browser loses nothing.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plfolio.badges.bundle import BundleError, verify_files
from plfolio.badges.endorsement import endorse
from plfolio.badges.safezip import read_zip
from plfolio.model import FEEDBACK_KINDS, Portfolio
from plfolio.review.feedback_file import FeedbackFile, dumps, to_zip
from plfolio.store import load_portfolio
from plfolio.store.files import atomic_write

MENTOR_KINDS = tuple(k for k in FEEDBACK_KINDS if k != "reply")


@dataclass
class ReviewSession:
    bundle: Path
    portfolio: Portfolio
    site: dict[str, bytes]  # path inside site/ -> bytes
    credentials: dict[str, dict[str, Any]]  # file name -> credential
    feedback: FeedbackFile
    out_dir: Path
    checked: list[str] = field(default_factory=list)
    _tmp: Any = None

    @classmethod
    def open(cls, bundle: Path, mentor: str, out_dir: Path) -> "ReviewSession":
        """Verify ``bundle`` (raising BundleError with every reason if it does not) and load it."""
        files = read_zip(bundle)
        check = verify_files(files)
        if not check.ok:
            raise BundleError(f"{bundle} does not verify, so it cannot be reviewed: " + "; ".join(check.errors))
        tmp = tempfile.TemporaryDirectory(prefix="plfolio-review-")
        root = Path(tmp.name)
        for name, data in files.items():
            if name.startswith("portfolio/"):
                target = root / name.removeprefix("portfolio/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        portfolio = load_portfolio(root)
        credentials = {}
        for name, data in files.items():
            if name.startswith("credentials/") and name.endswith(".json"):
                try:
                    credentials[name.removeprefix("credentials/")] = json.loads(data)
                except ValueError:
                    continue
        site = {name.removeprefix("site/"): data for name, data in files.items() if name.startswith("site/")}
        feedback = FeedbackFile(author=mentor, portfolio_owner=portfolio.config.owner.name)
        return cls(bundle, portfolio, site, credentials, feedback, out_dir, check.checked, tmp)

    @property
    def path(self) -> Path:
        return self.out_dir / self.feedback.file_name(".zip" if self.feedback.endorsements else ".toml")

    def save(self) -> Path:
        data = to_zip(self.feedback) if self.feedback.endorsements else dumps(self.feedback).encode("utf-8")
        atomic_write(self.path, data)
        return self.path

    def add_feedback(self, about: str, kind: str, body: str, title: str = "") -> Path:
        if kind not in MENTOR_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MENTOR_KINDS)}")
        if not body.strip():
            raise ValueError("write something first")
        self.feedback.add(about, kind, body.strip() + "\n", title=title.strip())
        return self.save()

    def endorse(self, credential_file: str, comment: str) -> Path:
        credential = self.credentials.get(credential_file)
        if credential is None:
            raise ValueError("no such credential in this bundle")
        endorsement = endorse(credential, self.feedback.author, comment.strip())
        stem = credential_file.removesuffix(".json")
        self.feedback.endorsements[f"{stem}-endorsement-{len(self.feedback.endorsements) + 1}.json"] = endorsement
        old_toml = self.out_dir / self.feedback.file_name(".toml")
        path = self.save()
        old_toml.unlink(missing_ok=True)  # the zip now holds the same feedback plus the endorsement
        return path

    def endorsed(self, credential_file: str) -> bool:
        stem = credential_file.removesuffix(".json")
        return any(name.startswith(f"{stem}-endorsement-") for name in self.feedback.endorsements)

    def targets(self) -> list[tuple[str, str]]:
        """What feedback can be about: the plan, each shared entry, each standard in use."""
        out = [("plan", "The plan as a whole")]
        for kind in ("goals", "evidence", "reflections", "activities"):
            for slug, entry in sorted(self.portfolio.entries[kind].items()):
                out.append((f"{kind}/{slug}", f"{kind[:-1] if kind != 'evidence' else 'evidence'}: "
                            f"{getattr(entry, 'title', slug)}"))
        for fw in self.portfolio.frameworks_in_use():
            for std in fw.standards:
                out.append((f"standard:{fw.id}:{std.code}", f"standard: {fw.label} {std.code} {std.title}"))
        return out

"""Bringing a mentor's feedback file into the teacher's ``feedback/`` folder.

Each item becomes one Markdown file linked to the entry it is about. Importing the same file twice
adds nothing twice (items carry stable ids); feedback about an entry that no longer exists is kept and
reported, never dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from plfolio.badges.issue import BADGES_DIR
from plfolio.badges.proof import verify
from plfolio.model import Feedback
from plfolio.review.feedback_file import FeedbackFile
from plfolio.store import PortfolioStore
from plfolio.store.files import atomic_write, safe_filename, unused_name


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)  # relative paths written
    duplicates: list[str] = field(default_factory=list)  # ids already in the portfolio
    about_missing: list[str] = field(default_factory=list)  # paths whose entry is not in the portfolio
    endorsements: list[str] = field(default_factory=list)  # stored under badges/endorsements/
    rejected: list[str] = field(default_factory=list)  # endorsements whose proof did not verify

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.duplicates)} already imported"]
        if self.endorsements:
            parts.append(f"{len(self.endorsements)} endorsement(s) kept")
        if self.rejected:
            parts.append(f"{len(self.rejected)} endorsement(s) refused: their proof does not verify")
        if self.about_missing:
            parts.append(f"{len(self.about_missing)} about entries no longer in the portfolio (kept)")
        return ", ".join(parts)


def _target_exists(store: PortfolioStore, about: str) -> bool:
    portfolio = store.portfolio
    if about == "plan":
        return True
    if about.startswith("standard:"):
        return portfolio.standard(about.removeprefix("standard:")) is not None
    return portfolio.get(about) is not None


def import_feedback(store: PortfolioStore, feedback: FeedbackFile) -> ImportReport:
    report = ImportReport()
    by_id = {fb.id: fb.slug for fb in store.portfolio.feedback.values() if fb.id}
    for item in feedback.items:
        if item.id in by_id:
            report.duplicates.append(item.id)
            continue
        entry = Feedback(
            title=item.title, date=item.date, author=feedback.author, role=feedback.role,
            about=item.about, kind=item.kind, in_reply_to=by_id.get(item.in_reply_to, ""),
            read=False, visibility="mentor", id=item.id, body=item.body.rstrip("\n") + "\n")
        entry.slug = store.new_slug("feedback", f"{feedback.author} {item.kind} {item.date}")
        rel = store.create(entry)
        by_id[item.id] = entry.slug
        report.added.append(rel)
        if not _target_exists(store, item.about):
            report.about_missing.append(rel)
    import_endorsements(store, feedback, report)
    store.refresh()
    return report


def import_endorsements(store: PortfolioStore, feedback: FeedbackFile, report: ImportReport) -> None:
    """Keep each verified endorsement beside the badges, once; refuse any whose proof fails."""
    folder = store.root / BADGES_DIR / "endorsements"
    for name, credential in sorted(feedback.endorsements.items()):
        if not verify(credential).ok:
            report.rejected.append(name)
            continue
        data = (json.dumps(credential, indent=2, sort_keys=True) + "\n").encode("utf-8")
        if folder.is_dir() and any(p.read_bytes() == data for p in folder.iterdir() if p.is_file()):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        stored = unused_name(folder, safe_filename(name))
        atomic_write(folder / stored, data)
        report.endorsements.append(f"{BADGES_DIR}/endorsements/{stored}")

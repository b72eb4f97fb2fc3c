"""The portable static site: plain HTML with relative links that works from file:// and any host.

Everything is gathered first (pages, assets, attachments), then written, so a failed render never
leaves half a site. Output is deterministic: the same portfolio gives byte-identical files.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from plfolio.badges.imported import list_badges
from plfolio.badges.issue import BADGES_DIR
from plfolio.export.audience import for_audience
from plfolio.insights import charts
from plfolio.insights.hours import breakdown, hours_by_year
from plfolio.export.themes import ExportError, Theme
from plfolio.export.timeline import timeline
from plfolio.insights.progress import pathway_status
from plfolio.model import Entry, Portfolio, entry_school_year
from plfolio.render import humanize, markdown_html

Progress = Callable[[int, int], None]
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so zips are byte-identical too
INDEX_TEXT_CHARS = 1500
PAGES = [("index.html", "Home"), ("plan.html", "Learning plan"), ("evidence.html", "Evidence"),
         ("reflections.html", "Reflections"), ("pd-log.html", "PD log"),
         ("standards.html", "Standards"), ("pathways.html", "Pathways"), ("search.html", "Search"),
         ("feedback.html", "Give feedback")]
DETAIL_KINDS = ("goals", "evidence", "reflections")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass
class SiteFiles:
    """Everything the site will contain, by relative path, before anything is written."""

    files: dict[str, bytes] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)  # attachments: out path -> source file

    def add(self, rel: str, data: str | bytes) -> None:
        self.files[rel] = data.encode("utf-8") if isinstance(data, str) else data


def relative(here: str, target: str) -> str:
    """A link from page ``here`` to ``target`` (both site-relative POSIX paths)."""
    start = posixpath.dirname(here) or "."
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, start) if path else posixpath.basename(here)
    return rel + (f"#{anchor}" if anchor else "")


def month_label(key: str) -> str:
    """"2026-10" -> "October 2026" (English month names, so output does not depend on the locale)."""
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def page_of(entry: Entry) -> str:
    return f"{entry.collection}/{entry.slug}.html"


def attachment_path(entry: Entry, name: str) -> str:
    return f"files/{entry.collection}/{entry.slug}/{name}"


def plain_text(markdown: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(markdown_html(markdown)))).strip()


def by_school_year(entries: list[Entry], start: str) -> list[tuple[str, list[Entry]]]:
    """Entries grouped by school year, oldest year first, keeping their order within a year."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry_school_year(entry, start), []).append(entry)
    return sorted(groups.items())


def search_records(portfolio: Portfolio) -> list[dict[str, str]]:
    """The client-side search index: one record per page of the export, in a stable order."""
    records = []
    for kind in DETAIL_KINDS:
        for slug, entry in sorted(portfolio.entries[kind].items()):
            text = " ".join([plain_text(entry.body), *getattr(entry, "measures", []),
                             *(s.text for s in getattr(entry, "action_steps", [])),
                             getattr(entry, "prompt", "")])
            records.append({"u": page_of(entry), "t": getattr(entry, "title", slug), "k": kind,
                            "x": text[:INDEX_TEXT_CHARS]})
    for slug, activity in sorted(portfolio.activities.items()):
        records.append({"u": f"pd-log.html#{slug}", "t": activity.title, "k": "activities",
                        "x": f"{activity.provider} {plain_text(activity.body)}"[:INDEX_TEXT_CHARS]})
    return records


@dataclass
class Links:
    """Who points at whom, computed once: pages look these up instead of scanning every entry."""

    feedback_about: dict[str, list[Entry]]
    evidence_for_goal: dict[str, list[Entry]]
    reflections_for_goal: dict[str, list[Entry]]

    @classmethod
    def of(cls, portfolio: Portfolio) -> "Links":
        def by_date(entries: list[Entry]) -> list[Entry]:
            return sorted(entries, key=lambda e: (getattr(e, "date", None) or date.min, e.slug))

        feedback: dict[str, list[Entry]] = {}
        for fb in portfolio.feedback.values():
            feedback.setdefault(fb.about, []).append(fb)
        evidence: dict[str, list[Entry]] = {}
        for e in portfolio.evidence.values():
            for g in e.goals:
                evidence.setdefault(g, []).append(e)
        reflections: dict[str, list[Entry]] = {}
        for r in portfolio.reflections.values():
            for g in r.goals:
                reflections.setdefault(g, []).append(r)
        return cls(*({k: by_date(v) for k, v in d.items()} for d in (feedback, evidence, reflections)))


class SiteBuilder:
    def __init__(self, portfolio: Portfolio, root: Path, audience: str = "mentor",
                 theme: str = "default") -> None:
        self.root = root
        self.audience = audience
        self.portfolio = for_audience(portfolio, audience)
        self.theme = Theme(theme, root)
        self.links = Links.of(self.portfolio)
        self.timeline = timeline(self.portfolio)
        self.badges = [b for b in list_badges(root) if self.shows_badge(b.file)]
        years = hours_by_year(self.portfolio)  # the filtered portfolio: hidden hours never count
        self.hours_charts = [
            charts.stacked_bars("Professional learning hours by school year",
                                [(y, [b.required, b.optional]) for y, b in years.items()], ["required", "optional"]),
            charts.bar_chart("Hours by modality", [(humanize(k), v) for k, v in sorted(
                breakdown(list(self.portfolio.activities.values())).by_modality.items(), key=lambda kv: -kv[1])],
                " h")] if years else []

    def feedback_targets(self) -> list[tuple[str, str]]:
        """What a mentor can write about: the plan, each entry in the export, each standard in use."""
        p = self.portfolio
        out = [("plan", "The plan as a whole")]
        for kind in ("goals", "evidence", "reflections", "activities"):
            out += [(f"{kind}/{slug}", f"{kind}: {getattr(e, 'title', slug)}") for slug, e in sorted(p.entries[kind].items())]
        out += [(f"standard:{fw.id}:{s.code}", f"standard: {fw.label} {s.code} {s.title}")
                for fw in p.frameworks_in_use() for s in fw.standards]
        return out

    def shows_badge(self, name: str) -> bool:
        """An issued badge only if its goal or pathway is visible; imported ones to owner and mentor."""
        m = re.match(r"^(goals|pathways)-(.+?)(-\d+)?\.json$", name)
        if m:
            return self.portfolio.get(f"{m.group(1)}/{m.group(2)}") is not None
        return self.audience in ("owner", "mentor")

    def context(self, here: str, **extra: Any) -> dict[str, Any]:
        p = self.portfolio
        start = p.config.settings.school_year_start
        return {"portfolio": p, "audience": self.audience, "here": here, "pages": PAGES,
                "url": lambda target: relative(here, target), "page_of": page_of,
                "attachment": lambda e, n: relative(here, attachment_path(e, n)),
                "by_year": lambda entries: by_school_year(entries, start), "links": self.links,
                "timeline": self.timeline, "month": month_label, "badges": self.badges,
                "hours_charts": self.hours_charts, "feedback_targets": self.feedback_targets(),
                "pathway_status": lambda pathway: pathway_status(p, pathway), **extra}

    def gather(self, progress: Progress | None = None) -> SiteFiles:
        site = SiteFiles()
        p = self.portfolio
        jobs: list[tuple[str, str, dict[str, Any]]] = [(rel, rel, {}) for rel, _ in PAGES]
        for kind, template in (("goals", "goal.html"), ("evidence", "evidence_item.html"),
                               ("reflections", "reflection.html")):
            for slug, entry in sorted(p.entries[kind].items()):
                jobs.append((page_of(entry), template, {"entry": entry}))
        total = len(jobs)
        for i, (rel, template, extra) in enumerate(jobs, 1):
            site.add(rel, self.theme.render(template, self.context(rel, **extra)))
            if progress and (i % 50 == 0 or i == total):
                progress(i, total)
        for name in ("style.css", "print.css", "search.js", "feedback.js"):
            site.add(f"assets/{name}", self.theme.asset(name))
        records = json.dumps(search_records(p), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        site.add("assets/search-index.js", f"window.PLFOLIO_SEARCH = {records};\n")
        for kind in ("evidence", "activities"):
            for slug, entry in sorted(p.entries[kind].items()):
                names = list(getattr(entry, "attachments", [])) + (
                    [entry.certificate] if getattr(entry, "certificate", "") else [])  # type: ignore[attr-defined]
                for name in names:
                    source = self.root / (entry.folder or "") / name
                    if entry.folder and source.is_file():
                        site.copies[attachment_path(entry, name)] = source
        for badge in self.badges:
            site.copies[f"files/badges/{badge.file}"] = self.root / BADGES_DIR / badge.file
        return site


def write_site(site: SiteFiles, out: Path, as_zip: bool = False) -> Path:
    """Write a gathered site to a folder (replacing an earlier export there) or a zip file."""
    if as_zip:
        out = out if out.suffix == ".zip" else out.with_suffix(".zip")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            entries = {**site.files, **{rel: src.read_bytes() for rel, src in site.copies.items()}}
            for rel in sorted(entries):
                info = zipfile.ZipInfo(rel, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, entries[rel])
        return out
    if out.exists():
        if not (out / "index.html").is_file() or not (out / "assets" / "search-index.js").is_file():
            if any(out.iterdir()):
                raise ExportError(f"{out} is not empty and is not an earlier PLfolio export; "
                                  "choose an empty or new folder")
        shutil.rmtree(out)
    for rel, data in sorted(site.files.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for rel, source in sorted(site.copies.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return out


def export_site(portfolio: Portfolio, root: Path, out: Path, audience: str = "mentor",
                theme: str = "default", as_zip: bool = False, progress: Progress | None = None) -> Path:
    builder = SiteBuilder(portfolio, root, audience, theme)
    return write_site(builder.gather(progress), out, as_zip)

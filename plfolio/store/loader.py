"""Loading a portfolio folder: every file that parses becomes a model object, every other a Problem.

Loading never stops at a bad file and never writes. ``Loader`` keeps what it parsed keyed by
(path, mtime, size) so a refresh after an outside edit re-reads only the files that changed.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from plfolio.frameworks import BUILTIN_DIR, load_frameworks
from plfolio.model import (
    ENTRY_CLASSES,
    FORMAT_VERSION,
    MARKDOWN_KINDS,
    SLUG_RE,
    SNIC_SECTIONS,
    STANDARD_REF_RE,
    Config,
    Entry,
    Portfolio,
    Problem,
    Profile,
    slugify,
)
from plfolio.store.errors import NotAPortfolioError
from plfolio.store.parse import KeyLocator, decode_model, parse_bytes

CONFIG_FILE = "plfolio.toml"
PROFILE_FILE = "profile.toml"
IGNORED_NAME = re.compile(r"^(\.|#|~\$)|(~|\.swp|\.swx|\.tmp|\.bak|\.part|\.crdownload)$")


def is_ignored_name(name: str) -> bool:
    """Dot files and editors' temporary files are never portfolio entries."""
    return bool(IGNORED_NAME.search(name))


@dataclass
class FileRecord:
    """What one file contributed: the object it parsed to (if any) and its problems."""

    rel: str
    stamp: tuple[int, int]  # (mtime_ns, size)
    obj: object | None
    problems: list[Problem]
    locator: KeyLocator | None
    kind: str = ""


@dataclass
class Found:
    """Entry files found in the folder, plus problems with names and layout."""

    files: dict[str, str] = field(default_factory=dict)  # rel path -> kind
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # rel path -> (mtime_ns, size)
    problems: list[Problem] = field(default_factory=list)


def entry_slug(rel: str) -> str:
    parts = rel.split("/")
    return parts[1] if len(parts) == 3 else parts[1].rsplit(".", 1)[0]


def discover(root: Path) -> Found:
    """Find every entry file by the folder conventions; misnamed files become Problems."""
    found = Found()
    for kind in ENTRY_CLASSES:
        folder = root / kind
        if not folder.is_dir():
            continue
        suffix = ".md" if kind in MARKDOWN_KINDS else ".toml"
        for item in sorted(os.scandir(folder), key=lambda e: e.name):
            if is_ignored_name(item.name):
                continue
            rel = f"{kind}/{item.name}"
            if item.is_dir():
                if kind not in MARKDOWN_KINDS:
                    found.problems.append(Problem(rel, f"{kind} are single .toml files, not folders",
                                                  f"Move it out of {kind}/ or make it {item.name}.toml."))
                elif (index := _listed_stamp(Path(item.path, "index.md"))) is None:
                    found.problems.append(Problem(rel, "entry folder has no index.md",
                                                  "Add index.md with the entry's front matter."))
                elif _check_slug(found, rel, item.name):
                    found.files[f"{rel}/index.md"] = kind
                    found.stamps[f"{rel}/index.md"] = index
                continue
            stem, dot, ext = item.name.rpartition(".")
            if f".{ext}" != suffix or not dot:
                found.problems.append(Problem(rel, f"is not a {kind} entry (expected a {suffix} file)",
                                              f"Rename it to end in {suffix}, or move it elsewhere."))
            elif _check_slug(found, rel, stem, suffix) and (stamp := _listed_stamp(item)) is not None:
                found.files[rel] = kind
                found.stamps[rel] = stamp
    return found


def _listed_stamp(path: Path | os.DirEntry[str]) -> tuple[int, int] | None:
    """The stamp of a regular file, None if it is not one (or vanished meanwhile). Taken while
    listing, so that telling which files changed costs no second pass over 10,000 paths."""
    try:
        return stamp_of(path) if path.is_file() else None
    except OSError:
        return None


def _check_slug(found: Found, rel: str, slug: str, suffix: str = "") -> bool:
    if SLUG_RE.match(slug):
        return True
    found.problems.append(Problem(rel, "file name must be lowercase letters, digits and hyphens",
                                  f"Rename it to {slugify(slug)}{suffix}."))
    return False


def stamp_of(path: Path | os.DirEntry[str]) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def parse_entry(root: Path, rel: str, kind: str) -> FileRecord:
    path = root / rel
    try:
        stamp = stamp_of(path)
        raw = path.read_bytes()
    except OSError as err:
        return FileRecord(rel, (0, 0), None, [Problem(rel, f"cannot be read: {err.strerror}",
                                                     "Check the file's permissions.")], None, kind)
    parsed = parse_bytes(raw, rel, markdown=kind in MARKDOWN_KINDS)
    if parsed.data is None:
        return FileRecord(rel, stamp, None, parsed.problems, None, kind)
    entry, problems = decode_model(ENTRY_CLASSES[kind], parsed, rel)
    entry.slug, entry.path = entry_slug(rel), rel
    entry.body = parsed.front_matter.body if parsed.front_matter else ""
    problems += _missing_files(root, entry, parsed.locator)
    return FileRecord(rel, stamp, entry, problems, parsed.locator, kind)


def _missing_files(root: Path, entry: Entry, locator: KeyLocator | None) -> list[Problem]:
    names: list[tuple[str, str]] = [("attachments", n) for n in getattr(entry, "attachments", [])]
    if getattr(entry, "certificate", ""):
        names.append(("certificate", entry.certificate))  # type: ignore[attr-defined]
    problems = []
    for key, name in names:
        line = locator.line(key) if locator else None
        if entry.folder is None:
            problems.append(Problem(entry.path, f"{key} '{name}' needs the entry's own folder",
                                    f"Move {entry.path} to {entry.collection}/{entry.slug}/index.md and "
                                    f"put {name} beside it.", line))
        elif "/" in name or "\\" in name or name.startswith(".") or not (
                root / entry.folder / name).is_file():
            problems.append(Problem(entry.path, f"{key} '{name}' is not in {entry.folder}/",
                                    "Put the file beside index.md or fix its name.", line))
    return problems


def parse_singleton(root: Path, rel: str, cls: type) -> FileRecord:
    path = root / rel
    if not path.is_file():
        return FileRecord(rel, (0, 0), cls(), [], None)
    parsed = parse_bytes(path.read_bytes(), rel, markdown=False)
    if parsed.data is None:
        return FileRecord(rel, stamp_of(path), cls(), parsed.problems, None)
    obj, problems = decode_model(cls, parsed, rel)
    return FileRecord(rel, stamp_of(path), obj, problems, parsed.locator)


class Loader:
    """Loads a portfolio, re-reading only the files whose (mtime, size) changed since last time."""

    def __init__(self, root: Path, builtin_frameworks: Path = BUILTIN_DIR) -> None:
        self.root = Path(root)
        self.builtin_frameworks = builtin_frameworks
        self._records: dict[str, FileRecord] = {}
        self._lock = threading.Lock()
        self.reads = 0  # files parsed so far: lets tests see that refreshes are incremental

    def load(self) -> Portfolio:
        if not (self.root / CONFIG_FILE).is_file():
            raise NotAPortfolioError(self.root, f"is not a PLfolio portfolio (no {CONFIG_FILE})",
                                     "Run `plfolio init` to create one.")
        with self._lock:
            config = parse_singleton(self.root, CONFIG_FILE, Config)
            profile = parse_singleton(self.root, PROFILE_FILE, Profile)
            found = discover(self.root)
            records = {}
            for rel, kind in found.files.items():
                old = self._records.get(rel)
                if old is None or old.stamp != found.stamps[rel]:
                    old = parse_entry(self.root, rel, kind)
                    self.reads += 1
                records[rel] = old
            self._records = records
            frameworks, fw_problems = load_frameworks(self.root, self.builtin_frameworks)
            return assemble(config, profile, records.values(), frameworks,
                            found.problems + fw_problems)

    def locator(self, rel: str) -> KeyLocator | None:
        record = self._records.get(rel)
        return record.locator if record else None


def load_portfolio(root: Path | str, builtin_frameworks: Path = BUILTIN_DIR) -> Portfolio:
    """Load everything in ``root``; raises NotAPortfolioError only when it is not a portfolio."""
    return Loader(Path(root), builtin_frameworks).load()


def assemble(config: FileRecord, profile: FileRecord, records: Iterable[FileRecord],
             frameworks: dict, problems: list[Problem]) -> Portfolio:
    portfolio = Portfolio(config=config.obj, profile=profile.obj, frameworks=frameworks)  # type: ignore[arg-type]
    problems = list(problems) + config.problems + profile.problems
    locators = {config.rel: config.locator, profile.rel: profile.locator}
    for record in records:
        problems.extend(record.problems)
        locators[record.rel] = record.locator
        entry = record.obj
        if not isinstance(entry, Entry):
            continue
        existing = portfolio.entries[record.kind].get(entry.slug)
        if existing is not None:
            problems.append(Problem(entry.path, f"duplicate slug '{entry.slug}': {existing.path} "
                                    "has the same name", "Rename one of them."))
            continue
        portfolio.entries[record.kind][entry.slug] = entry
    problems += ReferenceCheck(portfolio, locators).run()
    portfolio.problems = problems
    return portfolio


class ReferenceCheck:
    """Dangling references and unknown standards: Problems on the referring file, never crashes."""

    def __init__(self, portfolio: Portfolio, locators: dict[str, KeyLocator | None]) -> None:
        self.p = portfolio
        self.locators = locators
        self.problems: list[Problem] = []

    def add(self, rel: str, key: str, message: str, hint: str) -> None:
        locator = self.locators.get(rel)
        self.problems.append(Problem(rel, message, hint, locator.line(key) if locator else None))

    def run(self) -> list[Problem]:
        cfg = self.p.config
        if cfg.format > FORMAT_VERSION:
            self.add(CONFIG_FILE, "format", f"format {cfg.format} is newer than this PLfolio "
                     f"understands ({FORMAT_VERSION})", "Upgrade PLfolio to open this portfolio.")
        for i, fw_id in enumerate(cfg.settings.frameworks):
            if fw_id not in self.p.frameworks:
                self.add(CONFIG_FILE, "frameworks", f"unknown framework '{fw_id}' in settings.frameworks",
                         self._framework_hint())
        for section in SNIC_SECTIONS:
            for i, item in enumerate(getattr(self.p.profile, section), 1):
                self.standards(PROFILE_FILE, f"{section}[{i}].standards", item.standards)
        for kind, entries in self.p.entries.items():
            for entry in entries.values():
                getattr(self, f"check_{kind}")(entry)
        return self.problems

    def _framework_hint(self) -> str:
        return "Known frameworks: " + ", ".join(sorted(self.p.frameworks)) + \
            ". Add your own as frameworks/<id>.toml."

    def standards(self, rel: str, key: str, refs: list[str]) -> None:
        for ref in refs:
            self.standard(rel, key, ref)

    def standard(self, rel: str, key: str, ref: str, framework: str | None = None) -> None:
        m = STANDARD_REF_RE.match(ref)
        if not m:
            self.add(rel, key, f"'{ref}' is not a standard reference",
                     "Write standards as framework:code, e.g. ga-pl:5.")
        elif m.group(1) not in self.p.frameworks:
            self.add(rel, key, f"unknown framework '{m.group(1)}' in '{ref}'", self._framework_hint())
        elif self.p.standard(ref) is None:
            codes = ", ".join(s.code for s in self.p.frameworks[m.group(1)].standards[:12])
            self.add(rel, key, f"unknown standard '{ref}'", f"Codes in {m.group(1)}: {codes}.")
        elif framework and m.group(1) != framework:
            self.add(rel, key, f"'{ref}' is not in framework '{framework}'",
                     "Rate only standards of the assessment's framework.")

    def refs(self, entry: Entry, key: str, kind: str, slugs: list[str]) -> None:
        for slug in slugs:
            if slug not in self.p.entries[kind]:
                self.add(entry.path, key, f"{key} refers to '{slug}', which is not in {kind}/",
                         f"Fix the name or restore {kind}/{slug}.")

    def check_goals(self, goal) -> None:
        self.standards(goal.path, "standards", goal.standards)

    def check_evidence(self, ev) -> None:
        self.standards(ev.path, "standards", ev.standards)
        self.refs(ev, "goals", "goals", ev.goals)

    def check_reflections(self, r) -> None:
        self.refs(r, "goals", "goals", r.goals)
        self.refs(r, "evidence", "evidence", r.evidence)

    def check_activities(self, a) -> None:
        self.standards(a.path, "standards", a.standards)
        self.refs(a, "goals", "goals", a.goals)
        if a.pathway:
            pathway = self.p.pathways.get(a.pathway)
            if pathway is None:
                self.refs(a, "pathway", "pathways", [a.pathway])
            elif a.pathway_element and a.pathway_element not in {e.id for e in pathway.elements}:
                self.add(a.path, "pathway_element", f"pathway '{a.pathway}' has no element "
                         f"'{a.pathway_element}'", "Use one of: " + ", ".join(e.id for e in pathway.elements))
        elif a.pathway_element:
            self.add(a.path, "pathway_element", "pathway_element without a pathway",
                     "Add pathway = \"<pathway slug>\".")

    def check_assessments(self, a) -> None:
        fw = self.p.frameworks.get(a.framework)
        if fw is None:
            self.add(a.path, "framework", f"unknown framework '{a.framework}'", self._framework_hint())
            return
        low, high = fw.level_range()
        for i, rating in enumerate(a.ratings, 1):
            self.standard(a.path, f"ratings[{i}].standard", rating.standard, a.framework)
            if not low <= rating.level <= high:
                self.add(a.path, f"ratings[{i}].level", f"level {rating.level} is outside "
                         f"{fw.label}'s scale {low}-{high}", f"Use a level from {low} to {high}.")

    def check_pathways(self, pw) -> None:
        groups = {g.id for g in pw.groups}
        seen: set[str] = set()
        for i, el in enumerate(pw.elements, 1):
            if el.id in seen:
                self.add(pw.path, f"elements[{i}].id", f"duplicate element id '{el.id}'",
                         "Give each element its own id.")
            seen.add(el.id)
            if el.group and el.group not in groups:
                self.add(pw.path, f"elements[{i}].group", f"unknown group '{el.group}'",
                         "Add a [[groups]] table with that id or fix the name.")

    def check_feedback(self, fb) -> None:
        if fb.in_reply_to:
            self.refs(fb, "in_reply_to", "feedback", [fb.in_reply_to])
        about = fb.about
        if about == "plan":
            return
        if about.startswith("standard:"):
            self.standard(fb.path, "about", about.removeprefix("standard:"))
        elif about.split("/", 1)[0] in self.p.entries and "/" in about:
            if self.p.get(about) is None:
                self.add(fb.path, "about", f"the entry this is about, '{about}', is not in the portfolio",
                         "The feedback is kept; restore the entry or point 'about' elsewhere.")
        else:
            self.add(fb.path, "about", f"'{about}' is not something feedback can be about",
                     "Use kind/slug (e.g. goals/my-goal), standard:framework:code, or plan.")

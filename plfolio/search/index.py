"""The search index under ``.plfolio/index``: derived from the files, disposable, incremental.

- A missing, corrupt or older-version index is rebuilt by itself.
- Sync compares each entry's file stamps (path, mtime, size of the entry and its attachments) with
  the manifest of what was indexed, so only changed entries are re-read and re-indexed.
- All writes go through one single-threaded executor (the writer queue); searches use a fresh
  searcher each time, so they always see the last commit.
"""

from __future__ import annotations

import html
import json
import logging
import math
import shutil
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter
from whoosh.qparser import MultifieldParser, QueryParser
from whoosh.query import And, Or, Term

from plfolio.model import Portfolio
from plfolio.search.documents import Document, entry_document, entry_files, profile_document

log = logging.getLogger(__name__)
INDEX_DIR = ".plfolio/index"
MANIFEST = "plfolio-manifest.json"
SCHEMA_VERSION = 1
FACETS = ("kind", "year", "standards", "goals", "tags", "visibility")
MULTI_VALUED = {"standards", "goals", "tags"}
NONE = "_none"  # stands in for an empty multi-valued field: whoosh facets need a term vector
Progress = Callable[[int, int], None]


def make_schema() -> Schema:
    stem = StemmingAnalyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        kind=ID(stored=True, sortable=True),
        title=TEXT(analyzer=stem, stored=True, field_boost=3.0, spelling=True),
        content=TEXT(analyzer=stem, stored=True, spelling=True),
        year=ID(stored=True, sortable=True),
        standards=KEYWORD(commas=True, stored=True, vector=True),
        goals=KEYWORD(commas=True, stored=True, vector=True),
        tags=KEYWORD(commas=True, lowercase=True, stored=True, vector=True, scorable=True),
        visibility=ID(stored=True, sortable=True),
        date=ID(stored=True),
        path=STORED,
        stamp=STORED,
    )


@dataclass
class Hit:
    ref: str
    kind: str
    title: str
    title_html: str
    snippet_html: str
    year: str
    date: str
    visibility: str
    score: float

    @property
    def slug(self) -> str:
        return self.ref.split("/", 1)[1]


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str = ""  # "did you mean", when the query looks misspelt
    error: str = ""


@dataclass
class SyncReport:
    indexed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rebuilt: bool = False


class SearchIndex:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.dir = self.root / INDEX_DIR
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plfolio-index")
        self._state_lock = threading.Lock()
        self._ix: whoosh_index.Index | None = None
        self._stamps: dict[str, str] = {}
        self.documents_written = 0  # lets tests see that nothing is indexed twice

    # --- opening -------------------------------------------------------------------------------

    def _open(self) -> bool:
        """Open the index on disk; False when it must be rebuilt (missing, old or corrupt)."""
        try:
            manifest = json.loads((self.dir / MANIFEST).read_text("utf-8"))
            if manifest.get("version") != SCHEMA_VERSION:
                return False
            ix = whoosh_index.open_dir(str(self.dir))
            with ix.searcher() as searcher:
                searcher.doc_count()
            self._ix, self._stamps = ix, dict(manifest["stamps"])
            return True
        except Exception as err:  # any damage means: rebuild from the files
            log.info("search index at %s needs a rebuild: %s", self.dir, err)
            return False

    def _create(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self._ix = whoosh_index.create_in(str(self.dir), make_schema())
        self._stamps = {}

    def close(self) -> None:
        self._writer.shutdown(wait=True)
        if self._ix is not None:
            self._ix.close()

    # --- writing -------------------------------------------------------------------------------

    def _stamp(self, rels: Iterable[str]) -> str:
        parts = []
        for rel in rels:
            try:
                st = (self.root / rel).stat()
                parts.append(f"{rel}:{st.st_mtime_ns}:{st.st_size}")
            except OSError:
                parts.append(f"{rel}:missing")
        return ";".join(parts)

    def _wanted(self, portfolio: Portfolio) -> dict[str, tuple[str, Callable[[], Document]]]:
        """Every document the portfolio should have: id -> (stamp, how to build it)."""
        start = portfolio.config.settings.school_year_start
        config_stamp = self._stamp(["plfolio.toml"])  # school years depend on its settings
        wanted: dict[str, tuple[str, Callable[[], Document]]] = {
            "profile/profile": (self._stamp(["profile.toml"]), lambda: profile_document(portfolio.profile))}
        for entries in portfolio.entries.values():
            for entry in entries.values():
                stamp = self._stamp(entry_files(self.root, entry)) + ";" + config_stamp
                wanted[entry.ref] = (stamp, lambda e=entry: entry_document(self.root, e, start))
        return wanted

    def sync(self, portfolio: Portfolio, progress: Progress | None = None,
             rebuild: bool = False) -> SyncReport:
        """Bring the index in line with ``portfolio``, re-indexing only what changed on disk."""
        return self._writer.submit(self._sync, portfolio, progress, rebuild).result()

    def _sync(self, portfolio: Portfolio, progress: Progress | None, rebuild: bool) -> SyncReport:
        report = SyncReport()
        if rebuild or (self._ix is None and not self._open()):
            self._create()
            report.rebuilt = True
        assert self._ix is not None
        wanted = self._wanted(portfolio)
        changed = [ref for ref, (stamp, _) in wanted.items() if self._stamps.get(ref) != stamp]
        removed = [ref for ref in self._stamps if ref not in wanted]
        if not changed and not removed:
            return report
        writer = self._ix.writer(limitmb=128)
        try:
            for ref in removed:
                writer.delete_by_term("id", ref)
            total = len(changed)
            for i, ref in enumerate(changed, 1):
                stamp, build = wanted[ref]
                fields = {k: v or (NONE if k in MULTI_VALUED else v)
                          for k, v in build().fields(stamp).items()}
                fields = {k: v for k, v in fields.items() if v != ""}
                (writer.add_document if report.rebuilt else writer.update_document)(**fields)
                self.documents_written += 1
                if progress and (i % 100 == 0 or i == total):
                    progress(i, total)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        for ref in removed:
            del self._stamps[ref]
        self._stamps.update({ref: wanted[ref][0] for ref in changed})
        (self.dir / MANIFEST).write_text(json.dumps({"version": SCHEMA_VERSION, "stamps": self._stamps}),
                                         "utf-8")
        report.indexed, report.removed = changed, removed
        return report

    # --- searching -----------------------------------------------------------------------------

    def search(self, text: str, filters: dict[str, str] | None = None, page: int = 1, limit: int = 20,
               visibilities: Iterable[str] | None = None) -> SearchResults:
        """Ranked hits with highlighted snippets, facet counts and a "did you mean"."""
        results = SearchResults(query=text, page=page)
        if self._ix is None or not text.strip():
            return results
        parser = MultifieldParser(["title", "content", "tags"], self._ix.schema)
        query = parser.parse(text)
        clauses = [Term(k, v) for k, v in (filters or {}).items() if v and k in FACETS]
        if visibilities is not None:
            clauses.append(Or([Term("visibility", v) for v in visibilities]))
        facets = {name: sorting.FieldFacet(name, allow_overlap=name in MULTI_VALUED, maptype=sorting.Count)
                  for name in FACETS}
        with self._ix.searcher() as searcher:
            found = searcher.search_page(query, max(page, 1), pagelen=limit,
                                         filter=And(clauses) if clauses else None,
                                         groupedby=facets, terms=True)
            context, whole = ContextFragmenter(maxchars=220, surround=60), WholeFragmenter()
            found.results.formatter = HtmlFormatter(tagname="mark", between=" … ")
            results.total = len(found)
            results.pages = math.ceil(results.total / limit) if results.total else 0
            for hit in found:
                found.results.fragmenter = whole
                title_html = hit.highlights("title") or _escape(hit.get("title", ""))
                found.results.fragmenter = context
                snippet = hit.highlights("content", top=2) or _escape(hit.get("content", "")[:200])
                results.hits.append(Hit(
                    ref=hit["id"], kind=hit["kind"], title=hit.get("title", ""),
                    title_html=title_html,
                    snippet_html=snippet, year=hit.get("year", ""), date=hit.get("date", ""),
                    visibility=hit.get("visibility", ""), score=round(hit.score or 0.0, 4)))
            for name in FACETS:
                counts = found.results.groups(name)
                results.facets[name] = sorted(((str(k), n) for k, n in counts.items() if k and k != NONE),
                                              key=lambda kv: (-kv[1], kv[0]))
            if results.total == 0:
                plain = QueryParser("content", self._ix.schema).parse(text)
                corrected = searcher.correct_query(plain, text)
                if corrected.string.strip() != text.strip():
                    results.suggestion = corrected.string
        return results


def _escape(text: str) -> str:
    return html.escape(text)

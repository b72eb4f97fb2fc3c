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
import re
import shutil
import threading
from collections import Counter
from itertools import chain
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter
from whoosh.qparser import MultifieldParser, QueryParser
from whoosh.query import And, Or, Term
from whoosh.searching import Searcher

from plfolio.model import Portfolio
from plfolio.search.documents import Document, entry_document, entry_files, profile_document
from plfolio.search.spelling import WordCorrector

log = logging.getLogger(__name__)
INDEX_DIR = ".plfolio/index"
MANIFEST = "plfolio-manifest.json"
SCHEMA_VERSION = 3
SEARCH_ATTEMPTS = 3
WRITER_MB = 256  # a full rebuild flushes and merges fewer segments: 10k entries at 637/s, not 475/s
FACETS = ("kind", "year", "standards", "goals", "tags", "visibility")
MULTI_VALUED = {"standards", "goals", "tags"}
Progress = Callable[[int, int], None]


def make_schema() -> Schema:
    stem = StemmingAnalyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        kind=ID(stored=True, sortable=True),
        title=TEXT(analyzer=stem, stored=True, field_boost=3.0, spelling=True),
        # no separate spelling list for content: it cost a third of build time; "did you mean"
        # turns content stems back into words instead (plfolio.search.spelling)
        content=TEXT(analyzer=stem, stored=True),
        year=ID(stored=True),
        standards=KEYWORD(commas=True, stored=True),
        goals=KEYWORD(commas=True, stored=True),
        tags=KEYWORD(commas=True, lowercase=True, stored=True, scorable=True),
        visibility=ID(stored=True),
        date=ID(stored=True),
        path=STORED,
        stamp=STORED,
        facets=COLUMN(VarBytesColumn()),  # every facet value of the document, read in bulk
    )


def facet_bytes(fields: dict[str, str]) -> bytes:
    return "\t".join(fields.get(name, "") for name in FACETS).encode("utf-8")


def facet_values(raw: bytes) -> dict[str, tuple[str, ...]]:
    parts = raw.decode("utf-8").split("\t") if raw else [""] * len(FACETS)
    return {name: tuple(v for v in (part.split(",") if name in MULTI_VALUED else [part]) if v)
            for name, part in zip(FACETS, parts)}


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


class MatchRecorder(collectors.WrappingCollector):
    """Passes matches on to the ranking collector and remembers all of them, for the facets."""

    def __init__(self, child: collectors.Collector) -> None:
        super().__init__(child)
        self.docnums: list[int] = []

    def collect(self, sub_docnum: int) -> object:
        self.docnums.append(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


class SearchIndex:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.dir = self.root / INDEX_DIR
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plfolio-index")
        self._state_lock = threading.Lock()
        self._ix: whoosh_index.Index | None = None
        self._stamps: dict[str, str] = {}
        # facet values by docnum, for one index generation (searches may overlap a commit)
        self._facets: tuple[int, list[tuple[tuple[str, str], ...]]] | None = None
        self._parsed_facets: dict[bytes, tuple[tuple[str, str], ...]] = {}
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

    def _wanted(self, portfolio: Portfolio, touched: set[str] | None = None,
                ) -> dict[str, tuple[str, Callable[[], Document]]]:
        """The documents the portfolio should have: id -> (stamp, how to build it).

        With ``touched`` (paths the watcher saw change), only entries those paths belong to, and
        entries the index does not know yet, are stamped: the rest keep their indexed stamp.
        """
        start = portfolio.config.settings.school_year_start
        config_stamp = self._stamp(["plfolio.toml"])  # school years depend on its settings

        def affected(entry: object) -> bool:
            if touched is None or entry.ref not in self._stamps:  # type: ignore[attr-defined]
                return True
            folder = entry.folder  # type: ignore[attr-defined]
            return entry.path in touched or bool(folder and any(t.startswith(folder + "/") for t in touched))  # type: ignore[attr-defined]

        wanted: dict[str, tuple[str, Callable[[], Document]]] = {
            "profile/profile": (self._stamp(["profile.toml"]), lambda: profile_document(portfolio.profile))}
        for entries in portfolio.entries.values():
            for entry in entries.values():
                stamp = (self._stamp(entry_files(self.root, entry)) + ";" + config_stamp if affected(entry)
                         else self._stamps[entry.ref])
                wanted[entry.ref] = (stamp, lambda e=entry: entry_document(self.root, e, start))
        return wanted

    def sync(self, portfolio: Portfolio, progress: Progress | None = None, rebuild: bool = False,
             touched: set[str] | None = None) -> SyncReport:
        """Bring the index in line with ``portfolio``, re-indexing only what changed on disk.

        ``touched``: the relative paths known to have changed (from the watcher), so unchanged
        entries need not even be looked at; a change to plfolio.toml still checks everything.
        """
        if touched is not None and "plfolio.toml" in touched:
            touched = None
        return self._writer.submit(self._sync, portfolio, progress, rebuild, touched).result()

    def _sync(self, portfolio: Portfolio, progress: Progress | None, rebuild: bool,
              touched: set[str] | None = None) -> SyncReport:
        report = SyncReport()
        if rebuild or (self._ix is None and not self._open()):
            self._create()
            report.rebuilt = True
            touched = None
        assert self._ix is not None
        wanted = self._wanted(portfolio, touched)
        changed = [ref for ref, (stamp, _) in wanted.items() if self._stamps.get(ref) != stamp]
        removed = [ref for ref in self._stamps if ref not in wanted]
        if not changed and not removed:
            return report
        writer = self._ix.writer(limitmb=WRITER_MB)
        try:
            for ref in removed:
                writer.delete_by_term("id", ref)
            total = len(changed)
            for i, ref in enumerate(changed, 1):
                stamp, build = wanted[ref]
                fields = {k: v for k, v in build().fields(stamp).items() if v != ""}
                fields["facets"] = facet_bytes(fields)
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
        for _ in range(SEARCH_ATTEMPTS - 1):
            try:
                return self._search(text, filters, page, limit, visibilities)
            except FileNotFoundError:
                continue  # a commit merged away the segments this searcher opened; a new one sees the new TOC
        return self._search(text, filters, page, limit, visibilities)

    def _search(self, text: str, filters: dict[str, str] | None, page: int, limit: int,
                visibilities: Iterable[str] | None) -> SearchResults:
        results = SearchResults(query=text, page=page)
        if self._ix is None or not text.strip():
            return results
        parser = MultifieldParser(["title", "content"], self._ix.schema)
        query = parser.parse(text)
        wanted = {k: v for k, v in (filters or {}).items() if v and k in FACETS}
        clauses = [Term(k, v) for k, v in wanted.items()]
        allowed = set(visibilities) if visibilities is not None else None
        if allowed is not None:
            clauses.append(Or([Term("visibility", v) for v in allowed]))
        with self._ix.searcher() as searcher:
            # One pass over the matches serves the ranked page, the total and the facet counts.
            # whoosh's top-N shortcuts (skipping blocks, dropping branches that cannot reach the
            # page) would leave matches out of the total and the facets, so both are off.
            ranking = collectors.TopCollector(limit=max(page, 1) * limit, usequality=False, replace=0)
            recorder = MatchRecorder(ranking)
            collector: collectors.Collector = collectors.TermsCollector(recorder)
            if clauses:
                collector = collectors.FilterCollector(collector, allow=And(clauses))
            searcher.search_with_collector(query, collector)
            ranked = collector.results()  # not ResultsPage: its len() would run the query again
            results.facets = self._facet_counts(searcher, recorder.docnums)
            context, whole = ContextFragmenter(maxchars=220, surround=60), WholeFragmenter()
            ranked.formatter = HtmlFormatter(tagname="mark", between=" … ")
            results.total = len(recorder.docnums)
            results.pages = math.ceil(results.total / limit) if results.total else 0
            stems = sorted({text for field, text in query.iter_all_terms() if field == "content"
                            and isinstance(text, str)}, key=len, reverse=True)
            first = (max(page, 1) - 1) * limit
            for hit in ranked[first:first + limit]:
                ranked.fragmenter = whole
                title_html = hit.highlights("title") or _escape(hit.get("title", ""))
                ranked.fragmenter = context
                window = snippet_window(hit.get("content", ""), stems)
                snippet = hit.highlights("content", text=window, top=2) or _escape(window[:200])
                results.hits.append(Hit(
                    ref=hit["id"], kind=hit["kind"], title=hit.get("title", ""),
                    title_html=title_html,
                    snippet_html=snippet, year=hit.get("year", ""), date=hit.get("date", ""),
                    visibility=hit.get("visibility", ""), score=round(hit.score or 0.0, 4)))
            if results.total == 0:
                plain = QueryParser("content", self._ix.schema).parse(text)
                words = WordCorrector(searcher, self._ix.schema["content"].analyzer, text)
                corrected = searcher.correct_query(plain, text, correctors={"content": words})
                if corrected.string.strip() != text.strip():
                    results.suggestion = corrected.string
        return results


    def _facet_counts(self, searcher: Searcher, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value over every match (not just the page shown)."""
        generation = searcher.reader().generation()
        cached = self._facets
        if cached is None or cached[0] != generation:
            # Parsed values are kept by their raw bytes across generations: after a save only the
            # saved entry's facets are new, and re-parsing all 10,000 cost 150 ms per save.
            column = searcher.reader().column_reader("facets")
            parsed = self._parsed_facets if len(self._parsed_facets) < 4 * searcher.doc_count_all() + 100 else {}
            rows = []
            for n in range(searcher.doc_count_all()):
                raw = column[n]
                if raw not in parsed:
                    parsed[raw] = tuple((name, v) for name, values in facet_values(raw).items() for v in values)
                rows.append(parsed[raw])
            self._parsed_facets = parsed
            cached = self._facets = (generation, rows)
        facets = cached[1]
        tally = Counter(chain.from_iterable(facets[d] for d in docnums))
        counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
        for (name, value), n in tally.items():
            counts[name].append((value, n))
        return {name: sorted(c, key=lambda kv: (-kv[1], kv[0])) for name, c in counts.items()}


def snippet_window(content: str, stems: list[str], before: int = 120, after: int = 240) -> str:
    """The part of a long text around its first match: highlighting only that is far cheaper."""
    if len(content) <= before + after or not stems:
        return content[: before + after]
    found = re.search("|".join(re.escape(s) for s in stems), content, re.IGNORECASE)
    start = max(0, found.start() - before) if found else 0
    return content[start: start + before + after]


def _escape(text: str) -> str:
    return html.escape(text)

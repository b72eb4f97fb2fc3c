"""Where a broad query's time goes in whoosh: ranking alone, per scorer, beside collecting every match.

    python bench/search_costs.py PORTFOLIO     # a portfolio already indexed, e.g. by search_bench.py

Prints, for a few query shapes, the time to rank the top 20 alone (whoosh's block-skipping path) with
BM25F, TF-IDF and plain frequency, the time to find every match unscored, and the time to collect
every match scored (what facet counts and totals need). The figures explain bench/README.md's p95.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import collectors, scoring
from whoosh import index as whoosh_index
from whoosh.qparser import MultifieldParser

from plfolio.search.index import INDEX_DIR

QUERIES = ["engaged", "refl*", "coaching rubric", '"rubrics co-written with students"']
SCORERS = {"BM25F": scoring.BM25F, "TF-IDF": scoring.TF_IDF, "frequency": scoring.Frequency}


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("portfolio", type=Path)
    ix = whoosh_index.open_dir(str(parser.parse_args().portfolio / INDEX_DIR))
    print(f"{ix.doc_count()} documents")
    print(f"{'query':38} {'matches':>7} " + " ".join(f"{'top20 ' + n:>16}" for n in SCORERS)
          + f" {'all unscored':>13} {'all scored':>11}")
    for text in QUERIES:
        query = MultifieldParser(["title", "content"], ix.schema).parse(text)
        row = []
        for scorer in SCORERS.values():
            with ix.searcher(weighting=scorer()) as searcher:
                row.append(median_ms(lambda: searcher.search(query, limit=20, terms=False)))
        with ix.searcher() as searcher:
            unscored = median_ms(lambda: set(searcher.docs_for_query(query)))
            collector = collectors.UnlimitedCollector()
            scored = median_ms(lambda: searcher.search_with_collector(query, collector))
            matches = len(collector.results())
        print(f"{text:38} {matches:7} " + " ".join(f"{ms:13.1f} ms" for ms in row)
              + f" {unscored:10.1f} ms {scored:8.1f} ms")


if __name__ == "__main__":
    main()

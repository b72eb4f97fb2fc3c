"""Search benchmark: build, warm start-up, query latency, save-to-searchable, peak memory; FTS5 beside it.

    python bench/search_bench.py [--sizes 1000 10000] [--styles natural repetitive] [--workdir DIR]

Each size and text style (see generate.py) runs in its own process so its peak memory is its own.
Prints one block of figures per run. Tests never time anything; this script is where speed is
measured.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import PRACTICES, SUBJECTS, generate  # noqa: E402

WORDS = ["rubric", "assessment", "assess", "feedback", "students", "conference", "planner", "stations",
         "reflection", "coaching", "fractions", "photosynthesis", "confident", "independent", "mentor",
         "families", "poetry", "probability", "engaged", "colleagues", "exit", "observed", "revised"]


def queries(n: int = 200, seed: int = 11) -> list[tuple[str, dict[str, str]]]:
    """A fixed mix: single words, pairs, phrases, prefixes, and filtered searches."""
    rng = random.Random(seed)
    out: list[tuple[str, dict[str, str]]] = []
    for i in range(n):
        shape = i % 5
        if shape == 0:
            out.append((rng.choice(WORDS), {}))
        elif shape == 1:
            out.append((f"{rng.choice(WORDS)} {rng.choice(WORDS)}", {}))
        elif shape == 2:
            out.append((f'"{rng.choice(PRACTICES)}"', {}))
        elif shape == 3:
            out.append((rng.choice(WORDS)[:4] + "*", {}))
        else:
            out.append((rng.choice(SUBJECTS).split()[0], {"kind": rng.choice(["evidence", "reflections"])}))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def fts5(docs: list[tuple[str, str, str]], qs: list[tuple[str, dict[str, str]]]) -> dict[str, float]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, kind UNINDEXED, title, content, "
               "tokenize='porter')")
    start = time.perf_counter()
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", [(i, k, t, c) for i, (k, t, c) in enumerate(docs)])
    db.commit()
    build = time.perf_counter() - start
    times = []
    for text, filters in qs:
        match = text if text.startswith('"') else " ".join(w for w in text.split())
        sql = "SELECT id, snippet(docs, 3, '<mark>', '</mark>', '…', 20) FROM docs WHERE docs MATCH ?"
        args: list[str] = [match]
        if filters:
            sql += " AND kind = ?"
            args.append(filters["kind"])
        t = time.perf_counter()
        db.execute(sql + " ORDER BY rank LIMIT 20", args).fetchall()
        times.append((time.perf_counter() - t) * 1000)
    return {"build_s": build, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95)}


def run_size(entries: int, style: str, workdir: Path) -> dict[str, float]:
    from plfolio.search import SearchIndex
    from plfolio.store import PortfolioStore
    from plfolio.watch import PortfolioWatcher

    root = generate(workdir / f"portfolio-{style}-{entries}", entries, attachments=True, style=style)
    figures: dict[str, float] = {"entries": entries}

    start = time.perf_counter()
    store = PortfolioStore(root)
    portfolio = store.portfolio
    figures["load_files_s"] = time.perf_counter() - start
    index = SearchIndex(root)
    start = time.perf_counter()
    index.sync(portfolio, rebuild=True)
    build = time.perf_counter() - start
    figures["build_s"] = build
    figures["build_entries_per_s"] = entries / build
    index.close()

    start = time.perf_counter()
    warm_store = PortfolioStore(root)
    warm = SearchIndex(root)
    report = warm.sync(warm_store.portfolio)
    figures["warm_startup_s"] = time.perf_counter() - start
    figures["warm_startup_reindexed"] = len(report.indexed)

    qs = queries()
    warm.search("warm up")
    times = []
    for text, filters in qs:
        t = time.perf_counter()
        warm.search(text, filters)
        times.append((time.perf_counter() - t) * 1000)
    figures["search_p50_ms"] = percentile(times, 50)
    figures["search_p95_ms"] = percentile(times, 95)

    watcher = PortfolioWatcher(warm_store, warm)
    watcher.start()
    watcher.ready.wait(10)
    delays = []
    for i in range(5):
        target = root / "reflections" / f"reflection-{i:05d}.md"
        word = f"zyxwordbench{i}"
        text = target.read_text("utf-8")
        t = time.perf_counter()
        target.write_text(text.rstrip("\n") + f" {word}\n", "utf-8")
        while warm.search(word).total == 0:
            if time.perf_counter() - t > 30:
                break
            time.sleep(0.05)  # a tighter loop of searches would starve the watcher thread of the GIL
        delays.append(time.perf_counter() - t)
    watcher.stop()
    figures["save_to_searchable_s_median"] = statistics.median(delays)
    figures["save_to_searchable_s_max"] = max(delays)
    warm.close()
    # PLfolio's own peak, before the FTS5 comparison adds its copy of the corpus to this process
    figures["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    docs = []
    for kind, entries_of_kind in warm_store.portfolio.entries.items():
        for entry in entries_of_kind.values():
            docs.append((kind, getattr(entry, "title", ""), entry.body))
    fts = fts5(docs, qs)
    figures.update({f"fts5_{k}": v for k, v in fts.items()})
    figures["whoosh_over_fts5_build"] = build / fts["build_s"]
    figures["whoosh_over_fts5_p95"] = figures["search_p95_ms"] / fts["p95_ms"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--styles", nargs="+", choices=["natural", "repetitive"],
                        default=["natural", "repetitive"])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/plfolio-bench"))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.styles[0], args.workdir)))
        return
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for style in args.styles:
        for size in args.sizes:
            run = subprocess.run([sys.executable, __file__, "--one", str(size), "--styles", style,
                                  "--workdir", str(args.workdir)], capture_output=True, text=True)
            if run.returncode:
                sys.exit(f"the {size}-entry {style} run failed:\n{run.stderr}")
            figures = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"\n== {size} entries, {style} text")
            for key, value in figures.items():
                print(f"{key:32} {value:10.3f}" if isinstance(value, float) else f"{key:32} {value:>10}")


if __name__ == "__main__":
    main()

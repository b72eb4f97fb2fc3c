"""Export benchmark: static-site export beside `mkdocs build` on the same Markdown; PDF time.

    pip install mkdocs   # for the comparison only; not a PLfolio dependency
    python bench/export_bench.py [--sizes 1000 10000] [--pdf-entries 200]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402


def mkdocs_project(portfolio, out: Path) -> Path:
    """The same entries as a mkdocs site: one Markdown page per entry, default theme."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Portfolio\n", "utf-8")
    for kind, entries in portfolio.entries.items():
        (docs / kind).mkdir()
        for slug, entry in entries.items():
            (docs / kind / f"{slug}.md").write_text(f"# {getattr(entry, 'title', slug)}\n\n{entry.body}", "utf-8")
    (out / "mkdocs.yml").write_text("site_name: Portfolio\nsearch_index_only: false\n", "utf-8")
    return out


def main() -> None:
    from plfolio.export.pdf import export_pdf
    from plfolio.export.site import export_site
    from plfolio.store import load_portfolio

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--pdf-entries", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/plfolio-export-bench"))
    args = parser.parse_args()
    mkdocs = shutil.which("mkdocs")
    for size in args.sizes:
        root = generate(args.workdir / f"portfolio-{size}", size, attachments=True)
        portfolio = load_portfolio(root)
        start = time.perf_counter()
        export_site(portfolio, root, args.workdir / f"site-{size}", "owner")
        ours = time.perf_counter() - start
        print(f"\n== {size} entries\nplfolio export site (owner)  {ours:8.2f} s")
        if mkdocs:
            project = mkdocs_project(portfolio, args.workdir / f"mkdocs-{size}")
            start = time.perf_counter()
            subprocess.run([mkdocs, "build", "-q"], cwd=project, check=True)
            theirs = time.perf_counter() - start
            print(f"mkdocs build (default theme) {theirs:8.2f} s\nratio plfolio / mkdocs       {ours / theirs:8.2f}")
        else:
            print("mkdocs not installed: pip install mkdocs to compare")
    root = generate(args.workdir / "portfolio-pdf", args.pdf_entries, attachments=True)
    start = time.perf_counter()
    pdf = export_pdf(load_portfolio(root), root, args.workdir / "portfolio.pdf", "owner")
    took = time.perf_counter() - start
    from pypdf import PdfReader

    print(f"\n== PDF of {args.pdf_entries} entries: {len(PdfReader(pdf).pages)} pages in {took:.2f} s")


if __name__ == "__main__":
    main()

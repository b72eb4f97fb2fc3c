"""The index is derived and disposable: incremental by file stamps, rebuilt when damaged or old."""

from __future__ import annotations

import json
import os
import shutil

from plfolio.search import SearchIndex
from plfolio.search.index import INDEX_DIR, MANIFEST
from plfolio.store import PortfolioStore, load_portfolio


def goal(title: str) -> str:
    return f'+++\ntitle = "{title}"\n+++\nBody about {title}.\n'


def test_only_changed_files_are_reindexed(make_portfolio):
    root = make_portfolio({f"goals/g{i}.md": goal(f"Goal {i}") for i in range(10)})
    store = PortfolioStore(root)
    first = SearchIndex(root)
    report = first.sync(store.portfolio)
    assert report.rebuilt and len(report.indexed) == 11  # ten goals and the profile
    first.close()

    (root / "goals/g3.md").write_text(goal("Photosynthesis goal"), "utf-8")
    (root / "goals/g7.md").unlink()
    (root / "goals/new.md").write_text(goal("Brand new"), "utf-8")
    reads_before = store.loader.reads
    second = SearchIndex(root)  # a restart: opens the index on disk
    report = second.sync(store.refresh())
    assert not report.rebuilt
    assert sorted(report.indexed) == ["goals/g3", "goals/new"] and report.removed == ["goals/g7"]
    assert store.loader.reads - reads_before == 2, "only the changed files were parsed"
    assert [h.ref for h in second.search("photosynthesis").hits] == ["goals/g3"]
    assert "goals/g7" not in {h.ref for h in second.search("goal", limit=50).hits}
    assert second.sync(store.refresh()).indexed == []
    second.close()


def test_a_corrupt_index_is_rebuilt(make_portfolio):
    root = make_portfolio({"goals/a.md": goal("Rubrics")})
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    index.close()
    for path in (root / INDEX_DIR).iterdir():
        if path.suffix in (".seg", ".toc"):
            path.write_bytes(b"garbage")
    again = SearchIndex(root)
    assert again.sync(load_portfolio(root)).rebuilt
    assert again.search("rubrics").total == 1
    again.close()


def test_an_older_index_version_is_rebuilt(make_portfolio):
    root = make_portfolio({"goals/a.md": goal("Rubrics")})
    SearchIndex(root).sync(load_portfolio(root))
    manifest = root / INDEX_DIR / MANIFEST
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "version": 0}))
    assert SearchIndex(root).sync(load_portfolio(root)).rebuilt


def test_a_deleted_index_is_rebuilt(make_portfolio):
    root = make_portfolio({"goals/a.md": goal("Rubrics")})
    SearchIndex(root).sync(load_portfolio(root))
    shutil.rmtree(root / ".plfolio")
    index = SearchIndex(root)
    assert index.sync(load_portfolio(root)).rebuilt and index.search("rubrics").total == 1


def test_a_touched_attachment_reindexes_its_entry(make_portfolio):
    root = make_portfolio({"evidence/e/index.md": '+++\ntitle = "E"\ndate = 2026-01-01\nattachments = ["a.txt"]\n+++\n',
                           "evidence/e/a.txt": "first words"})
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    (root / "evidence/e/a.txt").write_text("second words about mitochondria")
    st = (root / "evidence/e/a.txt").stat()
    os.utime(root / "evidence/e/a.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert index.sync(load_portfolio(root)).indexed == ["evidence/e"]
    assert index.search("mitochondria").total == 1


def test_a_touched_hint_looks_only_at_the_entries_it_names(make_portfolio):
    root = make_portfolio({"evidence/e/index.md": '+++\ntitle = "E"\ndate = 2026-01-01\nattachments = ["a.txt"]\n+++\n',
                           "evidence/e/a.txt": "first words", "goals/g.md": goal("Rubrics")})
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    (root / "evidence/e/a.txt").write_text("now about mitochondria")
    (root / "goals/g.md").write_text(goal("Rubrics and ribosomes"), "utf-8")  # not in the hint
    (root / "goals/new.md").write_text(goal("Brand new"), "utf-8")  # unknown to the index: always looked at
    report = index.sync(load_portfolio(root), touched={"evidence/e/a.txt"})
    assert sorted(report.indexed) == ["evidence/e", "goals/new"]
    assert index.search("mitochondria").total == 1
    assert index.sync(load_portfolio(root), touched={"plfolio.toml"}).indexed == ["goals/g"], \
        "a settings change checks everything"
    index.close()


def test_searches_during_writes_never_see_a_stale_facet_cache(make_portfolio):
    import threading

    root = make_portfolio({f"goals/g{i}.md": goal(f"Rubric {i}") for i in range(5)})
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    errors: list[BaseException] = []
    stop = threading.Event()

    def search_forever() -> None:
        while not stop.is_set():
            try:
                index.search("rubric")
            except BaseException as err:  # the test fails below if any search failed
                errors.append(err)
                return

    thread = threading.Thread(target=search_forever)
    thread.start()
    for i in range(5, 40):
        (root / f"goals/g{i}.md").write_text(goal(f"Rubric {i}"), "utf-8")
        index.sync(load_portfolio(root), touched={f"goals/g{i}.md"})
    stop.set()
    thread.join()
    assert errors == []
    assert index.search("rubric", limit=100).total == 40
    index.close()

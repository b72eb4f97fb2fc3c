"""Live pick-up on a real folder: edits in any editor reach the store, the index and open pages."""

from __future__ import annotations

import os
import time

import pytest

from plfolio.search import SearchIndex
from plfolio.store import PortfolioStore
from plfolio.watch import PortfolioWatcher


def goal(title: str, extra: str = "") -> str:
    return f'+++\ntitle = "{title}"\n{extra}+++\nNotes.\n'


def wait_for(predicate, what: str, timeout: float = 10.0) -> None:
    """Poll until true; the timeout only bounds a broken run, it is not a speed assertion."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.02)


@pytest.fixture
def watched(make_portfolio):
    root = make_portfolio({"goals/a.md": goal("Alpha rubric")})
    store = PortfolioStore(root)
    index = SearchIndex(root)
    index.sync(store.portfolio)
    events: list[list[str]] = []
    watcher = PortfolioWatcher(store, index, events.append)
    watcher.start()
    assert watcher.ready.wait(10)
    yield root, store, index, watcher, events
    watcher.stop()
    index.close()


def test_an_in_place_write_is_picked_up(watched):
    root, store, index, watcher, events = watched
    (root / "goals/a.md").write_text(goal("Alpha photosynthesis"), "utf-8")
    wait_for(lambda: index.search("photosynthesis").total == 1, "the edit is searchable")
    assert store.portfolio.goals["a"].title == "Alpha photosynthesis"
    assert any("goals/a.md" in batch for batch in events)


def test_a_rename_save_counts_as_a_modification(watched):
    root, store, index, watcher, events = watched
    tmp = root / "goals/.a.md.swp"
    tmp.write_text(goal("Alpha chlorophyll"), "utf-8")
    os.replace(tmp, root / "goals/a.md")
    wait_for(lambda: index.search("chlorophyll").total == 1, "the renamed-over file is searchable")
    assert list(store.portfolio.goals) == ["a"]


def test_new_and_deleted_files(watched):
    root, store, index, watcher, events = watched
    (root / "goals/b.md").write_text(goal("Beta mitochondria"), "utf-8")
    wait_for(lambda: "b" in store.portfolio.goals and index.search("mitochondria").total == 1, "new file")
    (root / "goals/b.md").unlink()
    wait_for(lambda: "b" not in store.portfolio.goals and index.search("mitochondria").total == 0, "deleted")


def test_a_file_that_stops_parsing_becomes_a_problem(watched):
    root, store, index, watcher, events = watched
    (root / "goals/b.md").write_text(goal("Beta"), "utf-8")
    wait_for(lambda: "b" in store.portfolio.goals, "new file")
    (root / "goals/b.md").write_text('+++\ntitle = "Broken\n+++\n', "utf-8")
    wait_for(lambda: any(p.path == "goals/b.md" for p in store.portfolio.problems), "the problem")
    assert "a" in store.portfolio.goals, "the rest keeps working"


def test_the_apps_own_save_is_not_indexed_twice(watched):
    root, store, index, watcher, events = watched
    store.update("goals/a.md", {"title": "Alpha saved in the app"}, store.read("goals/a.md").digest)
    index.sync(store.refresh())  # what the app does right after its own save
    written = index.documents_written
    batches = watcher.batches
    wait_for(lambda: watcher.batches > batches, "the watcher saw the save")
    assert index.documents_written == written, "the watcher found nothing new to index"
    assert index.search("saved").total == 1


def test_editor_scratch_files_and_state_are_ignored(watched):
    root, store, index, watcher, events = watched
    batches = watcher.batches
    (root / "goals/a.md~").write_text("backup", "utf-8")
    (root / "goals/#a.md#").write_text("emacs", "utf-8")
    (root / ".plfolio/cache.txt").write_text("ours", "utf-8")
    (root / "goals/b.md").write_text(goal("Beta"), "utf-8")  # a real change, to know the batch came
    wait_for(lambda: watcher.batches > batches and "b" in store.portfolio.goals, "the real change's batch")
    assert all(not p.endswith(("~", "#", "cache.txt")) for batch in events for p in batch)
    assert store.portfolio.problems == []

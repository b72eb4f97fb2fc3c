"""Writes that cannot lose data: conflicts refused with both versions, atomic replace, restorable trash."""

from __future__ import annotations

import os

import pytest

from plfolio.model import Goal
from plfolio.store import ConflictError, PortfolioStore, StoreError
from plfolio.store.files import safe_filename

GOAL = '+++\ntitle = "Original"\nstatus = "active"\n+++\nMy words.\n'


def test_a_stale_edit_is_refused_with_both_versions(make_portfolio):
    root = make_portfolio({"goals/g.md": GOAL})
    store = PortfolioStore(root)
    opened = store.read("goals/g.md").digest
    outside = GOAL.replace("My words.", "Edited in my text editor meanwhile.")
    (root / "goals/g.md").write_text(outside, "utf-8")

    with pytest.raises(ConflictError) as caught:
        store.update("goals/g.md", {"title": "From the browser"}, opened)

    assert caught.value.disk_text == outside
    assert 'title = "From the browser"' in caught.value.attempted_text
    assert (root / "goals/g.md").read_text("utf-8") == outside, "nothing overwritten"


def test_whole_text_save_is_refused_too(make_portfolio):
    root = make_portfolio({"goals/g.md": GOAL})
    store = PortfolioStore(root)
    opened = store.read("goals/g.md").digest
    (root / "goals/g.md").write_text(GOAL + "more\n", "utf-8")
    with pytest.raises(ConflictError):
        store.write_text("goals/g.md", "replacement", opened)
    assert (root / "goals/g.md").read_text("utf-8") == GOAL + "more\n"


def test_a_failure_before_the_replace_leaves_the_original(make_portfolio, monkeypatch):
    root = make_portfolio({"goals/g.md": GOAL})
    store = PortfolioStore(root)
    digest = store.read("goals/g.md").digest

    def crash(*args, **kwargs):
        raise OSError("disk unplugged")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk unplugged"):
        store.update("goals/g.md", {"title": "Half-written"}, digest)
    monkeypatch.undo()

    assert (root / "goals/g.md").read_text("utf-8") == GOAL
    assert sorted(p.name for p in (root / "goals").iterdir()) == ["g.md"], "temp file cleaned up"


def test_delete_moves_to_trash_and_restore_puts_it_back(make_portfolio):
    root = make_portfolio({"goals/g.md": GOAL, "evidence/poster/index.md":
                           '+++\ntitle = "Poster"\ndate = 2026-09-01\nattachments = ["p.png"]\n+++\n',
                           "evidence/poster/p.png": b"\x89PNG fake"})
    store = PortfolioStore(root)
    item = store.delete("evidence/poster/index.md")
    assert not (root / "evidence/poster").exists()
    assert "poster" not in store.refresh().evidence
    assert [t.original for t in store.trash()] == ["evidence/poster"]

    store.restore(item.id)
    assert (root / "evidence/poster/p.png").read_bytes() == b"\x89PNG fake"
    assert store.refresh().evidence["poster"].attachments == ["p.png"]
    assert store.trash() == []


def test_restore_refuses_to_overwrite_a_new_file(make_portfolio):
    root = make_portfolio({"goals/g.md": GOAL})
    store = PortfolioStore(root)
    item = store.delete("goals/g.md")
    (root / "goals/g.md").write_text("a new goal with the same name", "utf-8")
    with pytest.raises(StoreError, match="already exists"):
        store.restore(item.id)
    assert (root / "goals/g.md").read_text("utf-8") == "a new goal with the same name"


def test_create_picks_a_free_slug_and_writes_a_valid_file(make_portfolio):
    root = make_portfolio({"goals/read-more.md": GOAL})
    store = PortfolioStore(root)
    rel = store.create(Goal(title="Read more!", standards=["ga-pl:2"], body="Why.\n"))
    assert rel == "goals/read-more-2.md"
    goal = store.refresh().goals["read-more-2"]
    assert (goal.title, goal.standards, goal.body) == ("Read more!", ["ga-pl:2"], "Why.\n")


def test_uploaded_files_get_safe_names_and_never_replace_others(make_portfolio):
    root = make_portfolio({"evidence/lab.md": '+++\ntitle = "Lab"\ndate = 2026-09-01\n+++\nNotes\n'})
    store = PortfolioStore(root)
    entry = store.portfolio.evidence["lab"]
    rel, names = store.add_files(entry, [("../../etc/passwd", b"1"), ("index.md", b"2"),
                                         ("photo.png", b"3"), ("C:\\photo.png", b"4"), (".hidden", b"5")])
    assert rel == "evidence/lab/index.md", "a flat entry moves into its own folder"
    assert names == ["passwd", "file-index.md", "photo.png", "photo-2.png", "hidden"]
    folder = root / "evidence/lab"
    assert (folder / "index.md").read_text("utf-8").endswith("Notes\n")
    assert (folder / "photo.png").read_bytes() == b"3" and (folder / "photo-2.png").read_bytes() == b"4"
    assert not (root.parent / "etc").exists()


@pytest.mark.parametrize("raw,safe", [("a/b/c.txt", "c.txt"), ("..", "file"), ("  .env ", "env"),
                                      ("Résumé final.pdf", "Résumé-final.pdf"), ("<script>.svg", "script-.svg")])
def test_safe_filename(raw, safe):
    assert safe_filename(raw) == safe


def test_paths_outside_the_portfolio_are_refused(make_portfolio):
    store = PortfolioStore(make_portfolio())
    for rel in ("../x.md", "/etc/passwd", "goals/../../x"):
        with pytest.raises(StoreError, match="outside the portfolio"):
            store.read(rel)


def test_refresh_rereads_only_changed_files(make_portfolio):
    root = make_portfolio({f"goals/g{i}.md": GOAL for i in range(5)})
    store = PortfolioStore(root)
    store.portfolio
    assert store.loader.reads == 5
    (root / "goals/g3.md").write_text(GOAL.replace("Original", "Changed!"), "utf-8")
    assert store.refresh().goals["g3"].title == "Changed!"
    assert store.loader.reads == 6

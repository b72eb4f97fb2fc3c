"""Live pick-up of outside edits: watchfiles -> store refresh -> index sync -> tell open pages.

A save in any text editor (written in place, or written to a temp file and renamed over the
original), a new file, a rename or a delete shows up within about a second. Editors' temp files,
dot files and PLfolio's own ``.plfolio/`` are ignored. A file that stops parsing simply becomes a
Problem on the next refresh; the rest keeps working.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, watch

from plfolio.search import SearchIndex
from plfolio.store import PortfolioStore
from plfolio.store.files import STATE_DIR
from plfolio.store.loader import is_ignored_name

log = logging.getLogger(__name__)
DEBOUNCE_MS = 150


def portfolio_filter(root: Path) -> Callable[[Change, str], bool]:
    """Only the teacher's own files matter; never our state folder or editors' scratch files."""
    state = (root / STATE_DIR).resolve()

    def keep(change: Change, path: str) -> bool:
        p = Path(path)
        if p.is_relative_to(state) or is_ignored_name(p.name):
            return False
        try:
            parts = p.resolve().relative_to(root.resolve()).parts
        except ValueError:
            return False
        return not any(part.startswith(".") for part in parts)

    return keep


class PortfolioWatcher:
    """Runs watchfiles in a background thread; each batch refreshes the store and the index."""

    def __init__(self, store: PortfolioStore, index: SearchIndex | None,
                 on_change: Callable[[list[str]], None] | None = None) -> None:
        self.store = store
        self.index = index
        self.on_change = on_change
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()  # set once watching has started (tests wait on it)
        self.batches = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="plfolio-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(5)

    def _run(self) -> None:
        root = self.store.root
        watcher = watch(root, watch_filter=portfolio_filter(root), debounce=DEBOUNCE_MS, step=50,
                        stop_event=self._stop, rust_timeout=200, yield_on_timeout=True,
                        raise_interrupt=False)
        for changes in watcher:
            self.ready.set()
            if changes:
                self.apply({Path(p).resolve().relative_to(root.resolve()).as_posix() for _, p in changes})

    def apply(self, changed: set[str]) -> None:
        """Refresh what changed (only those files are re-read) and report it."""
        try:
            portfolio = self.store.refresh()
            if self.index is not None:
                self.index.sync(portfolio, touched=changed)
        except Exception:  # keep watching whatever happens to one batch
            log.exception("could not pick up changes to %s", sorted(changed))
            return
        self.batches += 1
        if self.on_change:
            self.on_change(sorted(changed))

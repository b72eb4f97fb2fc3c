"""Reading and changing one portfolio folder safely: the single way the app writes teacher files.

Edits change only the keys they name (tomlkit keeps comments, order, unknown keys; the Markdown body
is kept byte-for-byte unless it is the thing being edited), are refused when the file changed on disk
since the edit began, and are written atomically. Deleting moves to a restorable trash.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from plfolio.model import MARKDOWN_KINDS, Entry, Portfolio, slugify
from plfolio.store.convert import to_data, to_toml
from plfolio.store.errors import ConflictError, StoreError
from plfolio.store.files import (
    TrashItem,
    atomic_write,
    list_trash,
    move_to_trash,
    restore_from_trash,
    safe_filename,
    unused_name,
)
from plfolio.store.loader import Loader
from plfolio.store.text import (
    TextFile,
    decode,
    join_front_matter,
    split_front_matter,
    uses_crlf,
    with_newlines,
)


def apply_changes(toml_text: str, changes: Mapping[str, Any]) -> str:
    """``toml_text`` with only ``changes`` applied (``None`` removes a key); all else kept as is."""
    doc = tomlkit.parse(toml_text)
    _assign(doc, changes)
    return with_newlines(tomlkit.dumps(doc), uses_crlf(toml_text))


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _assign(container: Any, changes: Mapping[str, Any]) -> None:
    for key, value in changes.items():
        if value is None:
            if key in container:
                del container[key]
            continue
        if key not in container:
            if value is False or (isinstance(value, (str, list)) and not value):
                continue  # a default needs no key: keep the file as short as the teacher left it
            container[key] = _toml_value(value)
            continue
        current = container[key]
        if _plain(current) == value:
            continue
        if isinstance(current, (Table, Mapping)) and isinstance(value, Mapping):
            _assign(current, value)
        elif isinstance(current, AoT) and _is_tables(value) and len(current) == len(value):
            for table, item in zip(current, value):
                _assign(table, item)
        else:
            container[key] = _toml_value(value)


def _toml_value(value: Any) -> Any:
    if _is_tables(value):
        aot = tomlkit.aot()
        for item in value:
            table = tomlkit.table()
            for k, v in item.items():
                if v is not None:
                    table.add(k, _toml_value(v))
            aot.append(table)
        return aot
    return value


class PortfolioStore:
    """One portfolio folder: a current, incrementally refreshed ``Portfolio`` plus safe writes."""

    def __init__(self, root: Path | str, loader: Loader | None = None) -> None:
        self.root = Path(root)
        self.loader = loader or Loader(self.root)
        self._portfolio: Portfolio | None = None
        self._write_lock = threading.Lock()
        self.listeners: list[Any] = []  # called with the relative paths the app itself wrote

    @property
    def portfolio(self) -> Portfolio:
        if self._portfolio is None:
            self._portfolio = self.loader.load()
        return self._portfolio

    def refresh(self) -> Portfolio:
        """Re-read whatever changed on disk (only those files) and return the new snapshot."""
        self._portfolio = self.loader.load()
        return self._portfolio

    # --- reading -------------------------------------------------------------------------------

    def path(self, rel: str) -> Path:
        """Absolute path of ``rel``, refusing anything that would leave the portfolio folder."""
        candidate = (self.root / rel).resolve()
        if rel.startswith(("/", "\\")) or ".." in Path(rel).parts or not candidate.is_relative_to(
                self.root.resolve()):
            raise StoreError(rel, "is outside the portfolio folder")
        return candidate

    def read(self, rel: str) -> TextFile:
        try:
            return decode(self.path(rel).read_bytes())
        except FileNotFoundError:
            raise StoreError(rel, "does not exist") from None
        except UnicodeDecodeError:
            raise StoreError(rel, "is not valid UTF-8", "Fix it in a text editor first.") from None

    # --- writing -------------------------------------------------------------------------------

    def _write(self, rel: str, data: bytes) -> None:
        atomic_write(self.path(rel), data)
        for listener in self.listeners:
            listener([rel])

    def new_slug(self, kind: str, title: str) -> str:
        base = slugify(title)
        slug, n = base, 2
        while (self.root / kind / f"{slug}.md").exists() or (self.root / kind / slug).exists() or (
                self.root / kind / f"{slug}.toml").exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @staticmethod
    def file_names(names: list[str]) -> list[str]:
        """Safe, distinct file names for uploads into a new entry folder (same order)."""
        out: list[str] = []
        for name in names:
            safe, base, n = safe_filename(name), safe_filename(name), 2
            while safe.lower() in {o.lower() for o in out}:
                stem, dot, ext = base.rpartition(".")
                safe = f"{stem}-{n}.{ext}" if dot else f"{base}-{n}"
                n += 1
            out.append(safe)
        return out

    def write_new(self, rel: str, text: str) -> None:
        """Write a file that must not exist yet (e.g. a first profile.toml)."""
        with self._write_lock:
            if self.path(rel).exists():
                raise StoreError(rel, "already exists")
            self._write(rel, text.encode("utf-8"))

    def create(self, entry: Entry, files: Mapping[str, bytes] | None = None) -> str:
        """Write a new entry file (folder form when it comes with files); returns its path.

        ``files`` must already carry safe names (see ``file_names``).
        """
        kind = entry.collection
        for name in files or {}:
            if safe_filename(name) != name:
                raise StoreError(name, "is not a safe file name")
        with self._write_lock:
            slug = entry.slug or self.new_slug(kind, getattr(entry, "title", "") or kind)
            if kind in MARKDOWN_KINDS:
                rel = f"{kind}/{slug}/index.md" if files else f"{kind}/{slug}.md"
                text = join_front_matter(to_toml(to_data(entry)), entry.body)
            else:
                rel = f"{kind}/{slug}.toml"
                text = to_toml(to_data(entry))
            if self.path(rel).exists() or (self.root / kind / slug).exists():
                raise StoreError(rel, "already exists", "Choose another title.")
            if files:
                folder = self.path(rel).parent
                folder.mkdir(parents=True)
                for name, data in files.items():
                    atomic_write(folder / name, data)
            self._write(rel, text.encode("utf-8"))
        return rel

    def update(self, rel: str, changes: Mapping[str, Any], base_digest: str,
               body: str | None = None) -> str:
        """Change only ``changes`` (and the body, if given); refuse if the file moved on. New digest."""
        with self._write_lock:
            current = self.read(rel)
            new_text = self._edited(rel, current, changes, body)
            if current.digest != base_digest:
                raise ConflictError(rel, current.text, new_text)
            if new_text == current.text:
                return current.digest
            data = current.encode(new_text)
            self._write(rel, data)
            return decode(data).digest

    def write_text(self, rel: str, text: str, base_digest: str) -> str:
        """Replace a whole file's text (the raw editor), with the same conflict rule."""
        with self._write_lock:
            current = self.read(rel)
            if current.digest != base_digest:
                raise ConflictError(rel, current.text, text)
            data = current.encode(text)
            self._write(rel, data)
            return decode(data).digest

    def _edited(self, rel: str, current: TextFile, changes: Mapping[str, Any],
                body: str | None) -> str:
        if rel.endswith(".md"):
            fm = split_front_matter(current.text)
            toml = apply_changes(fm.toml, changes) if changes else fm.toml
            if body is not None:
                body = with_newlines(body, current.crlf)
            return fm.join(toml=toml, body=body)
        return apply_changes(current.text, changes)

    def add_files(self, entry: Entry, files: list[tuple[str, bytes]]) -> tuple[str, list[str]]:
        """Store uploaded files beside the entry (moving a flat entry into its own folder first).

        Returns the entry's (possibly new) path and the safe names the files were stored under; no
        existing file is ever replaced.
        """
        with self._write_lock:
            rel = entry.path
            if entry.folder is None:
                folder_rel = f"{entry.collection}/{entry.slug}"
                if (self.root / folder_rel).exists():
                    raise StoreError(folder_rel, "already exists", "Move it away, then upload again.")
                self.path(folder_rel).mkdir()
                os.replace(self.path(rel), self.path(f"{folder_rel}/index.md"))
                rel = f"{folder_rel}/index.md"
            folder = self.path(rel).parent
            names = []
            for name, data in files:
                stored = unused_name(folder, safe_filename(name))
                atomic_write(folder / stored, data)
                names.append(stored)
            for listener in self.listeners:
                listener([rel] + [f"{rel.rsplit('/', 1)[0]}/{n}" for n in names])
        return rel, names

    def delete(self, rel: str) -> TrashItem:
        """Move an entry (its folder, for folder-form entries) to the trash."""
        target = rel[: -len("/index.md")] if rel.endswith("/index.md") else rel
        self.path(target)
        with self._write_lock:
            item = move_to_trash(self.root, target)
        for listener in self.listeners:
            listener([rel])
        return item

    def trash(self) -> list[TrashItem]:
        return list_trash(self.root)

    def restore(self, item_id: str) -> str:
        with self._write_lock:
            rel = restore_from_trash(self.root, item_id)
        for listener in self.listeners:
            listener([rel])
        return rel

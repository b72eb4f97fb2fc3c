"""Disk operations that cannot lose data: atomic writes, restorable trash, safe attachment names."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import tomlkit

from plfolio.store.errors import StoreError

STATE_DIR = ".plfolio"
TRASH_DIR = f"{STATE_DIR}/trash"
RESERVED_NAMES = {"index.md"}


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write via a temp file in the same folder, fsync, ``os.replace``, fsync the folder.

    A crash or error at any point leaves either the old file or the new one, never half of either.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform; the data itself is already synced
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def safe_filename(name: str) -> str:
    """A harmless file name from an uploaded one: no folders, no dot files, no odd characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = re.sub(r"[^\w.\- ]+", "-", base, flags=re.UNICODE).strip(" .-")
    base = re.sub(r"\s+", "-", base)
    if not base or base.lower() in RESERVED_NAMES:
        base = f"file-{base}" if base else "file"
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem[:80]
    return f"{stem}.{ext[:12]}" if ext else stem


def unused_name(folder: Path, name: str) -> str:
    """``name``, or ``name-2``, ``name-3``... so an upload never replaces another file."""
    candidate = name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    n = 2
    while (folder / candidate).exists() or candidate.lower() in RESERVED_NAMES:
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
        n += 1
    return candidate


@dataclass
class TrashItem:
    id: str
    original: str  # relative path the file or folder came from
    deleted: str  # ISO timestamp

    @property
    def name(self) -> str:
        return self.original.rsplit("/", 1)[-1]


def move_to_trash(root: Path, rel: str) -> TrashItem:
    """Move a file or entry folder under ``.plfolio/trash`` with a note saying where it came from."""
    source = root / rel
    if not source.exists():
        raise StoreError(rel, "is not there to delete")
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    item_id = f"{stamp}-{re.sub(r'[^a-z0-9]+', '-', rel.lower()).strip('-')}"
    slot = root / TRASH_DIR / item_id
    slot.mkdir(parents=True)
    deleted = datetime.now().isoformat(timespec="seconds")
    atomic_write(slot / "trash.toml", tomlkit.dumps({"original": rel, "deleted": deleted}).encode())
    os.replace(source, slot / source.name)
    return TrashItem(item_id, rel, deleted)


def list_trash(root: Path) -> list[TrashItem]:
    folder = root / TRASH_DIR
    items = []
    for slot in sorted(folder.iterdir(), reverse=True) if folder.is_dir() else []:
        note = slot / "trash.toml"
        if note.is_file():
            data = tomlkit.parse(note.read_text("utf-8")).unwrap()
            items.append(TrashItem(slot.name, str(data["original"]), str(data["deleted"])))
    return items


def restore_from_trash(root: Path, item_id: str) -> str:
    """Put a trashed file back where it was; refuses if something new is there now."""
    item = next((i for i in list_trash(root) if i.id == item_id), None)
    if item is None:
        raise StoreError(f"{TRASH_DIR}/{item_id}", "is not in the trash")
    target = root / item.original
    if target.exists():
        raise StoreError(item.original, "already exists", "Rename or delete it, then restore again.")
    target.parent.mkdir(parents=True, exist_ok=True)
    slot = root / TRASH_DIR / item_id
    os.replace(slot / target.name, target)
    shutil.rmtree(slot)
    return item.original

"""Reading zips from elsewhere without letting them touch anything they should not.

Refuses absolute paths, ``..``, backslashes, drive letters, symlinks, duplicate names (also when
case-folded), non-UTF-8 names, too many entries, and more real bytes than allowed (counted while
reading, so a zip bomb's header cannot lie its way in). Everything is read into memory and checked
before a single file is written anywhere.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 2 * 1024 ** 3
MAX_FILE_BYTES = 512 * 1024 ** 2
CHUNK = 1024 * 1024


class UnsafeZipError(Exception):
    """The zip was refused; nothing was written."""


def member_name_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        return "a file name that is not UTF-8"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "an absolute path"
    if "\\" in name:
        return "a backslash in a path"
    if any(part in ("..", "") for part in name.rstrip("/").split("/")):
        return "a path that leaves the folder (..)"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link"
    return None


def read_zip(path: Path, max_entries: int = MAX_ENTRIES, max_total: int = MAX_TOTAL_BYTES,
             max_file: int = MAX_FILE_BYTES) -> dict[str, bytes]:
    """Every file in a zip, by name, after all the checks above."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise UnsafeZipError(f"{path}: not a readable zip file ({err})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise UnsafeZipError(f"{path}: too many entries ({len(infos)} > {max_entries})")
        seen: set[str] = set()
        files: dict[str, bytes] = {}
        total = 0
        for info in infos:
            problem = member_name_problem(info)
            if problem:
                raise UnsafeZipError(f"{path}: {info.filename!r} has {problem}")
            folded = info.filename.casefold()
            if folded in seen:
                raise UnsafeZipError(f"{path}: {info.filename!r} appears twice")
            seen.add(folded)
            if info.is_dir():
                continue
            chunks = []
            size = 0
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > max_file or total > max_total:
                        raise UnsafeZipError(f"{path}: {info.filename!r} unpacks to more than allowed "
                                             "(a zip bomb?)")
                    chunks.append(chunk)
            files[info.filename] = b"".join(chunks)
        return files

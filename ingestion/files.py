"""Which files a load covers (directories walked in sorted order, hidden entries skipped) and their hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


def iter_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Each named file, and every file under each named directory, recursively and in sorted order.

    Hidden files and directories (a leading dot) are skipped: editors and sync tools leave them in
    landing folders. A path that does not exist is yielded as-is so the loader can report it.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(directory: Path) -> Iterator[Path]:
    for entry in sorted(directory.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


@dataclass(frozen=True)
class FileSnapshot:
    """A file's content hash, and the size and mtime it had when hashed."""

    sha256: str
    size: int
    mtime_ns: int

    def still_current(self, path: Path) -> bool:
        """False if the file was modified since: a copy into the landing folder may still be running."""
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns) == (self.size, self.mtime_ns)


def snapshot(path: Path) -> FileSnapshot:
    """Hash the file's bytes: the identity of its content, whatever its name."""
    before = path.stat()
    with open(path, "rb") as handle:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    return FileSnapshot(sha256=sha256, size=before.st_size, mtime_ns=before.st_mtime_ns)

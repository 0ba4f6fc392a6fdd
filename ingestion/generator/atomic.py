"""Writing a set of files atomically: stage each one under a hidden temporary name, then rename them all.

A crash leaves at most a stray temporary file, never a truncated file under a final name, so a loader
or sensor watching the folder can never pick up half a file. The Olist writer hands over bytes; the
clickstream writer hands over a function that streams into the open file (a month of events is too
big to hold twice in memory).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

FileWriter = Callable[[BinaryIO], None]


def temporary_path(path: Path) -> Path:
    # Hidden (leading dot), so the loader's directory walk and the landing sensor never pick it up.
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _stage(path: Path, write: FileWriter) -> None:
    """Write durably to the temporary file beside `path`."""
    with open(temporary_path(path), "wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def write_files_with(writers: Mapping[Path, FileWriter], *, threads: int = 1) -> None:
    """Stage every file first, then rename them all into place: a crash while rendering or writing
    leaves the previous files untouched, and the renames themselves take microseconds.

    threads > 1 stages several files at once (worth it when `write` releases the GIL, as pyarrow does).
    """
    try:
        if threads > 1 and len(writers) > 1:
            with ThreadPoolExecutor(max_workers=threads) as pool:
                # list() re-raises the first failure; the pool waits for the others before closing.
                list(pool.map(_stage, writers.keys(), writers.values()))
        else:
            for path, write in writers.items():
                _stage(path, write)
        for path in writers:
            os.replace(temporary_path(path), path)
    finally:
        for path in writers:
            temporary_path(path).unlink(missing_ok=True)

"""Clickstream files: one canonical events CSV per calendar month, written atomically.

`events_2017-11.csv` holds the sessions that started in November 2017 (UTC); a session that runs past
midnight at the end of a month stays whole in the file of the month it started. An extra batch writes
`events_2017-11_<batch>.csv`, so it never replaces the files of another batch. Bounded files load in
parallel, and a month can be reloaded alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.csv as pacsv

from ingestion.generator.atomic import write_files_with

FILE_PATTERN = re.compile(r"events_(\d{4}-\d{2})(?:_([a-z0-9-]+))?\.csv")
# Every value is generated: none holds a comma, a quote or a line break, so nothing needs quoting (and
# the writer refuses, rather than corrupts, a value that would).
_WRITE_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="none", batch_size=65_536)
WRITER_THREADS = 2


def file_name(month: str, batch: str = "") -> str:
    """The file of a month ('2017-11') and batch ('' for the main batch)."""
    return f"events_{month}{'_' + batch if batch else ''}.csv"


def batch_of(path: Path) -> str | None:
    """The batch a file belongs to ('' for the main batch), or None for a file that is not ours."""
    match = FILE_PATTERN.fullmatch(path.name)
    return None if match is None else (match.group(2) or "")


def write_events_csv(table: pa.Table, handle: BinaryIO) -> None:
    # The header is written by hand: Arrow would quote the names even where values are never quoted.
    handle.write((",".join(table.column_names) + "\n").encode("ascii"))
    pacsv.write_csv(table, handle, _WRITE_OPTIONS)


def write_month_files(events_dir: Path, months: dict[str, pa.Table], batch: str) -> list[Path]:
    """Write each month's table atomically (all renamed into place at the end), then remove the files of
    the same batch left from an earlier generation, so the folder holds exactly this batch."""
    events_dir.mkdir(parents=True, exist_ok=True)
    writers: dict[Path, Callable[[BinaryIO], None]] = {
        events_dir / file_name(month, batch): partial(write_events_csv, table)
        for month, table in months.items()
    }
    write_files_with(writers, threads=WRITER_THREADS)
    for stale in events_dir.iterdir():
        if batch_of(stale) == batch and stale not in writers:
            stale.unlink()
    return sorted(writers)


def buyers_of_other_batches(events_dir: Path, batch: str) -> set[str]:
    """The people (customer_id of purchase events) in the folder's files of every other batch."""
    people: set[str] = set()
    if not events_dir.is_dir():
        return people
    for path in sorted(events_dir.iterdir()):
        if batch_of(path) in (None, batch):
            continue
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                include_columns=["customer_id"], column_types={"customer_id": pa.string()}
            ),
        )
        people.update(v for v in table.column("customer_id").unique().to_pylist() if v)
    return people

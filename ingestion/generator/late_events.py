"""Late-arriving events for sessions a shop's clickstream already holds, e.g. for the incremental
benchmark and tests: an app that was offline, or a tracker that retried, sends events after the
sessions they belong to were built.

    generate_late_events(Path("data/landing/events"), day=dt.date(2018, 10, 16), events=100_000,
                         seed=7, batch="late1")

Each late event is a copy of a non-purchase event of the day's sessions (same visitor, source
session, page and product), with a new id and its time moved by up to LATE_SHIFT_MINUTES either
way. So it lands inside its session, extends it at either end, or bridges it with the next session
of the same source session id: the sessions it touches must be reopened, and nothing else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ingestion.generator.clickstream import validate_clickstream_arguments
from ingestion.generator.event_files import file_name, write_month_files
from ingestion.generator.shop import GeneratorArgumentError
from ingestion.raw_tables import EVENT_TABLES

LATE_SHIFT_MINUTES = 25
_COLUMNS = EVENT_TABLES["events"].column_names


def late_events(events: pa.Table, *, day: dt.date, count: int, seed: int, batch: str) -> pa.Table:
    """`count` late copies of the non-purchase events of `day` (UTC) in `events` (a canonical events
    table of strings), in time order, with ids `late-<batch>-<n>`."""
    times = pc.strptime(events.column("event_time"), format="%Y-%m-%dT%H:%M:%SZ", unit="s")
    start = dt.datetime.combine(day, dt.time())
    on_day = pc.and_(
        pc.and_(pc.greater_equal(times, pa.scalar(start, pa.timestamp("s"))),
                pc.less(times, pa.scalar(start + dt.timedelta(days=1), pa.timestamp("s")))),
        pc.not_equal(events.column("event_type"), "purchase"),
    )  # fmt: skip
    candidates = np.flatnonzero(on_day.to_numpy(zero_copy_only=False))
    if len(candidates) == 0:
        raise GeneratorArgumentError(f"no events on {day} to send late copies of")
    rng = np.random.default_rng(seed)
    picked = np.sort(rng.choice(candidates, size=count, replace=len(candidates) < count))
    shifts = rng.integers(-LATE_SHIFT_MINUTES * 60, LATE_SHIFT_MINUTES * 60 + 1, size=count)
    moved = times.to_numpy(zero_copy_only=False)[picked] + shifts.astype("timedelta64[s]")
    order = np.argsort(moved, kind="stable")
    copies = events.take(pa.array(picked[order]))
    stamps = np.datetime_as_string(moved[order], unit="s")
    columns = {name: copies.column(name) for name in _COLUMNS}
    columns["event_id"] = pa.array([f"late-{batch}-{n}" for n in range(1, count + 1)])
    columns["event_time"] = pa.array([f"{stamp}Z" for stamp in stamps])
    return pa.table(columns)


def generate_late_events(events_dir: Path, *, day: dt.date, events: int, seed: int, batch: str) -> Path:
    """Write `events` late copies of events of `day` (from the month's main file in `events_dir`) as
    that month's file of `batch`, atomically; returns the file."""
    validate_clickstream_arguments(events, seed, batch)
    if not batch:
        raise GeneratorArgumentError("late events need a batch name (a-z, 0-9, '-'), e.g. batch='late1'")
    month = f"{day:%Y-%m}"
    source = Path(events_dir) / file_name(month)
    if not source.is_file():
        raise GeneratorArgumentError(f"{source}: no events file for {month} to send late events of")
    table = pacsv.read_csv(
        source, convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in _COLUMNS})
    )
    late = late_events(table, day=day, count=events, seed=seed, batch=batch)
    (written,) = write_month_files(Path(events_dir), {month: late}, batch)
    return written

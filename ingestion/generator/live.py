"""A live clickstream: events of the same generated shop, happening now, landed in small files.

    for written in simulate(shop, Path("data/landing/events/live"), rate=20, duration=600):
        print(written.path, written.events)

Sessions are generated as for the history (the shop's products, visitors, buyers and funnels), then
each keeps its own timing but starts now: session starts follow a Poisson process whose rate gives
`rate` events per second on average. Every `every` seconds the events whose time has come are
written as one canonical events file, atomically (a hidden temporary name, then a rename), so a
loader or sensor never sees half a file. Nothing is written twice: a run's ids carry the run's own
tag (its start and a random part), and a file holds exactly the events after the previous file's.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingestion.generator.atomic import write_files_with
from ingestion.generator.clickstream import build_clickstream, shop_period
from ingestion.generator.event_files import buyers_of_other_batches, write_events_csv
from ingestion.generator.shop import GeneratorArgumentError, Shop

DEFAULT_RATE = 20.0  # events per second
DEFAULT_EVERY = 5.0  # seconds between files
POOL_SECONDS = 600  # sessions are generated ten minutes of traffic at a time
# Traffic is already flowing when the simulation starts: sessions began up to this long before, and
# only their events from the start on are written (otherwise the rate would ramp up from zero).
WARM_UP_SECONDS = 300
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class LiveFile:
    """One file the simulator wrote."""

    path: Path
    events: int
    last_event_at: dt.datetime


def validate_live_arguments(rate: float, duration: float | None, every: float) -> None:
    if not rate > 0:
        raise GeneratorArgumentError(f"--rate must be more than 0 events per second, not {rate}")
    if duration is not None and not duration > 0:
        raise GeneratorArgumentError(f"--duration must be more than 0 seconds, not {duration}")
    if not 0.5 <= every <= 60:
        raise GeneratorArgumentError(f"files are written every 0.5 to 60 seconds, not every {every}")


def live_sessions(shop: Shop, *, events: int, seed: int, tag: str, exclude_customers: set[str]) -> pa.Table:
    """About `events` events of fresh sessions (the shop's last month of traffic, re-timed later), in
    session order, with ids that carry `tag`."""
    last = shop_period()[1]
    clicks = build_clickstream(
        shop,
        events=events,
        seed=seed,
        period=(last - dt.timedelta(days=29), last),
        batch=tag,
        exclude_customers=exclude_customers,
    )
    return clicks.table


def retime(
    table: pa.Table, *, start: float, rate: float, rng: np.random.Generator
) -> tuple[pa.Table, np.ndarray]:
    """The sessions of `table` moved to start from `start` (epoch seconds) on, at `rate` events per
    second on average, each keeping its events' own spacing. Returns the table in time order and the
    epoch second of each of its events."""
    times = pc.strptime(table.column("event_time"), format=_TIME_FORMAT, unit="s").cast(pa.int64()).to_numpy()
    session_ids = table.column("session_id").to_numpy(zero_copy_only=False)
    sessions, session_of = np.unique(session_ids, return_inverse=True)
    first = np.full(len(sessions), np.iinfo(np.int64).max)
    np.minimum.at(first, session_of, times)
    order_of_sessions = np.argsort(first, kind="stable")
    mean_gap = len(table) / len(sessions) / rate  # seconds between session starts
    starts = np.empty(len(sessions), dtype=np.float64)
    starts[order_of_sessions] = start + np.cumsum(rng.exponential(mean_gap, size=len(sessions)))
    moved = np.floor(starts[session_of] + (times - first[session_of])).astype(np.int64)
    order = np.argsort(moved, kind="stable")
    moved = moved[order]
    stamps = pa.array(moved.astype("datetime64[s]")).cast(pa.timestamp("s"))
    retimed = table.take(pa.array(order))
    retimed = retimed.set_column(
        retimed.schema.get_field_index("event_time"), "event_time", pc.strftime(stamps, format=_TIME_FORMAT)
    )
    return retimed, moved


def simulate(
    shop: Shop,
    out_dir: Path,
    *,
    rate: float = DEFAULT_RATE,
    duration: float | None = None,
    every: float = DEFAULT_EVERY,
    seed: int = 1,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[LiveFile]:
    """Write the events of sessions happening from now on into `out_dir`, one file every `every`
    seconds, for `duration` seconds (None: until stopped). Yields each file written."""
    validate_live_arguments(rate, duration, every)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = clock()
    # The run's own tag: its events' ids and its files' names never meet another run's.
    run_tag = f"live-{dt.datetime.fromtimestamp(started, dt.UTC):%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
    # The people who bought in the history's files buy no order again here.
    bought = buyers_of_other_batches(out_dir.parent, run_tag)
    rng = np.random.default_rng(seed)
    pending, pending_times = None, np.empty(0, dtype=np.int64)
    pool_end, pool_number, file_number = started - WARM_UP_SECONDS, 0, 0
    sent_until = started
    while duration is None or sent_until < started + duration:
        sleep(max(0.0, sent_until + every - clock()))
        now = clock() if duration is None else min(clock(), started + duration)
        # Keep a pool of sessions ahead of the clock; each pool starts where the last one ended.
        while pool_end < now + every:
            pool_number += 1
            table = live_sessions(
                shop,
                events=max(1, int(rate * POOL_SECONDS)),
                seed=seed * 1000 + pool_number,
                tag=f"{run_tag}-{pool_number}",
                exclude_customers=bought,
            )
            bought |= set(v for v in table.column("customer_id").unique().to_pylist() if v)
            table, times = retime(table, start=pool_end, rate=rate, rng=rng)
            pool_end += POOL_SECONDS
            # A session that starts late in a pool ends after the next one began: merge in time order.
            merged = table if pending is None else pa.concat_tables([pending, table])
            merged_times = np.concatenate([pending_times, times])
            order = np.argsort(merged_times, kind="stable")
            pending, pending_times = merged.take(pa.array(order)), merged_times[order]
        if sent_until == started:  # the warm-up's events happened before we tuned in
            skipped = int(np.searchsorted(pending_times, started, side="right"))
            pending, pending_times = pending.slice(skipped), pending_times[skipped:]
        due = int(np.searchsorted(pending_times, now, side="right"))
        sent_until = now
        if due == 0:
            continue
        file_number += 1
        path = out_dir / f"events_{run_tag}_{file_number:06d}.csv"
        write_files_with({path: partial(write_events_csv, pending.slice(0, due))})
        last = dt.datetime.fromtimestamp(int(pending_times[due - 1]), dt.UTC)
        pending, pending_times = pending.slice(due), pending_times[due:]
        yield LiveFile(path, due, last)

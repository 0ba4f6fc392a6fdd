"""The clickstream of a synthetic shop: web sessions and their events, in the canonical events format.

    shop = build_shop(scale=1.0, seed=42)
    clicks = build_clickstream(shop, events=2_000_000)        # in memory (an Arrow table)
    write_clickstream(clicks, Path("data/landing/events"))    # events_YYYY-MM.csv, atomically
    generate_extra_events(shop, Path("data/landing/events"), events=20_000, seed=43, batch="extra1")

One world: every purchase event is a line of a real order of the shop, by the same person
(customer_id = customer_unique_id, user_id derived from it), at the order's purchase time in UTC.

Sizing. The event budget is met exactly. The number of purchase sessions is chosen so that about
TARGET_CONVERSION (3 %) of sessions buy; the rest of the budget goes to visitors who never buy. So the
share of orders with a web session follows from the budget: about 19 % of the orders with items at
the default 2M events per unit of scale, never more than MAX_WEB_ORDER_SHARE (90 %, reached from about
10M events for scale 1). The other orders came through the app or marketplaces. When a budget asks for
more purchases than that, conversion falls below the target instead (2.9 % at 10M events, scale 1).

Deterministic: the same shop, budget, seed, period and batch give the same events, ids included.
Ids start with a tag hashed from all of these, so batches generated differently never collide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.event_files import buyers_of_other_batches, write_month_files
from ingestion.generator.event_rows import SessionContext, expand_events
from ingestion.generator.event_table import SessionColumns, event_table
from ingestion.generator.event_text import numbered_ids
from ingestion.generator.event_times import place_sessions
from ingestion.generator.local_time import local_to_utc
from ingestion.generator.session_traits import TECH
from ingestion.generator.shop import GeneratorArgumentError, Shop
from ingestion.generator.special_days import traffic_weights
from ingestion.generator.timeline import daily_weights
from ingestion.generator.visitors import PURCHASE
from ingestion.generator.web_catalog import build_web_catalog
from ingestion.generator.web_orders import user_id_of
from ingestion.generator.web_sessions import buyer_sessions, combine, focus_categories, visitor_sessions

MAX_EVENTS = 30_000_000  # ~380 bytes of peak memory per event: 10M events take 3.8 GB
BATCH_NAME = re.compile(r"[a-z0-9-]{1,32}")
SALT = 0x0C11C  # a random stream of its own, apart from the shop's


@dataclass(frozen=True)
class Clickstream:
    """Generated events in file order, with where each month's file starts, and a few figures."""

    table: pa.Table
    months: dict[str, tuple[int, int]]  # 'YYYY-MM' -> (first row, end row)
    batch: str
    sessions: int
    purchase_sessions: int
    web_orders: int
    eligible_orders: int

    def month_tables(self) -> dict[str, pa.Table]:
        return {month: self.table.slice(a, b - a) for month, (a, b) in self.months.items()}

    @property
    def conversion(self) -> float:
        return self.purchase_sessions / self.sessions if self.sessions else 0.0


def validate_clickstream_arguments(events: int, seed: int, batch: str) -> None:
    if isinstance(events, bool) or not isinstance(events, int | np.integer) or not 0 <= events <= MAX_EVENTS:
        raise GeneratorArgumentError(
            f"events must be a whole number from 0 to {MAX_EVENTS:,}, got {events!r}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise GeneratorArgumentError(f"seed must be a whole number >= 0, got {seed!r}")
    if batch and not BATCH_NAME.fullmatch(batch):
        raise GeneratorArgumentError(f"batch must be 1-32 of a-z, 0-9 and '-', got {batch!r}")


def shop_period() -> tuple[dt.date, dt.date]:
    """The days the shop trades (its first and last order day): the default period of the clickstream."""
    days = daily_weights().index
    return days.min(), days.max()


def _traffic(period: tuple[dt.date, dt.date], events: int) -> pd.DataFrame:
    """The daily traffic weights of the period, refusing a period without any."""
    if period[0] > period[1]:
        raise GeneratorArgumentError(f"the period starts after it ends: {period[0]} > {period[1]}")
    traffic = traffic_weights(period[0], period[1])
    if events > 0 and traffic["weight"].sum() == 0:
        first, last = shop_period()
        raise GeneratorArgumentError(
            f"the shop has no activity in that period; it trades from {first} to {last}"
        )
    return traffic


def _tag(shop: Shop, events: int, seed: int, period: tuple[dt.date, dt.date], batch: str) -> str:
    """10 hex characters hashed from everything that shapes the batch: the prefix of its ids."""
    key = f"{shop.seed}|{shop.scale!r}|{events}|{seed}|{period[0]}|{period[1]}|{batch}"
    return hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def _file_order(month_of_row: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Rows by month file (the month their session started), then time; ties keep session order."""
    if len(times) == 0:
        return np.arange(0)
    key = (month_of_row - month_of_row.min()) << 40 | (times - times.min())
    return np.argsort(key, kind="stable")


def _user_ids(persons: np.ndarray, n_users: int, tag: str) -> pa.Array:
    """Buyers first (derived from their person, the same in every batch), then this batch's visitors."""
    visitors = n_users - len(persons)
    return pa.concat_arrays(
        [
            pa.array([user_id_of(p) for p in persons], type=pa.string()),
            numbered_ids(f"v{tag}", np.arange(visitors), max(8, len(str(visitors)))).cast(pa.string()),
        ]
    )


def _month_slices(month_of_row: np.ndarray) -> dict[str, tuple[int, int]]:
    """'YYYY-MM' -> (first row, end row) of sorted month numbers (months since 1970-01)."""
    if len(month_of_row) == 0:
        return {}
    starts = np.flatnonzero(np.r_[True, month_of_row[1:] != month_of_row[:-1]])
    ends = np.r_[starts[1:], len(month_of_row)]
    labels = month_of_row[starts].astype("datetime64[M]").astype(str)
    return {str(m): (int(a), int(b)) for m, a, b in zip(labels, starts, ends, strict=True)}


def build_clickstream(
    shop: Shop,
    *,
    events: int,
    seed: int | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    batch: str = "",
    exclude_customers: Collection[str] = (),
) -> Clickstream:
    """Exactly `events` events of web sessions on `shop`, in the days of `period` (local, inclusive;
    default: the shop's whole trading period). `seed` defaults to the shop's. People in
    `exclude_customers` (customer_unique_id) get no web order: they bought in another batch."""
    seed = shop.seed if seed is None else seed
    validate_clickstream_arguments(events, seed, batch)
    period = period or shop_period()
    traffic = _traffic(period, events)
    tag = _tag(shop, int(events), int(seed), period, batch)
    rng = np.random.default_rng([SALT, int(tag, 16)])
    catalog = build_web_catalog(shop)
    local_period = (np.datetime64(period[0], "s"), np.datetime64(period[1] + dt.timedelta(days=1), "s"))

    orders, buyers, persons = buyer_sessions(rng, shop, catalog, int(events), local_period, exclude_customers)
    visitors = visitor_sessions(rng, traffic, int(events) - int(buyers.shapes.events.sum()))
    plan, users, traits, shapes = combine([buyers, *visitors])

    bought = plan.role == PURCHASE
    context = SessionContext(
        order=np.where(bought, plan.order, -1),
        landing=traits.landing,
        focus_category=focus_categories(rng, plan, orders, catalog),
        buyer=bought,
    )
    rows = expand_events(rng, shapes, context, catalog, orders)
    start, times = place_sessions(
        rng,
        rows,
        shapes,
        user=plan.user,
        planned_utc=local_to_utc(plan.planned_local),
        purchase_utc=np.append(orders.purchased_utc, 0)[context.order],
        dwell_factor=np.array([ccal.DWELL_DEVICE_FACTOR[d] for d in TECH[:, 0]])[users.tech[plan.user]],
    )
    month = start.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64)
    order = _file_order(month[rows.session], times)
    for field in rows.__dataclass_fields__:
        setattr(rows, field, getattr(rows, field)[order])

    number = np.empty(len(plan), dtype=np.int64)
    number[np.argsort(start, kind="stable")] = np.arange(len(plan))  # session ids in order of start
    columns = SessionColumns(
        number=number,
        user=plan.user,
        tech=users.tech[plan.user],
        region=users.region[plan.user],
        source=traits.source,
        campaign=traits.campaign,
        referrer=traits.referrer,
    )
    return Clickstream(
        table=event_table(
            rows, times[order], columns, _user_ids(persons, len(users.tech), tag), catalog, orders, tag
        ),
        months=_month_slices(month[rows.session]),
        batch=batch,
        sessions=len(plan),
        purchase_sessions=int(bought.sum()),
        web_orders=len(orders),
        eligible_orders=orders.eligible,
    )


def write_clickstream(clickstream: Clickstream, events_dir: Path) -> list[Path]:
    """Write one file per month into `events_dir` (see event_files) and return their paths."""
    return write_month_files(Path(events_dir), clickstream.month_tables(), clickstream.batch)


def default_event_count(scale: float) -> int:
    """Events generated with a shop of `scale` when none is asked for."""
    return int(round(ccal.EVENTS_PER_SCALE * scale))


def generate_clickstream(
    shop: Shop,
    events_dir: Path,
    *,
    events: int,
    seed: int | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> Clickstream:
    """Build the main clickstream of `shop` and write it into `events_dir` (replacing an earlier one)."""
    clickstream = build_clickstream(shop, events=events, seed=seed, period=period)
    write_clickstream(clickstream, events_dir)
    return clickstream


def generate_extra_events(
    shop: Shop,
    events_dir: Path,
    *,
    events: int,
    seed: int,
    batch: str,
    period: tuple[dt.date, dt.date] | None = None,
) -> Clickstream:
    """An extra batch of events for a shop whose clickstream is already in `events_dir` (e.g. 1 % more
    for a benchmark): its own seed and file names (events_YYYY-MM_<batch>.csv), ids that cannot
    collide with the other batches', and no order or buyer of the other batches' files."""
    if not batch:
        raise GeneratorArgumentError("an extra batch needs a name (a-z, 0-9, '-'), e.g. batch='extra1'")
    validate_clickstream_arguments(events, seed, batch)
    excluded = buyers_of_other_batches(Path(events_dir), batch)
    clickstream = build_clickstream(
        shop, events=events, seed=seed, period=period, batch=batch, exclude_customers=excluded
    )
    write_clickstream(clickstream, events_dir)
    return clickstream

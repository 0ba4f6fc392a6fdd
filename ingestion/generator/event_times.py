"""When each event happens (UTC seconds): dwell times between events, sessions placed in time, and a
user's sessions kept apart.

A purchase session is placed so that its purchase events fall exactly on the order's purchase time
(converted to UTC); the other sessions start at their planned local time. No gap inside a session
comes near the 30-minute inactivity limit, and a user's sessions never overlap: a downstream
sessionizer sees exactly the sessions generated.
"""

from __future__ import annotations

import numpy as np

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.event_kinds import DWELL_KEYS, Kind
from ingestion.generator.event_rows import EventRows
from ingestion.generator.funnel import SLOT, SessionShapes
from ingestion.generator.segments import cumsum_within, order_by_group_then_time, starts_of

# Sessions of one user are at least this far apart (seconds), end to start.
MIN_SECONDS_BETWEEN_SESSIONS = 3600
_MEDIAN = np.array([ccal.DWELL_SECONDS[k][0] for k in DWELL_KEYS], dtype=float)
_LOG_SD = np.array([ccal.DWELL_SECONDS[k][1] for k in DWELL_KEYS], dtype=float)


def session_offsets(
    rng: np.random.Generator, rows: EventRows, shapes: SessionShapes, dwell_factor: np.ndarray
) -> np.ndarray:
    """Seconds from its session's first event to each event (int64)."""
    sizes = shapes.events
    kind = rows.kind.astype(np.int64)
    gap = _MEDIAN[kind] * np.exp(_LOG_SD[kind] * rng.standard_normal(len(kind))) * dwell_factor[rows.session]
    gap = np.clip(np.rint(gap), 1, ccal.MAX_GAP_SECONDS).astype(np.int64)
    # An order's lines are bought in one click: every purchase row after the first shares its time.
    gap[1:][(kind[1:] == Kind.PURCHASE) & (kind[:-1] == Kind.PURCHASE)] = 0
    gap[starts_of(sizes)[sizes > 0]] = 0
    return cumsum_within(gap, sizes)


def anchor_offsets(shapes: SessionShapes, offsets: np.ndarray) -> np.ndarray:
    """Offset of each session's first purchase event (0 for sessions without one)."""
    first_purchase = starts_of(shapes.events) + np.cumsum(shapes.counts, axis=1)[:, SLOT["purchase"] - 1]
    has = shapes.counts[:, SLOT["purchase"]] > 0
    return np.where(has, offsets[np.minimum(first_purchase, len(offsets) - 1)], 0)


def keep_users_sessions_apart(
    user: np.ndarray, start: np.ndarray, duration: np.ndarray, anchored: np.ndarray
) -> np.ndarray:
    """Session starts moved so a user's sessions are MIN_SECONDS_BETWEEN_SESSIONS apart, order kept.

    A session too close to the one before moves later; if it cannot move (a purchase, pinned to its
    order's time), the one before moves earlier and is pinned in turn, so chains resolve.
    """
    start = start.copy()
    pinned = anchored.copy()
    for _ in range(1000):
        order = order_by_group_then_time(user, start)
        earlier, later = order[:-1], order[1:]
        clash = (user[earlier] == user[later]) & (
            start[later] < start[earlier] + duration[earlier] + MIN_SECONDS_BETWEEN_SESSIONS
        )
        if not clash.any():
            return start
        earlier, later = earlier[clash], later[clash]
        back = pinned[later]
        if (back & pinned[earlier]).any():
            raise AssertionError("two pinned sessions of one user overlap")  # web orders are a day apart
        move_back = earlier[back]
        start[move_back] = start[later[back]] - duration[move_back] - MIN_SECONDS_BETWEEN_SESSIONS
        pinned[move_back] = True
        forward = later[~back & ~np.isin(later, move_back)]
        before = earlier[~back & ~np.isin(later, move_back)]
        start[forward] = start[before] + duration[before] + MIN_SECONDS_BETWEEN_SESSIONS
    raise AssertionError("could not keep a user's sessions apart")


def place_sessions(
    rng: np.random.Generator,
    rows: EventRows,
    shapes: SessionShapes,
    *,
    user: np.ndarray,
    planned_utc: np.ndarray,
    purchase_utc: np.ndarray,
    dwell_factor: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Each session's start and each event's time (UTC seconds).

    `purchase_utc` is the order's purchase time for purchase sessions (0 for the others), which their
    first purchase event lands on; the others start at `planned_utc`.
    """
    offsets = session_offsets(rng, rows, shapes, dwell_factor)
    sizes = shapes.events
    duration = offsets[np.cumsum(sizes) - 1] if len(offsets) else np.zeros(len(sizes), dtype=np.int64)
    anchored = shapes.counts[:, SLOT["purchase"]] > 0
    start = np.where(anchored, purchase_utc - anchor_offsets(shapes, offsets), planned_utc)
    start = keep_users_sessions_apart(user, start, duration, anchored)
    return start, start[rows.session] + offsets

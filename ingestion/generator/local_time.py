"""Brazil's local time (America/Sao_Paulo, with its 2016-2018 daylight saving) to UTC, vectorised.

Olist's timestamps are naive local times; events are UTC. The offset is looked up per local hour
(transitions fall on whole hours), with Python's own rule for the odd hours (PEP 495, fold=0): a
repeated hour is read as its first occurrence, and a skipped hour with the offset in force before the
jump.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np

SHOP_TIMEZONE = ZoneInfo("America/Sao_Paulo")
_EPOCH = dt.datetime(1970, 1, 1)


@cache
def _offset_seconds(local_hour: int) -> int:
    naive = _EPOCH + dt.timedelta(hours=local_hour)
    offset = naive.replace(tzinfo=SHOP_TIMEZONE).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


def local_to_utc(local_seconds: np.ndarray) -> np.ndarray:
    """UTC seconds since the epoch for naive local seconds since the epoch (int64 arrays)."""
    local_seconds = np.asarray(local_seconds, dtype=np.int64)
    if len(local_seconds) == 0:
        return local_seconds.copy()
    hours = local_seconds // 3600
    first, last = int(hours.min()), int(hours.max())
    offsets = np.array([_offset_seconds(h) for h in range(first, last + 1)], dtype=np.int64)
    return local_seconds - offsets[hours - first]

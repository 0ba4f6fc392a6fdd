"""Text columns built straight into Arrow buffers: ids and ISO 8601 times for millions of rows.

Formatting 10M values one by one in Python (or even with Arrow's strftime) takes many seconds; every
value here has a fixed width, so each row is a numpy record of fixed-width byte fields, filled from
small lookup tables (the digits of 0..99999, the days of the period, the seconds of a day), and the
bytes are handed to Arrow without a copy.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa

DAY = 86_400
_CHUNK = 5  # digits looked up at once


def _strings(records: np.ndarray) -> pa.LargeStringArray:
    """A string array over fixed-width records (each record's bytes are one value)."""
    width = records.dtype.itemsize
    offsets = np.arange(0, (len(records) + 1) * width, width, dtype=np.int64)
    return pa.LargeStringArray.from_buffers(
        len(records), pa.py_buffer(offsets), pa.py_buffer(records.view(np.uint8))
    )


@cache
def _digit_table(width: int) -> np.ndarray:
    """'0..0' to '9..9': the zero-padded numbers of `width` digits as fixed-width bytes."""
    numbers = np.arange(10**width)
    powers = 10 ** np.arange(width - 1, -1, -1)
    digits = (numbers[:, None] // powers % 10 + ord("0")).astype(np.uint8)
    return np.ascontiguousarray(digits).view(f"S{width}").ravel()


def _id_records(prefix: str, n: int, digits: int) -> tuple[np.ndarray, list[int]]:
    """Empty fixed-width records for n ids (the prefix filled in), and the widths of their digit chunks:
    up to five digits per lookup, the shorter chunk first (12 digits are 2 + 5 + 5)."""
    widths = [digits % _CHUNK] * (digits % _CHUNK > 0) + [_CHUNK] * (digits // _CHUNK)
    fields = [("prefix", f"S{len(prefix)}")] if prefix else []
    records = np.empty(n, dtype=np.dtype(fields + [(f"d{i}", f"S{w}") for i, w in enumerate(widths)]))
    if prefix:
        records["prefix"] = prefix.encode("ascii")
    return records, widths


def numbered_ids(prefix: str, numbers: np.ndarray, digits: int) -> pa.LargeStringArray:
    """`prefix` followed by each number zero-padded to `digits` digits, e.g. e5f3a9c01d0000000042."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if len(numbers) and (int(numbers.max()) >= 10**digits or int(numbers.min()) < 0):
        raise ValueError(f"ids must be numbers from 0 to {10**digits - 1}")
    records, widths = _id_records(prefix, len(numbers), digits)
    rest = numbers.copy()
    for i in range(len(widths) - 1, -1, -1):
        records[f"d{i}"] = _digit_table(widths[i])[rest % 10 ** widths[i]]
        rest //= 10 ** widths[i]
    return _strings(records)


def sequential_ids(prefix: str, n: int, digits: int) -> pa.LargeStringArray:
    """numbered_ids of 0, 1, ..., n - 1, without a division per row: the last chunk cycles through its
    table; each chunk before it holds each value for a whole cycle of the chunks after it."""
    if n > 10**digits:
        raise ValueError(f"{n} ids do not fit in {digits} digits")
    records, widths = _id_records(prefix, n, digits)
    block = 1  # how many consecutive numbers share a value of the current chunk
    for i in reversed(range(len(widths))):
        table = _digit_table(widths[i])
        distinct = min(len(table), -(-n // block))
        records[f"d{i}"] = np.resize(np.repeat(table[:distinct], block), n)
        block *= len(table)
    return _strings(records)


def iso_utc(seconds: np.ndarray) -> pa.LargeStringArray:
    """UTC seconds since the epoch as 'YYYY-MM-DDTHH:MM:SSZ' (each day and each second of the day is
    rendered once, then copied into place)."""
    seconds = np.asarray(seconds, dtype=np.int64)
    records = np.empty(len(seconds), dtype=np.dtype([("day", "S11"), ("clock", "S9")]))
    if len(seconds) == 0:
        return _strings(records)
    day = seconds // DAY
    first = int(day.min())
    days = pd.date_range(pd.Timestamp(first * DAY, unit="s"), periods=int(day.max()) - first + 1, freq="D")
    records["day"] = np.array(days.strftime("%Y-%m-%dT").tolist(), dtype="S11")[day - first]
    clock = pd.Timestamp(0, unit="s") + pd.to_timedelta(np.arange(DAY), unit="s")
    records["clock"] = np.array(clock.strftime("%H:%M:%SZ").tolist(), dtype="S9")[seconds - day * DAY]
    return _strings(records)

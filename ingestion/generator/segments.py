"""Vectorised helpers for arrays made of consecutive groups (a session's events, a user's sessions).

A group layout is given by each group's size; element arrays hold the groups one after another.
"""

from __future__ import annotations

import numpy as np


def starts_of(sizes: np.ndarray) -> np.ndarray:
    """Index of each group's first element."""
    sizes = np.asarray(sizes, dtype=np.int64)
    return np.cumsum(sizes) - sizes


def group_of_elements(sizes: np.ndarray) -> np.ndarray:
    """The group of every element."""
    return np.repeat(np.arange(len(sizes)), sizes)


def index_within(sizes: np.ndarray) -> np.ndarray:
    """Each element's position inside its group (0-based)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    return np.arange(int(sizes.sum())) - np.repeat(starts_of(sizes), sizes)


def cumsum_within(values: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Running sum of `values` restarting at each group (inclusive)."""
    total = np.cumsum(values)
    before = np.r_[0, total][starts_of(sizes)]
    return total - np.repeat(before, sizes)


def order_by_group_then_time(group: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Stable order by group, then time: one int64 key (faster than np.lexsort on millions of rows)."""
    if len(group) == 0:
        return np.arange(0)
    span = seconds - seconds.min()
    bits = max(int(span.max()).bit_length(), 1)
    if int(group.max()).bit_length() + bits > 62:
        return np.lexsort((seconds, group))
    return np.argsort((group.astype(np.int64) << bits) | span, kind="stable")

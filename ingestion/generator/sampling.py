"""Small drawing primitives shared by the table builders: weighted choices and quirk picks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np

K = TypeVar("K")


def weighted_choice(rng: np.random.Generator, weights: Mapping[K, float], n: int) -> np.ndarray:
    """n draws of the keys of `weights`, with probability proportional to the values."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    picks = rng.choice(len(keys), size=n, p=p / p.sum())
    return np.array(keys, dtype=object)[picks]


def probabilities(weights: Sequence[float]) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return p / p.sum()


def quirk_mask(rng: np.random.Generator, eligible: np.ndarray, share: float, minimum: int = 1) -> np.ndarray:
    """A boolean mask picking about `share` of the eligible rows, and at least `minimum` of them.

    Quirks must show up even in a tiny shop, or tests and downstream models never meet them.
    """
    candidates = np.flatnonzero(eligible)
    mask = np.zeros(len(eligible), dtype=bool)
    if len(candidates) == 0:
        return mask
    count = min(len(candidates), max(minimum, int(rng.binomial(len(candidates), share))))
    mask[rng.choice(candidates, size=count, replace=False)] = True
    return mask


def spread_counts(rng: np.random.Generator, expected: np.ndarray, total: int) -> np.ndarray:
    """Integer counts summing to `total`, close to `expected` (floor, then the remainder by chance).

    Low variance on purpose: a small shop still has its peaks where the calibration puts them.
    """
    expected = expected * (total / expected.sum())
    counts = np.floor(expected).astype(np.int64)
    remainder = total - int(counts.sum())
    if remainder > 0:
        frac = expected - counts
        extra = rng.choice(len(expected), size=remainder, replace=False, p=frac / frac.sum())
        counts[extra] += 1
    return counts

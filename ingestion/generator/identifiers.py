"""Olist-style identifiers: 32 lowercase hex characters, drawn from the shop's random generator."""

from __future__ import annotations

import numpy as np


def hex_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """n random 128-bit ids as 32-character hex strings (collisions are astronomically unlikely)."""
    if n == 0:
        return np.array([], dtype=object)
    text = rng.bytes(16 * n).hex().encode("ascii")
    return np.frombuffer(text, dtype="S32").astype(str).astype(object)

"""People and customers: a person (customer_unique_id) places one or more orders; every order has its
own customer_id, as in Olist, and all of a person's customer rows share the person's address."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.geography import place_addresses
from ingestion.generator.identifiers import hex_ids
from ingestion.generator.sampling import probabilities, weighted_choice


def orders_per_person(rng: np.random.Generator, n_orders: int) -> np.ndarray:
    """How many orders each person places: mostly one; REPEAT_PERSON_SHARE of people place several."""
    sizes = np.array(list(cal.REPEAT_ORDER_COUNTS), dtype=np.int64)
    size_p = probabilities(list(cal.REPEAT_ORDER_COUNTS.values()))
    mean_repeat_orders = float((sizes * size_p).sum())
    n_people = round(n_orders / (1 + cal.REPEAT_PERSON_SHARE * (mean_repeat_orders - 1)))
    n_repeat = max(1 if n_orders >= 2 else 0, round(cal.REPEAT_PERSON_SHARE * n_people))
    repeat_counts = rng.choice(sizes, size=n_repeat, p=size_p)
    # Trim the repeaters' orders if they alone would exceed the shop (only in tiny shops).
    while repeat_counts.sum() > n_orders and len(repeat_counts) > 0:
        repeat_counts = repeat_counts[1:] if repeat_counts[0] <= 2 else np.r_[2, repeat_counts[1:]]
    n_single = n_orders - int(repeat_counts.sum())
    counts = np.concatenate([np.ones(n_single, dtype=np.int64), repeat_counts])
    rng.shuffle(counts)
    return counts


def assign_people(rng: np.random.Generator, n_orders: int) -> np.ndarray:
    """The person (0..n_people-1) of each order, orders given in any order."""
    counts = orders_per_person(rng, n_orders)
    person = np.repeat(np.arange(len(counts)), counts)
    rng.shuffle(person)
    return person


def build_customers(
    rng: np.random.Generator, places: pd.DataFrame, person_of_order: np.ndarray
) -> pd.DataFrame:
    """One customer row per order: its own customer_id, the person's id and the person's address."""
    n_people = int(person_of_order.max()) + 1 if len(person_of_order) else 0
    states = weighted_choice(rng, cal.CUSTOMER_STATE_COUNTS, n_people)
    address = place_addresses(rng, places, states, cal.CUSTOMER_PREFIX_MISSING_SHARE)
    unique_ids = hex_ids(rng, n_people)
    return pd.DataFrame(
        {
            "customer_id": hex_ids(rng, len(person_of_order)),
            "customer_unique_id": unique_ids[person_of_order],
            "customer_zip_code_prefix": address["zip_code_prefix"].to_numpy()[person_of_order],
            "customer_city": address["city"].to_numpy()[person_of_order],
            "customer_state": address["state"].to_numpy()[person_of_order],
        }
    )

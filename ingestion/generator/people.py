"""People and customers: a person (customer_unique_id) places one or more orders; every order has its
own customer_id, as in Olist, and all of a person's customer rows share the person's address.

Who places which order is the signal the churn and lifetime-value models learn, so it follows how
people come back (calibration: REPEAT_GAP_*, BAD_EXPERIENCE_*, LOYALTY_*):
- A repeat customer's next order comes a gap after the previous one: a few within the week, most a
  few months later. So the recently active are likelier to order again than the long gone.
- An order delivered late (or never) or reviewed 1-2 stars is rarely followed by another: such an
  order is mostly someone's last (or only) order.
- Each person has a hidden loyalty; the people who order again are the loyal ones, and loyalty also
  brings them back to the web site between orders (visitors.py).
No column of the files states any of this: the models must find it in the history before their date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.geography import place_addresses
from ingestion.generator.identifiers import hex_ids
from ingestion.generator.sampling import probabilities, weighted_choice

DAY = 86_400


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


@dataclass(frozen=True)
class People:
    """The person (0..n-1) of each order, and each person's hidden loyalty (0..1)."""

    person_of_order: np.ndarray
    loyalty: np.ndarray


def _gap_seconds(rng: np.random.Generator) -> int:
    if rng.random() < cal.REPEAT_GAP_QUICK_SHARE:
        return int(rng.uniform(1, cal.REPEAT_GAP_QUICK_DAYS_MAX) * DAY)
    return int(rng.exponential(cal.REPEAT_GAP_DAYS_MEAN) * DAY)


def _next_order(
    rng: np.random.Generator,
    seconds: np.ndarray,
    free: np.ndarray,
    bad: np.ndarray,
    after: int,
    *,
    last: bool,
) -> int:
    """An untaken order a gap after order `after` (the nearest one after the target time). Unless it
    is the person's last order, a bad one is passed over most of the time: a bad order is rarely
    followed by another."""
    target = min(seconds[after] + _gap_seconds(rng), int(seconds[-1]))
    start = max(int(np.searchsorted(seconds, target)), after + 1)
    for row in range(start, len(seconds)):
        if free[row] and (last or not bad[row] or rng.random() < cal.BAD_EXPERIENCE_RETURN_FACTOR):
            return row
    # Nothing fits after the target (the end of the period): the nearest untaken order before it.
    earlier = np.flatnonzero(free[:start])
    return int(earlier[-1]) if len(earlier) else -1


def assign_people(rng: np.random.Generator, purchased: np.ndarray, bad_experience: np.ndarray) -> People:
    """Who places each order (`purchased` sorted), given which orders went badly.

    Repeat customers' chains are built first: a first order (a bad one seldom), then each next order a
    gap later. Every order left over is a one-time customer's.
    """
    n_orders = len(purchased)
    counts = orders_per_person(rng, n_orders)
    seconds = purchased.astype("datetime64[s]").astype(np.int64)
    repeat_counts = np.sort(counts[counts > 1])[::-1]
    free = np.ones(n_orders, dtype=bool)
    # Weighted sampling without replacement (exponential keys): a bad order starts a chain seldom.
    weight = np.where(bad_experience, cal.BAD_EXPERIENCE_RETURN_FACTOR, 1.0)
    firsts = np.argsort(rng.exponential(size=n_orders) / weight, kind="stable")[: len(repeat_counts)]
    free[firsts] = False
    person_of_order = np.full(n_orders, -1, dtype=np.int64)
    person_of_order[firsts] = np.arange(len(repeat_counts))
    for person, (first, count) in enumerate(zip(firsts, repeat_counts, strict=True)):
        previous = int(first)
        for nth in range(1, int(count)):
            row = _next_order(rng, seconds, free, bad_experience, previous, last=nth == count - 1)
            if row < 0:
                break
            free[row] = False
            person_of_order[row] = person
            previous = max(previous, row)
    singles = np.flatnonzero(person_of_order < 0)
    person_of_order[singles] = len(repeat_counts) + rng.permutation(len(singles))
    n_people = int(person_of_order.max()) + 1 if n_orders else 0
    orders_of_person = np.bincount(person_of_order, minlength=n_people)
    loyalty = np.where(
        orders_of_person > 1,
        rng.beta(*cal.LOYALTY_BETA_REPEAT, n_people),
        rng.beta(*cal.LOYALTY_BETA_SINGLE, n_people),
    )
    return People(person_of_order, loyalty)


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

"""Who visits the site and when: session plans for buyers and for visitors who never buy.

A buyer is an Olist person with a web order. Their purchase session sits at the order's purchase time;
many looked around in earlier sessions, and some come back afterwards to follow the order, so buyers
are mostly returning visitors when they buy. Loyal buyers also come back to browse in the weeks after
an order, mostly through the shop's e-mails (RECALL sessions): the loyal are the ones who order again.
Visitors who never buy come once, or come back a few times over the following weeks. All times here
are naive Brazil local time in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.sampling import probabilities
from ingestion.generator.segments import (
    cumsum_within,
    group_of_elements,
    index_within,
    order_by_group_then_time,
)
from ingestion.generator.web_orders import WebOrders

DAY = 86_400
# What a session is for.
VISIT, PRIOR, PURCHASE, POST, RECALL = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class SessionPlan:
    """Sessions (arrays aligned): their user, role, web order (-1 if none) and planned local start.

    A purchase session's planned time is the order's purchase time, which its purchase event keeps.
    """

    user: np.ndarray
    role: np.ndarray
    order: np.ndarray
    planned_local: np.ndarray

    def __len__(self) -> int:
        return len(self.user)

    def take(self, rows: np.ndarray) -> SessionPlan:
        return SessionPlan(self.user[rows], self.role[rows], self.order[rows], self.planned_local[rows])

    @staticmethod
    def concat(plans: list[SessionPlan]) -> SessionPlan:
        return SessionPlan(*(np.concatenate([getattr(p, f) for p in plans]) for f in _FIELDS))

    def shifted_users(self, offset: int) -> SessionPlan:
        return replace(self, user=self.user + offset)


_FIELDS = ("user", "role", "order", "planned_local")


def _time_of_day(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds after local midnight, following the shop's hours of activity."""
    hours = rng.choice(24, size=n, p=probabilities(cal.HOUR_WEIGHTS))
    return hours * 3600 + rng.integers(0, 3600, n)


def _day_of(local: np.ndarray) -> np.ndarray:
    return local // DAY * DAY


def plan_buyer_sessions(
    rng: np.random.Generator, orders: WebOrders, period_end: np.datetime64
) -> tuple[SessionPlan, np.ndarray]:
    """Sessions of the buyers (users 0..persons-1), and the person of each buyer user; the visits
    back after an order stop at `period_end` (local)."""
    persons, user_of_order = np.unique(orders.customer_unique_ids.astype(str), return_inverse=True)
    n = len(orders)
    order_index = np.arange(n)
    purchase = SessionPlan(user_of_order, np.full(n, PURCHASE), order_index, orders.purchased_local)

    n_prior = np.where(
        rng.random(n) < ccal.BUYER_PRIOR_SESSIONS_SHARE,
        rng.geometric(ccal.BUYER_PRIOR_SESSIONS_GEOMETRIC_P, n),
        0,
    )
    prior_order = group_of_elements(n_prior)
    days_back = cumsum_within(
        1 + np.floor(rng.exponential(ccal.BUYER_PRIOR_DAYS_MEAN, len(prior_order))), n_prior
    )
    prior = SessionPlan(
        user_of_order[prior_order],
        np.full(len(prior_order), PRIOR),
        prior_order,
        _day_of(orders.purchased_local[prior_order])
        - days_back.astype(np.int64) * DAY
        + _time_of_day(rng, len(prior_order)),
    )

    post_order = order_index[rng.random(n) < ccal.BUYER_POST_SESSION_SHARE]
    days_after = 1 + np.floor(rng.exponential(ccal.BUYER_POST_DAYS_MEAN, len(post_order))).astype(np.int64)
    post = SessionPlan(
        user_of_order[post_order],
        np.full(len(post_order), POST),
        post_order,
        _day_of(orders.purchased_local[post_order]) + days_after * DAY + _time_of_day(rng, len(post_order)),
    )
    recall = _recall_sessions(rng, orders, user_of_order)
    end = period_end.astype("datetime64[s]").astype(np.int64)
    recall = recall.take(np.flatnonzero(recall.planned_local < end))
    return SessionPlan.concat([purchase, prior, post, recall]), persons


def _recall_sessions(rng: np.random.Generator, orders: WebOrders, user_of_order: np.ndarray) -> SessionPlan:
    """Visits of loyal buyers in the weeks after an order: more, the more loyal the person."""
    n_recall = rng.poisson(ccal.RECALL_SESSIONS_SCALE * orders.loyalty**2)
    recall_order = group_of_elements(n_recall)
    gaps = 1 + np.floor(rng.exponential(ccal.RECALL_DAYS_MEAN, len(recall_order)))
    days_after = cumsum_within(gaps, n_recall)
    return SessionPlan(
        user_of_order[recall_order],
        np.full(len(recall_order), RECALL),
        recall_order,
        _day_of(orders.purchased_local[recall_order])
        + days_after.astype(np.int64) * DAY
        + _time_of_day(rng, len(recall_order)),
    )


def plan_visitor_sessions(
    rng: np.random.Generator, traffic: pd.DataFrame, n_users: int, *, single: bool = False
) -> SessionPlan:
    """Sessions of `n_users` visitors who never buy (users 0..n_users-1), grouped by user in time order.

    A visitor's first day follows the daily traffic; later visits come some days apart and stop at the
    end of the period.
    """
    sessions_per_user = np.where(
        single | (rng.random(n_users) < ccal.SINGLE_SESSION_VISITOR_SHARE),
        1,
        1 + rng.geometric(ccal.EXTRA_SESSIONS_GEOMETRIC_P, n_users),
    )
    first_day = rng.choice(len(traffic), size=n_users, p=traffic["weight"].to_numpy())
    user = group_of_elements(sessions_per_user)
    gaps = 1 + np.floor(rng.exponential(ccal.DAYS_BETWEEN_VISITS_MEAN, len(user))).astype(np.int64)
    gaps[index_within(sessions_per_user) == 0] = 0
    day = first_day[user] + cumsum_within(gaps, sessions_per_user)
    keep = day < len(traffic)
    user, day = user[keep], day[keep]
    day_start = traffic.index.to_numpy().astype("datetime64[s]").astype(np.int64)
    return SessionPlan(
        user,
        np.full(len(user), VISIT),
        np.full(len(user), -1),
        day_start[day] + _time_of_day(rng, len(user)),
    )


def returning_flags(plan: SessionPlan) -> np.ndarray:
    """Whether each session is a returning visit: not the user's first planned session."""
    order = order_by_group_then_time(plan.user, plan.planned_local)
    first = np.ones(len(plan), dtype=bool)
    first[1:] = plan.user[order][1:] != plan.user[order][:-1]
    returning = np.empty(len(plan), dtype=bool)
    returning[order] = ~first
    return returning

"""The sessions of a clickstream, sized to its event budget: buyers' sessions around their web orders,
then visitors who never buy, until the budget is spent exactly.

Each part gets its traits (session_traits), its furthest funnel stage and its shape (funnel); events
are expanded from the combined parts afterwards (event_rows).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.funnel import BOUNCE, SessionShapes, draw_stages, session_shapes
from ingestion.generator.session_traits import (
    SessionTraits,
    UserTraits,
    buyer_traits,
    session_traits,
    visitor_traits,
)
from ingestion.generator.shop import Shop
from ingestion.generator.visitors import (
    PURCHASE,
    SessionPlan,
    plan_buyer_sessions,
    plan_visitor_sessions,
    returning_flags,
)
from ingestion.generator.web_catalog import NO_CATEGORY, WebCatalog
from ingestion.generator.web_orders import WebOrders, pick_web_orders


@dataclass(frozen=True)
class Sessions:
    """Sessions of one kind of user, with users numbered from 0 within the part."""

    plan: SessionPlan
    users: UserTraits
    traits: SessionTraits
    shapes: SessionShapes

    def head(self, n: int) -> Sessions:
        rows = np.arange(n)
        return Sessions(
            self.plan.take(rows),
            self.users,
            SessionTraits(*(getattr(self.traits, f)[:n] for f in SessionTraits.__dataclass_fields__)),
            self.shapes.head(n),
        )


def _session_part(
    rng: np.random.Generator,
    plan: SessionPlan,
    users: UserTraits,
    lines: np.ndarray | None = None,
    *,
    bounce: bool = False,
) -> Sessions:
    """Traits, furthest stage and shape of planned sessions (`bounce`: one-page visits only)."""
    returning = returning_flags(plan)
    traits = session_traits(rng, plan, returning)
    stage = draw_stages(rng, plan.role, returning, users.tech[plan.user], traits.source)
    if bounce:
        stage = np.full(len(plan), BOUNCE, dtype=np.int8)
    lines = np.zeros(len(plan), dtype=np.int64) if lines is None else lines
    return Sessions(plan, users, traits, session_shapes(rng, stage, returning, traits.landing, lines))


def buyer_sessions(
    rng: np.random.Generator,
    shop: Shop,
    catalog: WebCatalog,
    events: int,
    period: tuple[np.datetime64, np.datetime64],
    excluded: Collection[str],
) -> tuple[WebOrders, Sessions, np.ndarray]:
    """Web orders and their buyers' sessions, sized for the target conversion within the budget."""
    wanted = events / (
        ccal.MEAN_EVENTS_PER_BUYER_GROUP
        + (1 / ccal.TARGET_CONVERSION - ccal.MEAN_SESSIONS_PER_BUYER_GROUP)
        * ccal.MEAN_EVENTS_PER_VISITOR_SESSION
    )
    wanted = int(round(wanted))
    while True:
        orders = pick_web_orders(rng, shop, catalog, wanted, period, excluded, ccal.MAX_WEB_ORDER_SHARE)
        plan, persons = plan_buyer_sessions(rng, orders, period[1])
        users = buyer_traits(rng, _first_state_of(plan, orders, len(persons)))
        lines = np.where(plan.role == PURCHASE, orders.lines_per_order[np.maximum(plan.order, 0)], 0)
        part = _session_part(rng, plan, users, lines)
        if part.shapes.events.sum() <= events or len(orders) == 0:
            return orders, part, persons
        wanted = len(orders) // 2  # only for tiny budgets: a buyer's sessions alone exceed them


def _first_state_of(plan: SessionPlan, orders: WebOrders, n_users: int) -> np.ndarray:
    state = np.empty(n_users, dtype=object)
    state[plan.user[::-1]] = orders.states[plan.order[::-1]]  # any of the person's orders: same address
    return state


def visitor_sessions(rng: np.random.Generator, traffic: pd.DataFrame, budget: int) -> list[Sessions]:
    """Sessions of visitors who never buy, exactly `budget` events: whole sessions while they fit, then
    one-page visits for the few events left."""
    parts: list[Sessions] = []
    sessions_per_user = 1 + (1 - ccal.SINGLE_SESSION_VISITOR_SHARE) / ccal.EXTRA_SESSIONS_GEOMETRIC_P
    while budget > 0:
        n_users = math.ceil(budget / (ccal.MEAN_EVENTS_PER_VISITOR_SESSION * sessions_per_user) * 1.1) + 16
        part = _session_part(rng, plan_visitor_sessions(rng, traffic, n_users), visitor_traits(rng, n_users))
        events = np.cumsum(part.shapes.events)
        keep = int(np.searchsorted(events, budget, side="right"))
        parts.append(part.head(keep))
        budget -= int(events[keep - 1]) if keep else 0
        if keep < len(events):
            break  # the next session does not fit: what is left is less than one session
    if budget > 0:
        plan = plan_visitor_sessions(rng, traffic, budget, single=True)
        parts.append(_session_part(rng, plan, visitor_traits(rng, budget), bounce=True))
    return parts


def focus_categories(
    rng: np.random.Generator, plan: SessionPlan, orders: WebOrders, catalog: WebCatalog
) -> np.ndarray:
    """The category a session is about: for a buyer, the category of the order's first product (also
    in the sessions before and after it); for anyone else, one drawn by popularity."""
    focus = rng.choice(len(catalog.category_weights), len(plan), p=catalog.category_weights)
    has_order = plan.order >= 0
    first_line = np.cumsum(orders.lines_per_order) - orders.lines_per_order
    ordered = catalog.product_category[orders.line_product[first_line[plan.order[has_order]]]]
    focus[has_order] = np.where(ordered == NO_CATEGORY, focus[has_order], ordered)
    return focus


def combine(parts: list[Sessions]) -> tuple[SessionPlan, UserTraits, SessionTraits, SessionShapes]:
    """All parts as one set of sessions, users numbered one part after the other."""
    offsets = np.cumsum([0] + [len(p.users.tech) for p in parts])
    plan = SessionPlan.concat([p.plan.shifted_users(int(o)) for p, o in zip(parts, offsets, strict=False)])
    users = UserTraits(*(np.concatenate([getattr(p.users, f) for p in parts]) for f in ("tech", "region")))
    traits = SessionTraits(
        *(np.concatenate([getattr(p.traits, f) for p in parts]) for f in SessionTraits.__dataclass_fields__)
    )
    return plan, users, traits, SessionShapes.concat([p.shapes for p in parts])

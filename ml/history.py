"""What the models read from the marts: the history before T, and nothing after it.

Orders come with their delivery and review facts only where those had happened before T; sessions
only when they were over before T (ml.asof). Every query takes T as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import psycopg

from ml.asof import AsOf
from ml.frames import read_frame

ORDERS = """
select
    order_id,
    customer_unique_id,
    purchased_at,
    -- a delivery after T had not happened yet at T
    case when delivered_at < %(before)s then delivered_at end as delivered_at,
    estimated_delivery_at,
    revenue,
    payment_type,
    payment_installments,
    item_count
from marts.fct_orders
where purchased_at < %(before)s
order by order_id
"""

REVIEWS = """
select order_id, customer_unique_id, review_score, review_answered_at
from marts.fct_order_reviews
where review_answered_at < %(before)s and purchased_at < %(before)s
order by order_id, review_answered_at, review_score
"""

# Web sessions over before T, of visitors known to be a person: a session of theirs named the person
# (fct_sessions.customer_id, e.g. on its purchase); other visitors' sessions stay anonymous.
SESSIONS = """
with sessions as (
    select session_id, user_id, customer_id, started_at, ended_at, traffic_source
    from marts.fct_sessions
    where source = 'events' and ended_at < %(over_before)s
),
links as (
    select user_id, customer_id as customer_unique_id, min(ended_at) as linked_at
    from sessions
    where customer_id is not null
    group by user_id, customer_id
)
select links.customer_unique_id, links.linked_at, sessions.session_id, sessions.started_at,
    sessions.ended_at, sessions.traffic_source
from sessions
inner join links on sessions.user_id = links.user_id
order by links.customer_unique_id, sessions.session_id
"""


@dataclass(frozen=True)
class History:
    """Everything from before T that the customer models use."""

    as_of: AsOf
    orders: pd.DataFrame
    reviews: pd.DataFrame
    sessions: pd.DataFrame  # one row per (person, session) of a visitor linked to the person

    @property
    def date_range(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        if self.orders.empty:
            return None, None
        return self.orders["purchased_at"].min(), self.orders["purchased_at"].max()


def read_history(conn: psycopg.Connection, as_of: AsOf) -> History:
    before = as_of.local_midnight.to_pydatetime()
    orders = read_frame(conn, ORDERS, {"before": before})
    reviews = read_frame(conn, REVIEWS, {"before": before})
    sessions = read_frame(conn, SESSIONS, {"over_before": as_of.sessions_over_before.to_pydatetime()})
    for column in ("started_at", "ended_at", "linked_at"):
        sessions[column] = pd.to_datetime(sessions[column], utc=True)
    for column in ("purchased_at", "delivered_at", "estimated_delivery_at"):
        orders[column] = pd.to_datetime(orders[column])
    reviews["review_answered_at"] = pd.to_datetime(reviews["review_answered_at"])
    return History(as_of, orders, reviews, sessions)

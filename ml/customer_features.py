"""One row per person as of a cutoff date: RFM, order history, delivery experience, reviews, payments
and web visits, from the history before that date only; and the churn label of the H days after it.

A cutoff earlier than the history's T (training and evaluation snapshots) sees only what was known
then: deliveries and reviews before the cutoff, sessions over before it (ml.asof).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ml.asof import AsOf
from ml.history import History

WEB_WINDOW_DAYS = 90

# Feature -> what it says, for people: the reasons of a churn score are written with these.
FEATURES: dict[str, str] = {
    "recency_days": "days since the last order",
    "tenure_days": "days since the first order",
    "orders": "orders placed",
    "orders_last_365_days": "orders in the last 365 days",
    "revenue": "revenue of all orders (R$)",
    "average_order_value": "average revenue per order (R$)",
    "late_deliveries": "orders delivered late or not at all by their estimated date",
    "last_order_late": "the last order arrived late or not at all (1 = yes)",
    "reviews": "reviews written",
    "lowest_review_score": "lowest review score (1-5)",
    "last_review_score": "score of the latest review (1-5)",
    "bad_reviews": "reviews of 1 or 2 stars",
    "boleto_share": "share of orders paid by boleto",
    "average_installments": "average payment installments",
    "web_sessions_90_days": f"web sessions in the last {WEB_WINDOW_DAYS} days",
    "email_sessions_90_days": f"web sessions from e-mail in the last {WEB_WINDOW_DAYS} days",
    "days_since_last_session": "days since the last web session",
}


def _days(delta: pd.Series) -> pd.Series:
    return delta.dt.total_seconds() / 86_400


def customer_features(history: History, cutoff: AsOf) -> pd.DataFrame:
    """Features of everyone with an order before `cutoff`, indexed by customer_unique_id."""
    at = cutoff.local_midnight
    orders = history.orders[history.orders["purchased_at"] < at].copy()
    if orders.empty:
        return pd.DataFrame(columns=list(FEATURES), dtype=float)
    delivered = orders["delivered_at"].where(orders["delivered_at"] < at)
    due = orders["estimated_delivery_at"] < at
    # Late as known at the cutoff: its estimated day has passed, and it came after that day or not yet.
    orders["late"] = due & (delivered.isna() | (delivered.dt.normalize() > orders["estimated_delivery_at"]))
    orders["last_365_days"] = orders["purchased_at"] >= at - pd.Timedelta(days=365)
    orders["boleto"] = orders["payment_type"] == "boleto"
    orders = orders.sort_values(["customer_unique_id", "purchased_at", "order_id"])
    people = orders.groupby("customer_unique_id", sort=True)
    last = people.tail(1).set_index("customer_unique_id")
    frame = pd.DataFrame(
        {
            "recency_days": _days(at - people["purchased_at"].max()),
            "tenure_days": _days(at - people["purchased_at"].min()),
            "orders": people.size().astype(float),
            "orders_last_365_days": people["last_365_days"].sum().astype(float),
            "revenue": people["revenue"].sum(),
            "late_deliveries": people["late"].sum().astype(float),
            "last_order_late": last["late"].astype(float),
            "boleto_share": people["boleto"].mean(),
            "average_installments": people["payment_installments"].mean(),
        }
    )
    frame["average_order_value"] = frame["revenue"] / frame["orders"]
    frame = frame.join(_review_features(history.reviews, at)).join(_web_features(history.sessions, cutoff))
    frame["reviews"] = frame["reviews"].fillna(0.0)
    frame["bad_reviews"] = frame["bad_reviews"].fillna(0.0)
    for column in ("web_sessions_90_days", "email_sessions_90_days"):
        frame[column] = frame[column].fillna(0.0)
    return frame.loc[:, list(FEATURES)].astype(float)


def _review_features(reviews: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    known = reviews[reviews["review_answered_at"] < at].sort_values(
        ["customer_unique_id", "review_answered_at"]
    )
    known = known.assign(bad=known["review_score"] <= 2)
    people = known.groupby("customer_unique_id")
    return pd.DataFrame(
        {
            "reviews": people.size().astype(float),
            "lowest_review_score": people["review_score"].min().astype(float),
            "last_review_score": people["review_score"].last().astype(float),
            "bad_reviews": people["bad"].sum().astype(float),
        }
    )


def _web_features(sessions: pd.DataFrame, cutoff: AsOf) -> pd.DataFrame:
    over_before = cutoff.sessions_over_before
    known = sessions[(sessions["ended_at"] < over_before) & (sessions["linked_at"] < over_before)]
    recent = known[known["started_at"] >= cutoff.instant - pd.Timedelta(days=WEB_WINDOW_DAYS)]
    people = recent.groupby("customer_unique_id")
    last_session = known.groupby("customer_unique_id")["started_at"].max()
    return pd.DataFrame(
        {
            "web_sessions_90_days": people["session_id"].nunique().astype(float),
            "email_sessions_90_days": recent[recent["traffic_source"] == "email"]
            .groupby("customer_unique_id")["session_id"]
            .nunique()
            .astype(float),
            "days_since_last_session": _days(cutoff.instant - last_session),
        }
    )


def churn_labels(history: History, cutoff: AsOf, people: pd.Index) -> pd.Series:
    """1 for each person with no order in the H days from the cutoff on (T <= purchase < T + H)."""
    orders = history.orders
    window = orders[
        (orders["purchased_at"] >= cutoff.local_midnight) & (orders["purchased_at"] < cutoff.horizon_end)
    ]
    came_back = people.isin(window["customer_unique_id"].unique())
    return pd.Series(np.where(came_back, 0, 1), index=people, name="churned")

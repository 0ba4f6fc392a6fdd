"""The shared "as of T" logic: which date a model stands on, and what it may see from there.

T is a calendar day in the shop's time zone (the Olist order times are that local time). Standing on
T a model sees:
- orders placed before T (midnight starting T), and of those only the deliveries and reviews that had
  happened before T;
- web sessions that were over before T: the last event more than the session gap (the dbt var
  session_inactivity_minutes) before T, so no later event could still extend them.
Labels look forward: "an order in the H days from T on" means T <= purchase < T + H.

Churn trains at T - 2H (labels up to T - H), is evaluated at T - H (labels up to T) and scores at T:
with the default T (the day after the last order) nothing after T exists, so this is the latest
honest split, and every row a model reads is from before T.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import psycopg

from ml.errors import ModelInputError
from ml.project_vars import project_vars

DEFAULT_HORIZON_DAYS = 180


@dataclass(frozen=True)
class AsOf:
    """A model's date T and its prediction horizon H (days)."""

    date: dt.date
    horizon_days: int = DEFAULT_HORIZON_DAYS

    def __post_init__(self) -> None:
        if self.horizon_days < 1:
            raise ModelInputError(f"the horizon must be at least 1 day, got {self.horizon_days}")

    @property
    def local_midnight(self) -> pd.Timestamp:
        """T as a naive shop-local timestamp, to compare with order times."""
        return pd.Timestamp(self.date)

    @property
    def instant(self) -> pd.Timestamp:
        """T as a UTC instant, to compare with event times."""
        return self.local_midnight.tz_localize(project_vars().shop_time_zone).tz_convert("UTC")

    @property
    def sessions_over_before(self) -> pd.Timestamp:
        """A session is known in full at T when its last event is before this instant."""
        return self.instant - pd.Timedelta(minutes=project_vars().session_inactivity_minutes)

    def days_before(self, days: int) -> AsOf:
        return AsOf(self.date - dt.timedelta(days=days), self.horizon_days)

    @property
    def horizon_end(self) -> pd.Timestamp:
        return self.local_midnight + pd.Timedelta(days=self.horizon_days)


def default_as_of_date(conn: psycopg.Connection) -> dt.date:
    """The day after the last order: the first day about which the data says nothing yet."""
    row = conn.execute("select max(purchased_at) from marts.fct_orders").fetchone()
    if row is None or row[0] is None:
        raise ModelInputError("marts.fct_orders holds no orders: load and build the warehouse first")
    return row[0].date() + dt.timedelta(days=1)


def resolve_as_of(conn: psycopg.Connection, date: dt.date | None, horizon_days: int) -> AsOf:
    """The as-of date asked for, or the default; refused when it is before the first order."""
    first = conn.execute("select min(purchased_at) from marts.fct_orders").fetchone()
    if first is None or first[0] is None:
        raise ModelInputError("marts.fct_orders holds no orders: load and build the warehouse first")
    date = date or default_as_of_date(conn)
    if date <= first[0].date():
        raise ModelInputError(
            f"the as-of date {date} is not after the first order ({first[0].date()}): nothing to learn from"
        )
    return AsOf(date, horizon_days)

"""How each session mart takes the sidebar's session filters: its columns, its date grain, its scope.

One `Relation` per mart the visitors pages read. The same object builds the `where` clause of its
queries (`where`) and the `FilterScope` the page shows under the chart (`scope`), so what a chart
says it filters and what its query filters cannot drift apart.

UCI gives codes where event files give names (browser 2, region 1, traffic type 3); those values
read 'UCI 2' everywhere (charts, tables and filter choices), so a code is never mistaken for, or
summed with, a name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import streamlit as st
from psycopg import sql

from dashboard.filters import SESSION_DIMENSIONS, Filter, FilterScope, SessionFilters, period_span
from dashboard.queries.connection import CACHE_TTL_SECONDS

UCI_PREFIX = "UCI "
T = TypeVar("T")


def uci_labelled(column: str) -> sql.Composable:
    """The column's value, as 'UCI <code>' on UCI rows and 'unknown' where events give none."""
    return sql.SQL(
        "case when source = 'uci' then {prefix} || {col} else coalesce({col}, 'unknown') end"
    ).format(prefix=sql.Literal(UCI_PREFIX), col=sql.Identifier(column))


def known(column: str) -> sql.Composable:
    """The column's value, 'unknown' where the events give none (event-only marts)."""
    return sql.SQL("coalesce({}, 'unknown')").format(sql.Identifier(column))


# The source filter's values: the event file kind (events, rees46, journey), or 'uci'.
SOURCE_OF_SESSION = sql.Identifier("source")
EVENT_SOURCE = sql.Identifier("source")


@dataclass(frozen=True)
class Relation:
    """One mart as the session filters see it: its date column and grain, and a value per dimension."""

    date: str | None
    grain: str  # 'day', 'week' or 'month': the date column holds the first day of such a period
    columns: dict[Filter, sql.Composable] = field(default_factory=dict)
    reason: str = ""  # why the filters it lacks cannot apply, shown under its charts
    # A value every selection of that filter keeps (orders without a web session, in every source).
    always: dict[Filter, str] = field(default_factory=dict)

    @property
    def applies(self) -> frozenset[Filter]:
        dated = {Filter.SESSION_DATE} if self.date else set()
        return frozenset({*self.columns, *dated})

    def scope(self, reason: str | None = None) -> FilterScope:
        grain = self.grain if self.grain in ("week", "month") else None
        return FilterScope(self.applies, self.reason if reason is None else reason, date_grain=grain)

    def where(self, filters: SessionFilters) -> tuple[sql.Composable, dict[str, Any]]:
        """The conditions for `filters` (joined with `and`; `true` when nothing narrows) and their params.

        A narrowed date range takes every period of the grain it touches; rows without a date (UCI)
        are then left out. Not narrowed, there is no date condition, so undated rows stay in.
        """
        conditions: list[sql.Composable] = []
        params: dict[str, Any] = {}
        if self.date and filters.narrows_dates:
            conditions.append(
                sql.SQL("{col} >= %(date_from)s and {col} <= %(date_to)s").format(
                    col=sql.Identifier(self.date)
                )
            )
            # Whole periods: a period-start column (session_month) or a day column read by periods.
            params["date_from"], params["date_to"] = period_span(filters.start, filters.end, self.grain)
        for which, expression in self.columns.items():
            values = filters.values(which)
            if values:
                name = f"values_{which.name.lower()}"
                params[name] = list(values)
                if which in self.always:
                    params[name].append(self.always[which])
                conditions.append(sql.SQL("{} = any({}::text[])").format(expression, sql.Placeholder(name)))
        if not conditions:
            return sql.SQL("true"), params
        return sql.SQL(" and ").join(conditions), params

    def keyed(self, filters: SessionFilters) -> SessionFilters:
        """`filters` without what this mart cannot apply: the cache key of its queries, so changing a
        filter its charts do not take (they say so) answers them from the cache."""
        return filters.without(set(filters.set_filters()) - self.applies)


def cached_query(relation: Relation) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """`st.cache_data` for a query of `relation` that takes the session filters first, keyed on the
    filters the relation applies (Relation.keyed): a rerun runs only the queries a change concerns."""

    def decorate(query: Callable[..., T]) -> Callable[..., T]:
        cached = st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)(query)

        @functools.wraps(query)
        def run(filters: SessionFilters, *args: Any, **kwargs: Any) -> T:
            return cached(relation.keyed(filters), *args, **kwargs)

        return run

    return decorate


WEEKPART = sql.SQL("case when is_weekend then 'Weekend' else 'Weekday' end")


def _dimensions(label: object, plain: object = known) -> dict[Filter, sql.Composable]:
    """Every session dimension of SESSION_DIMENSIONS but page type (a page-group mart's own column):
    `label` spells the columns where UCI gives codes, `plain` the others."""
    columns = {
        Filter.DEVICE: "device_type",
        Filter.TRAFFIC_SOURCE: "traffic_source",
        Filter.BROWSER: "browser",
        Filter.OS: "os",
        Filter.REGION: "region",
        Filter.VISITOR_TYPE: "visitor_type",
    }
    coded = {Filter.TRAFFIC_SOURCE, Filter.BROWSER, Filter.OS, Filter.REGION}
    named = {which: (label if which in coded else plain)(column) for which, column in columns.items()}
    return {Filter.SESSION_SOURCE: SOURCE_OF_SESSION, Filter.WEEKPART: WEEKPART, **named}


# The cubes name every missing value 'unknown' already (dbt), so their columns are read as they are
# and the planner's statistics apply: it guesses a coalesce(...) at 0.5% of the rows, and sorted the
# 90k mobile rows of the drop-off cube instead of hashing them (94 ms, not 64). The conversion cube
# has UCI rows, whose codes read 'UCI 2'; the session fact and marts have NULLs, read 'unknown'.
_EVERY_DIMENSION = _dimensions(uci_labelled, sql.Identifier)
_EVENT_DIMENSIONS = _dimensions(known)
_NAMED_EVENT_DIMENSIONS = _dimensions(sql.Identifier, sql.Identifier)
assert set(_EVERY_DIMENSION) | {Filter.PAGE_TYPE} == set(SESSION_DIMENSIONS), "a dimension has no column"

CUBE = Relation("session_month", "month", _EVERY_DIMENSION)
# The funnel and carts pages read whole months: their session counts come from the monthly cubes
# (mart_funnel_cube, mart_funnel_dropoff_cube), and the users funnel and the pager beside them read
# the same months from the session marts, so their counts add up to the cubes'.
FUNNEL_CUBE = Relation("session_month", "month", _NAMED_EVENT_DIMENSIONS)
FUNNEL = Relation("session_date", "month", _EVENT_DIMENSIONS)
PAGE_GROUPS = Relation(
    "session_week",
    "week",
    {Filter.SESSION_SOURCE: SOURCE_OF_SESSION, Filter.PAGE_TYPE: sql.Identifier("page_group")},
    "the page-group mart keeps only week, source and page group.",
)
WEEKDAY_TRAFFIC = Relation(
    "session_week",
    "week",
    {Filter.SESSION_SOURCE: SOURCE_OF_SESSION, Filter.TRAFFIC_SOURCE: uci_labelled("traffic_source")},
    "the weekday x traffic mart keeps only week, source and traffic source.",
)
HOUR_WEEKDAY = Relation(
    "session_week",
    "week",
    {Filter.SESSION_SOURCE: EVENT_SOURCE},
    "the hour x weekday mart keeps only week and source.",
)
DAILY = Relation(
    "session_date", "day", {Filter.SESSION_SOURCE: EVENT_SOURCE}, "the daily trend keeps only day and source."
)
MONTHLY = Relation(
    "session_month",
    "month",
    {Filter.SESSION_SOURCE: SOURCE_OF_SESSION},
    "the monthly trend keeps only month and source.",
)
CATALOG = Relation(
    None,
    "day",
    {Filter.SESSION_SOURCE: EVENT_SOURCE},
    "product and category figures are totals over all dates, per source.",
)
ATTRIBUTION = Relation(
    "order_month",
    "month",
    {
        Filter.SESSION_SOURCE: SOURCE_OF_SESSION,
        Filter.DEVICE: sql.Identifier("device_type"),
        Filter.TRAFFIC_SOURCE: sql.Identifier("traffic_source"),
    },
    "attributed orders keep only order month, source, traffic source and device.",
    always={Filter.SESSION_SOURCE: "no web session"},
)

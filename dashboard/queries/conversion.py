"""Queries of the conversion page and of the session filters: the conversion cube, engagement, page groups.

Every breakdown of the page comes from ONE grouping-sets query on `marts.mart_conversion_cube`, so
any filter costs one small scan and the breakdowns always agree with each other and with the total;
only weekday x traffic source needs its own mart (the cube keeps weekend or not, not the weekday).
Rates are ratios of summed counts (the cube's own definition: re-aggregate counts, never rates).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard import formatting as fmt
from dashboard import metrics
from dashboard.filters import SESSION_DIMENSIONS, Filter, SessionFilters
from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS
from dashboard.queries.session_scope import (
    CUBE,
    PAGE_GROUPS,
    SOURCE_OF_SESSION,
    WEEKDAY_TRAFFIC,
    cached_query,
    uci_labelled,
)

# The cube's columns as the breakdowns group them (UCI codes labelled, see session_scope).
_COLUMNS: dict[str, sql.Composable] = {
    "session_source": SOURCE_OF_SESSION,
    "is_weekend": sql.Identifier("is_weekend"),
    "month_of_year": sql.Identifier("month_of_year"),
    "session_month": sql.Identifier("session_month"),
    "browser": uci_labelled("browser"),
    "os": uci_labelled("os"),
    "device_type": sql.Identifier("device_type"),
    "region": uci_labelled("region"),
    "traffic_source": uci_labelled("traffic_source"),
    "visitor_type": sql.Identifier("visitor_type"),
    "special_day_closeness": sql.Identifier("special_day_closeness"),
}

# Each breakdown of the page and the columns it groups by.
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "total": (),
    "source": ("session_source",),
    "weekend": ("is_weekend",),
    "month": ("month_of_year",),
    "browser": ("browser",),
    "os": ("os",),
    "device": ("device_type",),
    "region": ("region",),
    "traffic_source": ("traffic_source",),
    "visitor_type": ("visitor_type",),
    "special_day": ("special_day_closeness",),
    "browser_os": ("browser", "os"),
    # Dated sessions by calendar month; UCI sessions (no year) by month of year only.
    "visitors_monthly": ("session_month", "month_of_year", "visitor_type"),
}


# Three groupings of the cube that together hold every breakdown's columns, each a few hundred rows:
# every breakdown is then a sum over its grouping's rows, and UCI's codes are labelled on those rows.
# One grouping set per breakdown (13) meant 13 hash tables over every cube row of the selection, with
# the labels computed per row: 0.7 s for the 270k rows of 10M events.
_GROUPINGS: tuple[tuple[str, ...], ...] = (
    (
        "session_source",
        "session_month",
        "month_of_year",
        "visitor_type",
        "is_weekend",
        "special_day_closeness",
    ),
    ("session_source", "browser", "os", "device_type"),
    ("session_source", "region", "traffic_source"),
)
_MEASURES = ["sessions", "converted_sessions", "bounces", "revenue", "duration_seconds", "page_views"]
# The cube column behind each breakdown column, and its type (a breakdown leaves the others NULL).
_CUBE_COLUMN = {name: "source" if name == "session_source" else name for name in _COLUMNS}
_TYPES = {
    "is_weekend": "boolean",
    "month_of_year": "integer",
    "session_month": "date",
    "special_day_closeness": "numeric",
}


def _sums(columns: list[str]) -> sql.Composable:
    """`sum(c) as c` for each column: the cube's additive counts and amounts, summed over its rows."""
    return sql.SQL(", ").join(
        sql.SQL("sum({column}) as {column}").format(column=sql.Identifier(column)) for column in columns
    )


def _grouping_id(grouping: tuple[str, ...]) -> int:
    """PostgreSQL's grouping(...) over every cube column: a bit set (leftmost = highest) per column NOT
    in the grouping."""
    names = list(_COLUMNS)
    return sum(1 << (len(names) - 1 - i) for i, name in enumerate(names) if name not in grouping)


def _grouping_of(columns: tuple[str, ...]) -> tuple[str, ...]:
    """The first grouping that holds all of a breakdown's columns."""
    found = [grouping for grouping in _GROUPINGS if set(columns) <= set(grouping)]
    if not found:
        raise ValueError(f"no grouping holds the breakdown columns {columns}")
    return found[0]


def _breakdown_select(name: str, columns: tuple[str, ...]) -> sql.Composable:
    """One breakdown's rows: its grouping's rows summed by its (labelled) columns."""
    selected = sql.SQL(", ").join(
        sql.SQL("{} as {}").format(
            _COLUMNS[column] if column in columns else sql.SQL(f"null::{_TYPES.get(column, 'text')}"),
            sql.Identifier(column),
        )
        for column in _COLUMNS
    )
    group_by = (
        sql.SQL(" group by {}").format(sql.SQL(", ").join(_COLUMNS[c] for c in columns))
        if columns
        else sql.SQL("")
    )
    return sql.SQL(
        "select {name} as breakdown, {selected}, {sums} from grouped where grouping_id = {id}{group_by}"
    ).format(
        name=sql.Literal(name),
        selected=selected,
        sums=_sums(_MEASURES),
        id=sql.Literal(_grouping_id(_grouping_of(columns))),
        group_by=group_by,
    )


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def session_filter_options() -> pd.DataFrame:
    """(dimension, source, value, sessions): the values each session filter offers per source, most
    sessions first.

    `dimension` is the SessionFilters field the value belongs to (sources, devices, ...). Values are
    spelled as every session query spells them (session_scope: 'unknown', 'UCI 2'). Per source, since
    the sidebar shows one source at a time: an events reader never sees UCI's codes.
    """
    # One small aggregate of the cube per dimension it holds; page types are the page-group mart's.
    per_dimension = sql.SQL(
        "select {field} as dimension, {source} as source, {value} as value, sum(sessions) as sessions"
        " from marts.mart_conversion_cube group by 2, 3"
    )
    parts = [
        per_dimension.format(
            field=sql.Literal(SESSION_DIMENSIONS[which]),
            source=CUBE.columns[Filter.SESSION_SOURCE],
            value=value,
        )
        for which, value in CUBE.columns.items()
    ]
    parts.append(
        sql.SQL(
            "select {field} as dimension, {source} as source, {value} as value, sum(sessions) as sessions"
            " from marts.mart_conversion_by_page_type group by 2, 3"
        ).format(
            field=sql.Literal(SESSION_DIMENSIONS[Filter.PAGE_TYPE]),
            source=PAGE_GROUPS.columns[Filter.SESSION_SOURCE],
            value=PAGE_GROUPS.columns[Filter.PAGE_TYPE],
        )
    )
    query = sql.SQL(
        "select * from ({}) as options where sessions > 0 order by dimension, source, sessions desc, value"
    ).format(sql.SQL(" union all ").join(parts))
    return connection.read(query)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def session_date_bounds() -> pd.DataFrame:
    """One row: the first and last day a session started on (NULL, NULL when only UCI sessions exist)."""
    return connection.read(
        sql.SQL(
            "select min(session_date) as first_date, max(session_date) as last_date"
            " from marts.mart_sessions_daily"
        )
    )


@cached_query(CUBE)
def conversion_breakdowns(filters: SessionFilters) -> dict[str, pd.DataFrame]:
    """Every breakdown of the conversion page, by name (see BREAKDOWNS), from one query on the cube.

    Each frame has the breakdown's columns, a readable `label` (and `label_2` for two-way ones) and
    sessions, converted_sessions, conversion_rate, bounces, bounce_rate, revenue, duration_seconds,
    page_views. An empty selection gives empty frames.
    """
    where, params = CUBE.where(filters)
    cube_columns = sql.SQL(", ").join(sql.Identifier(_CUBE_COLUMN[name]) for name in _COLUMNS)
    sets = sql.SQL(", ").join(
        sql.SQL("({})").format(sql.SQL(", ").join(sql.Identifier(_CUBE_COLUMN[name]) for name in grouping))
        for grouping in _GROUPINGS
    )
    query = sql.SQL(
        """
        with grouped as (
            select grouping({cube_columns}) as grouping_id, {cube_columns}, {sums}
            from marts.mart_conversion_cube
            where {where}
            group by grouping sets ({sets})
        )

        {breakdowns}
        """
    ).format(
        cube_columns=cube_columns,
        sums=_sums(_MEASURES),
        where=where,
        sets=sets,
        breakdowns=sql.SQL("\nunion all\n").join(
            _breakdown_select(name, columns) for name, columns in BREAKDOWNS.items()
        ),
    )
    frame = metrics.with_ratios(connection.read(query, params), "mart_conversion_cube")
    frame = frame[frame["sessions"].fillna(0) > 0] if not frame.empty else frame
    return {name: _labelled(name, frame[frame["breakdown"] == name]) for name in BREAKDOWNS}


def _labelled(name: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of one breakdown with its own columns, readable labels and a stable order."""
    measures = [
        "sessions",
        "converted_sessions",
        "conversion_rate",
        "bounces",
        "bounce_rate",
        "revenue",
        "duration_seconds",
        "avg_duration_seconds",
        "page_views",
    ]
    columns = list(BREAKDOWNS[name])
    rows = rows.loc[:, [*columns, *measures]].reset_index(drop=True)
    if rows.empty:
        return rows.assign(label=pd.Series(dtype=str))
    labeller = _LABELS.get(name)
    rows = labeller(rows) if labeller else rows.assign(label=rows[columns[0]] if columns else "all sessions")
    order = _ORDERS.get(name, ["sessions"])
    ascending = [column != "sessions" for column in order]
    return rows.sort_values([*order, "label"], ascending=[*ascending, True], na_position="last").reset_index(
        drop=True
    )


def _monthly_label(rows: pd.DataFrame) -> pd.DataFrame:
    months = [
        f"{month:%Y-%m}" if pd.notna(month) else f"{fmt.month_name(n)} (UCI)"
        for month, n in zip(rows["session_month"], rows["month_of_year"], strict=True)
    ]
    return rows.assign(label=months, label_2=rows["visitor_type"])


_LABELS = {
    "weekend": lambda rows: rows.assign(label=rows["is_weekend"].map({True: "Weekend", False: "Weekday"})),
    "month": lambda rows: rows.assign(label=rows["month_of_year"].map(fmt.month_name)),
    "special_day": lambda rows: rows.assign(
        label=rows["special_day_closeness"].map(lambda v: f"{float(v):.1f}")
    ),
    "browser_os": lambda rows: rows.assign(label=rows["browser"], label_2=rows["os"]),
    "visitors_monthly": _monthly_label,
}
# Calendar breakdowns in calendar order; the others by sessions, largest first.
_ORDERS = {
    "weekend": ["is_weekend"],
    "month": ["month_of_year"],
    "special_day": ["special_day_closeness"],
    "visitors_monthly": ["session_month", "month_of_year", "visitor_type"],
}


@cached_query(WEEKDAY_TRAFFIC)
def weekday_traffic_conversion(filters: SessionFilters) -> pd.DataFrame:
    """Sessions and conversions (with rate) by weekday (`label`, Monday first) and traffic source
    (`label_2`). UCI sessions have no weekday: their rows read 'Mon–Fri (UCI)' or 'Sat–Sun (UCI)'."""
    where, params = WEEKDAY_TRAFFIC.where(filters)
    query = sql.SQL(
        """
        with scoped as (
            select day_of_week, is_weekend, {traffic} as traffic_source, sessions, converted_sessions, revenue
            from marts.mart_conversion_weekday_traffic
            where {where}
        )

        select
            day_of_week,
            is_weekend,
            traffic_source,
            sum(sessions) as sessions,
            sum(converted_sessions) as converted_sessions,
            sum(revenue) as revenue
        from scoped
        group by day_of_week, is_weekend, traffic_source
        having sum(sessions) > 0
        order by day_of_week nulls last, is_weekend, sessions desc, traffic_source
        """
    ).format(traffic=uci_labelled("traffic_source"), where=where)
    frame = metrics.with_ratios(connection.read(query, params), "mart_conversion_weekday_traffic")
    return frame.assign(
        label=[_weekday_label(row) for row in frame.itertuples()], label_2=frame["traffic_source"]
    )


def _weekday_label(row: Any) -> str:
    if pd.notna(row.day_of_week):
        return fmt.weekday_name(row.day_of_week)
    return "Sat–Sun (UCI)" if row.is_weekend else "Mon–Fri (UCI)"


# The cube's engagement bands (dbt macro engagement_bands), per measure in order, with their labels.
ENGAGEMENT_BANDS: dict[str, dict[str, str]] = {
    "duration": {
        "duration_under_1m_sessions": "< 1 min",
        "duration_1_to_3m_sessions": "1–3 min",
        "duration_3_to_10m_sessions": "3–10 min",
        "duration_10_to_30m_sessions": "10–30 min",
        "duration_30m_plus_sessions": "30+ min",
    },
    "page_views": {
        "page_views_0_to_1_sessions": "0–1",
        "page_views_2_to_3_sessions": "2–3",
        "page_views_4_to_7_sessions": "4–7",
        "page_views_8_to_15_sessions": "8–15",
        "page_views_16_plus_sessions": "16+",
    },
    "product_time": {
        "product_time_none_sessions": "none",
        "product_time_under_1m_sessions": "< 1 min",
        "product_time_1_to_5m_sessions": "1–5 min",
        "product_time_5_to_15m_sessions": "5–15 min",
        "product_time_15m_plus_sessions": "15+ min",
    },
}


@cached_query(CUBE)
def engagement_by_outcome(filters: SessionFilters) -> pd.DataFrame:
    """Per outcome (converted or not) and engagement measure, the sessions in each band of the measure
    and their share of the outcome's sessions; plus each outcome's bounces and bounce rate.

    Sums over `marts.mart_conversion_cube`, whose grain holds the outcome: the bands are additive
    counts, so any filter's distribution is a sum of rows. Columns: outcome, measure, band,
    band_sessions, sessions (the outcome's) and session_share (band_sessions / sessions)."""
    where, params = CUBE.where(filters)
    columns = ["sessions", "bounces", *(column for bands in ENGAGEMENT_BANDS.values() for column in bands)]
    query = sql.SQL(
        """
        select converted, {sums}
        from marts.mart_conversion_cube
        where {where}
        group by converted
        order by converted desc
        """
    ).format(sums=_sums(columns), where=where)
    # Bounce rate as the cube defines it: bounces / sessions.
    wide = metrics.with_ratios(connection.read(query, params), "mart_conversion_cube")
    bands = pd.DataFrame(
        list(_band_rows(wide)), columns=["outcome", "measure", "band", "band_sessions", "sessions"]
    )
    # A band's share of its outcome's sessions (engagement_bands: each measure's bands add up to them).
    shares = [
        metrics.with_share(group, "session_share", "band_sessions")
        for _, group in bands.groupby(["outcome", "measure"], sort=False)
    ]
    bounces = pd.DataFrame(
        {
            "outcome": _outcomes(wide),
            "measure": "bounce_rate",
            "band": "bounced",
            "band_sessions": wide["bounces"],
            "sessions": wide["sessions"],
            "session_share": wide["bounce_rate"],
        }
    )
    return pd.concat([*shares, bounces], ignore_index=True) if shares else pd.DataFrame()


def _outcomes(wide: pd.DataFrame) -> list[str]:
    return ["Converted" if converted else "Not converted" for converted in wide["converted"]]


def _band_rows(wide: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """One row per outcome, measure and band of the per-outcome sums."""
    for outcome, row in zip(_outcomes(wide), wide.itertuples(), strict=True):
        for measure, bands in ENGAGEMENT_BANDS.items():
            for column, band in bands.items():
                yield {
                    "outcome": outcome,
                    "measure": measure,
                    "band": band,
                    "band_sessions": int(getattr(row, column)),
                    "sessions": int(row.sessions),
                }


@cached_query(PAGE_GROUPS)
def page_group_conversion(filters: SessionFilters) -> pd.DataFrame:
    """Per UCI page group (administrative, informational, product related): the sessions that visited
    such pages, how many of them converted, and their pages and seconds, converted vs not."""
    where, params = PAGE_GROUPS.where(filters)
    query = sql.SQL(
        """
        select
            page_group,
            sum(sessions) as sessions,
            sum(visiting_sessions) as visiting_sessions,
            sum(converted_visiting_sessions) as converted_visiting_sessions,
            sum(pages) as pages,
            sum(duration_seconds) as duration_seconds
        from marts.mart_conversion_by_page_type
        where {where}
        group by page_group
        having sum(sessions) > 0
        order by page_group
        """
    ).format(where=where)
    return metrics.with_ratios(connection.read(query, params), "mart_conversion_by_page_type")

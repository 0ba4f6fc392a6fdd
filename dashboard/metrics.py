"""Ratios as dbt defines them, re-aggregated the one right way, with their uncertainty.

A page that sums a mart's rows over the filters' values cannot average the rows' rates: it sums the
rate's numerator and denominator and divides. Which columns those are is dbt's definition
(`meta.metric` on the mart column, published in `marts.mart_metric_glossary`), read here at run
time, so the dashboard holds no metric formula of its own. `wilson` gives the 95% interval a rate
from a small group is shown with.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard.queries import connection
from dashboard.queries.connection import CACHE_TTL_SECONDS

Z_95 = 1.959964  # the normal quantile of a two-sided 95% interval


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def definitions() -> pd.DataFrame:
    """One row per metric column of a mart: mart, column_name, metric, unit, numerator, denominator."""
    return connection.read(
        sql.SQL(
            "select mart, column_name, metric, unit, numerator, denominator, description"
            " from marts.mart_metric_glossary order by mart, column_name"
        )
    )


def ratio_definitions(mart: str) -> dict[str, tuple[str, str]]:
    """{ratio column: (numerator column, denominator column)} of one mart."""
    rows = definitions()
    rows = rows[(rows["mart"] == mart) & rows["numerator"].notna() & rows["denominator"].notna()]
    return {row.column_name: (row.numerator, row.denominator) for row in rows.itertuples()}


def with_ratios(frame: pd.DataFrame, mart: str) -> pd.DataFrame:
    """`frame` (summed rows of `mart`) with every ratio of the mart whose parts it holds, recomputed
    from those parts; a ratio over an empty denominator is missing, not 0."""
    ratios = {
        column: _divide(frame[numerator], frame[denominator])
        for column, (numerator, denominator) in ratio_definitions(mart).items()
        if numerator in frame and denominator in frame
    }
    return frame.assign(**ratios) if ratios else frame


def _divide(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    parts = pd.DataFrame({"n": numerator, "d": denominator}).astype(float)
    return (parts["n"] / parts["d"].where(parts["d"] != 0)).astype(float)


def with_share(frame: pd.DataFrame, column: str, count: str) -> pd.DataFrame:
    """`frame` with `column` = each row's `count` over the rows' total: shares of the selection that
    add up to 1 (the shares dbt documents as 'of the selection', e.g. payment_type_shares)."""
    total = float(frame[count].sum()) if not frame.empty else 0.0
    return frame.assign(**{column: frame[count].astype(float) / total if total else float("nan")})


def wilson(successes: float, trials: float) -> tuple[float, float]:
    """The 95% Wilson score interval of successes / trials (NaN, NaN for no trials)."""
    if not trials or trials <= 0 or pd.isna(trials):
        return (math.nan, math.nan)
    p = successes / trials
    z2 = Z_95**2
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = Z_95 * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials**2)) / (1 + z2 / trials)
    return (max(0.0, centre - half), min(1.0, centre + half))


def with_intervals(frame: pd.DataFrame, rate: str, successes: str, trials: str) -> pd.DataFrame:
    """`frame` with `<rate>_low` and `<rate>_high`: the Wilson interval of each row's rate."""
    bounds = [wilson(s, t) for s, t in zip(frame[successes], frame[trials], strict=True)]
    low, high = (np.array(side, dtype=float) for side in zip(*bounds, strict=True)) if bounds else ([], [])
    return frame.assign(**{f"{rate}_low": low, f"{rate}_high": high})

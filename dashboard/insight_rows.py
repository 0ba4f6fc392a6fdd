"""The overview's insights table: mart_insights' rows with their numbers formatted as they read.

mart_insights holds one number per statement in whatever unit the statement uses; its `metric` and
`comparison` texts name the unit ('... (R$)', '... rate', '... share'), so that is what picks the
format here. The headline already carries the numbers as dbt formatted them; the table adds them as
columns, with the count behind each and the mart it came from.
"""

from __future__ import annotations

import pandas as pd

from dashboard import formatting as fmt

COLUMNS = ["statement", "metric", "value", "compared with", "comparison value", "count", "source mart"]


def formatted(value: float | None, what: str) -> str:
    """A mart_insights number in the unit its description names: reais, a rate, or a count."""
    if fmt.is_missing(value):
        return "–"
    if "(R$)" in what:
        return fmt.brl(value)
    if what.endswith(("rate", "share")) or " rate " in what or " share " in what:
        return fmt.percent(value)
    return fmt.count(value) if float(value).is_integer() else fmt.number(value, 1)


def table(insights: pd.DataFrame) -> pd.DataFrame:
    """One row per statement, in display order: the statement, its number, its comparison and count."""
    rows = [
        {
            "statement": row.headline,
            "metric": row.metric,
            "value": formatted(row.metric_value, row.metric),
            "compared with": row.comparison,
            "comparison value": formatted(row.comparison_value, row.comparison),
            "count": row.basis_count,
            "source mart": row.source_mart,
        }
        for row in insights.itertuples()
    ]
    return pd.DataFrame(rows, columns=COLUMNS)

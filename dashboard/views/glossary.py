"""Metric glossary: every metric the marts define, with its definition and the marts it comes from.

The entries come from marts.mart_metric_glossary, which dbt writes at build time from the marts' yml
(each metric column's `meta.metric` block and its description, metric documents included), so the
page holds no definition of its own. Each metric label has a stable anchor (dashboard.glossary_links)
that charts link to.
"""

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard.filters import FilterScope, SessionFilters
from dashboard.glossary_links import metric_anchor

# The page takes no sidebar filters: a selection with nothing set, so no panel lists filters.
UNFILTERED = SessionFilters()
WAREHOUSE_STATE = FilterScope.of_no_selection("the warehouse's own loads, builds and definitions.")


def given(value: object) -> bool:
    """A text the mart holds (its NULLs arrive as None or NaN)."""
    return isinstance(value, str) and value != ""


def ratio_text(numerator: object, denominator: object) -> str | None:
    """How the dashboard re-aggregates a ratio: from summed parts, never from averaged rates."""
    if not (given(numerator) and given(denominator)):
        return None
    return f"sum({numerator}) / sum({denominator})"


def show_entry(metric: str, entries: pd.DataFrame) -> None:
    """One metric: its anchor heading, then each distinct definition with the mart columns holding it."""
    st.subheader(metric, anchor=metric_anchor(metric))
    for description, same in entries.groupby("description", sort=False):
        st.markdown(description)
        for entry in same.itertuples(index=False):
            where = f"`{entry.mart}.{entry.column_name}` · unit: {entry.unit}"
            ratio = ratio_text(entry.numerator, entry.denominator)
            if ratio:
                where += f" · re-aggregated as {ratio}"
            if given(entry.metric_documents):
                where += f" · document: {entry.metric_documents}"
            st.caption(where)


st.title("Metric glossary")
st.caption(
    "Every metric the pages show, defined once in dbt: the definition is the mart column's description "
    "(`uv run shoplens docs` has the same text), rewritten at every build."
)

glossary = data.metric_glossary()
if glossary.empty:
    st.info(
        "No metric is defined yet: the glossary lists mart columns with a meta.metric block after a build."
    )
else:
    wanted = st.text_input("Find a metric", key="glossary_search", placeholder="e.g. conversion, revenue")
    shown = glossary
    if wanted:
        text = glossary[["metric", "mart", "column_name", "description"]].astype(str).agg(" ".join, axis=1)
        shown = glossary[text.str.contains(wanted, case=False, regex=False)]
    metrics = shown["metric"].drop_duplicates().tolist()
    st.caption(f"{len(metrics):,} metrics in {shown['mart'].nunique():,} marts.")
    if not metrics:
        st.info(f"No metric matches “{wanted}”. Clear the search to see them all.")
    for metric in metrics:
        show_entry(metric, shown[shown["metric"] == metric])
    components.table_panel(
        "metric_glossary",
        "Every metric column",
        shown,
        filters=UNFILTERED,
        scope=WAREHOUSE_STATE,
        empty_message="No metric matches the search.",
    )

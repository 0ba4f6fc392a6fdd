"""The Customers page's drill-down on one person: their scores from every model, their orders and
their web sessions (the whole history: the sidebar filters pick whom to list, not what to show)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard import formatting as fmt
from dashboard.filters import Filters, FilterScope

WHOLE_HISTORY = FilterScope.of_no_selection("the drill-down shows the person's whole history.")
NO_SESSIONS_MESSAGE = (
    "No web session names this customer: only the events of signed-in visits carry a customer id."
)


def show(person: str, *, scored: bool, filters: Filters) -> None:
    """KPIs of the person's orders and scores, then their orders and sessions as tables with CSVs."""
    orders = data.customer_orders(person)
    scores = data.customer_scores(person) if scored else pd.DataFrame()
    if orders.empty and scores.empty:
        st.info(f"No customer '{person}' in the orders. Pick one from the list or check the id.")
        return
    score = scores.iloc[0] if not scores.empty else pd.Series(dtype=object)
    columns = st.columns(4)
    with columns[0]:
        components.kpi(
            "Customer's orders",
            fmt.count(len(orders)),
            f"{fmt.count(orders['item_count'].gt(0).sum())} with items · all time",
        )
    with columns[1]:
        components.kpi(
            "Customer's revenue", fmt.brl(orders["revenue"].sum()), "item price + freight, all time"
        )
    with columns[2]:
        components.kpi(
            "Customer's churn probability",
            fmt.percent(score.get("churn_probability")),
            _rank_text(score.get("risk_rank"), "riskiest"),
        )
    with columns[3]:
        components.kpi(
            "Customer's predicted CLV",
            fmt.brl(score.get("predicted_clv")),
            _rank_text(score.get("clv_rank"), "most valuable"),
        )
    segment, rfm_segment = score.get("segment"), score.get("rfm_segment")
    if not fmt.is_missing(segment) or not fmt.is_missing(rfm_segment):
        st.markdown(f"**KMeans segment:** {segment or '–'} · **RFM segment:** {rfm_segment or '–'}")
    if not fmt.is_missing(score.get("top_reasons")):
        st.caption(f"What raises this person's churn risk most: {score['top_reasons']}.")
    if scores.empty and scored:
        st.caption("No model scored this person (no order before T, or the models refused).")
    components.table_panel(
        "customer_orders",
        "Orders",
        orders.round({"revenue": 2}),
        filters=filters,
        scope=WHOLE_HISTORY,
    )
    components.table_panel(
        "customer_sessions",
        "Web sessions (the latest 100)",
        data.customer_sessions(person).round({"revenue": 2}),
        filters=filters,
        scope=WHOLE_HISTORY,
        empty_message=NO_SESSIONS_MESSAGE,
    )


def _rank_text(rank: object, superlative: str) -> str:
    return "not scored" if fmt.is_missing(rank) else f"#{fmt.count(rank)} {superlative}"

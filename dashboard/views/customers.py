"""Customers: who comes back (cohort retention) and who is worth what (RFM segments), per person."""

import streamlit as st

from dashboard import charts, components, data, filters
from dashboard.filters import Filter, FilterScope

active = filters.active()
st.title("Customers")
filters.show_active(active)
st.caption("A customer is a person (customer_unique_id), not Olist's one-per-order customer_id.")

cohorts = data.cohort_retention(active.start, active.end)
st.subheader("Cohort retention")
components.chart_panel(
    "cohort_retention",
    cohorts,
    charts.cohort_heatmap,
    filters=active,
    scope=FilterScope(
        frozenset({Filter.PURCHASE_DATE}),
        "retention follows each person across every state. The date range picks the cohorts whose "
        "first-purchase month it touches.",
    ),
    caption="Each cell: share of the cohort that ordered in that month, and n = how many people that is.",
)

segments = data.rfm_segments(active.start, active.end, active.states)
st.subheader("RFM segments")
table = segments.round(
    {"share_of_customers": 4, "revenue": 2, "avg_recency_days": 1, "avg_frequency": 2, "avg_monetary": 2}
)
left, right = st.columns(2)
with left:
    components.chart_panel(
        "rfm_segments",
        segments,
        charts.rfm_segments,
        filters=active,
        caption="People with an order in the selection; their scores cover their whole history.",
        table=table,
    )
with right:
    components.chart_panel(
        "rfm_profile",
        segments,
        charts.rfm_profile,
        filters=active,
        caption="Right = more recent. The scoring rules are documented on mart_customer_rfm (dbt docs).",
        table=table,
    )

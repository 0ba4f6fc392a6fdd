"""Customers: who comes back (cohort retention) and who is worth what (RFM segments), per person."""

import streamlit as st

from dashboard import charts, components, data, filters, sidebar

active = filters.active()
st.title("Customers")
sidebar.show_active(active)
st.caption("A customer is a person (customer_unique_id), not Olist's one-per-order customer_id.")

cohort_filters = active.for_chart("cohort_retention")
cohorts = data.cohort_retention(cohort_filters.start, cohort_filters.end)
st.subheader("Cohort retention")
components.chart_panel(
    "cohort_retention",
    cohorts,
    charts.cohort_heatmap,
    filters=active,
    caption="Each cell: share of the cohort that ordered in that month, and n = how many people that is.",
)

rfm_filters = active.for_chart("rfm_segments")
segments = data.rfm_segments(rfm_filters.start, rfm_filters.end, rfm_filters.states)
st.subheader("RFM segments")
ROUNDING = {
    "share_of_customers": 4,
    "revenue": 2,
    "avg_recency_days": 1,
    "avg_frequency": 2,
    "avg_monetary": 2,
}
table = segments.round(ROUNDING)
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
    profile_filters = active.for_chart("rfm_profile")
    profile = data.rfm_segments(profile_filters.start, profile_filters.end, profile_filters.states)
    components.chart_panel(
        "rfm_profile",
        profile,
        charts.rfm_profile,
        filters=active,
        caption="Right = more recent. The scoring rules are documented on mart_customer_rfm (dbt docs).",
        table=profile.round(ROUNDING),
    )

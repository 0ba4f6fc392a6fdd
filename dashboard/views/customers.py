"""Customers: who comes back (cohort retention), who is worth what (RFM segments), and what the models
say: churn risk beside its baseline, KMeans segments beside RFM, predicted lifetime value, one person."""

from functools import partial

import streamlit as st

from dashboard import charts, components, customer_drilldown, data, filters, model_runs, sidebar
from dashboard import formatting as fmt
from dashboard.chart_catalog import PEOPLE
from dashboard.filters import FilterScope

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
    caption=(
        "Each cell: share of the cohort that ordered in that month, and n = how many people that is. "
        f"Grey cells are left out of the colour scale: month 0 (100% by definition), cohorts under "
        f"{fmt.SMALL_SAMPLE} people, and months the data covers only in part ('partial': not a drop)."
    ),
)

rfm_filters = active.for_chart("rfm_segments")
segments = data.rfm_segments(*rfm_filters.orders_scope())
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
    profile = data.rfm_segments(*profile_filters.orders_scope())
    components.chart_panel(
        "rfm_profile",
        profile,
        charts.rfm_profile,
        filters=active,
        caption="Right = more recent. The scoring rules are documented on mart_customer_rfm (dbt docs).",
        table=profile.round(ROUNDING),
    )

# --- the models (ML marts) --------------------------------------------------------------------------


def _people(seen: filters.Filters) -> tuple:
    """(start, end, states): the people a chart's selection picks (an order in it)."""
    return seen.start, seen.end, seen.states


MODEL_WIDE = FilterScope.of_no_selection(
    "a model is judged on every customer of its held-out period, whatever the selection."
)
PEOPLE_CAPTION = "People with an order in the selection; their scores are the model's, as of T."

st.subheader("Churn risk")
churn = model_runs.trained_run("churn", "churn model", "churn scores")
if churn is not None:
    horizon = int(churn["horizon_days"])
    st.caption(
        f"Churn = no order in the {horizon} days from T = {churn['as_of_date']:%Y-%m-%d}. The model "
        f"({churn['algorithm']}, {churn['calibration']} calibration) learnt at "
        f"{churn['training_cutoff']:%Y-%m-%d} and was judged on who came back after "
        f"{churn['evaluation_cutoff']:%Y-%m-%d}."
    )
    if not components.kpis_blocked(PEOPLE, active):  # cards of the selection's people
        summary = data.churn_summary(*_people(active.for_kpis())).iloc[0]
        kpis = st.columns(4)
        with kpis[0]:
            components.kpi(
                "Scored customers", fmt.count(summary["customers"]), "with an order in the selection"
            )
        with kpis[1]:
            components.kpi(
                "Expected churners",
                fmt.number(summary["expected_churners"], 0),
                f"sum of churn probabilities over {fmt.count(summary['customers'])} customers",
            )
        with kpis[2]:
            components.kpi(
                "Held-out ROC AUC",
                fmt.number(churn["roc_auc"], 3),
                f"baseline '{churn['baseline']}': {fmt.number(churn['baseline_roc_auc'], 3)}",
            )
        with kpis[3]:
            components.kpi(
                "Held-out churn rate",
                fmt.percent(churn["base_rate"]),
                fmt.rate_with_count(churn["base_rate"], churn["n_test"], "held-out customers"),
            )
    comparison = charts.model_comparison(churn)
    ranking = data.churn_ranking(*_people(active.for_chart("churn_top_risk")))
    left, right = st.columns(2)
    with left:
        components.chart_panel(
            "churn_vs_baseline",
            comparison,
            partial(
                charts.model_vs_baseline, model_name=str(churn["algorithm"]), baseline_name=churn["baseline"]
            ),
            filters=active,
            scope=MODEL_WIDE,
            caption=(
                f"Precision and recall when the model flags as many customers as the baseline: "
                f"{fmt.count(churn['flagged'])} of {fmt.count(churn['n_test'])} held-out customers."
            ),
            table=comparison.round({"model": 4, "baseline": 4}),
        )
    with right:
        components.chart_panel(
            "churn_top_risk",
            ranking,
            charts.churn_risk_bars,
            filters=active,
            caption=PEOPLE_CAPTION,
            table=ranking.head(15)[
                ["risk_rank", "customer_unique_id", "churn_probability", "orders", "revenue"]
            ].round({"churn_probability": 4, "revenue": 2}),
        )
    components.table_panel(
        "churn_ranking",
        "Churn risk ranking",
        data.churn_ranking(*_people(active.for_chart("churn_ranking"))).round(
            {"churn_probability": 4, "revenue": 2}
        ),
        filters=active,
        caption="top_reasons: the features that raise each person's risk most above a typical customer's.",
    )

st.subheader("Segments: KMeans beside RFM")
segments_run = model_runs.trained_run("segments", "segment model", "KMeans segments")
if segments_run is not None:
    st.caption(
        f"KMeans on scaled log RFM features, k = {fmt.count(segments_run['clusters'])} by the best "
        f"silhouette ({fmt.number(segments_run['silhouette'], 3)}) over k = 3..8; each cluster is named "
        "from its centroid."
    )
    centroids = data.segment_centroids()
    crosstab = data.segment_crosstab(*_people(active.for_chart("segment_crosstab")))
    left, right = st.columns(2)
    with left:
        components.chart_panel(
            "segment_bubbles",
            centroids,
            charts.segment_bubbles,
            filters=active,
            scope=FilterScope.of_no_selection("the centroids are the model's, over every customer before T."),
            caption="People without a completed purchase are not clustered (their own segment in the sizes).",
            table=centroids.round({"customer_share": 4, "revenue": 2, "recency_days": 1, "monetary": 2}),
        )
    with right:
        components.chart_panel(
            "segment_crosstab",
            crosstab,
            charts.segment_crosstab,
            filters=active,
            caption=PEOPLE_CAPTION,
            table=crosstab.round({"revenue": 2}),
        )
    components.table_panel(
        "segment_sizes",
        "Segment sizes in the selection: KMeans and RFM",
        charts.segment_sizes(data.segment_crosstab(*_people(active.for_chart("segment_sizes")))).round(
            {"customer_share": 4, "revenue": 2}
        ),
        filters=active,
        caption="Each person is in one KMeans and one RFM segment; revenue is theirs before T.",
    )

st.subheader("Predicted lifetime value (next 12 months)")
clv_run = model_runs.trained_run("clv", "lifetime value model", "lifetime value predictions")
if clv_run is not None:
    if not components.kpis_blocked(PEOPLE, active):
        clv = data.clv_summary(*_people(active.for_kpis())).iloc[0]
        kpis = st.columns(3)
        with kpis[0]:
            components.kpi(
                "Predicted 12-month CLV",
                fmt.brl(clv["predicted_clv"]),
                f"over {fmt.count(clv['customers'])} customers with a purchase before T",
                help_text="BG/NBD expected purchases x Gamma-Gamma value per purchase, undiscounted.",
            )
        with kpis[1]:
            components.kpi(
                "Predicted purchases",
                fmt.number(clv["predicted_purchases"], 0),
                f"in the {fmt.count(clv['horizon_days'])} days from T",
            )
        with kpis[2]:
            components.kpi(
                "Backtest: predicted vs actual",
                f"{fmt.number(clv_run['backtest_predicted_purchases'], 0)} vs "
                f"{fmt.number(clv_run['backtest_actual_purchases'], 0)}",
                f"purchases of {fmt.count(clv_run['backtest_customers'])} customers in the held-out days",
            )
    distribution = data.clv_distribution(*_people(active.for_chart("clv_distribution")))
    left, right = st.columns(2)
    with left:
        components.chart_panel(
            "clv_distribution",
            distribution if distribution["customers"].sum() else distribution.iloc[0:0],
            charts.clv_histogram,
            filters=active,
            caption=PEOPLE_CAPTION,
            table=distribution.round({"predicted_clv": 2, "predicted_purchases": 2}),
        )
    with right:
        top_clv = data.top_clv_customers(*_people(active.for_chart("clv_top_customers")))
        components.table_panel(
            "clv_top_customers",
            "Top customers by predicted 12-month value",
            top_clv.round(
                {
                    "predicted_clv": 2,
                    "predicted_purchases": 3,
                    "predicted_purchase_value": 2,
                    "probability_alive": 4,
                }
            ),
            filters=active,
            caption="predicted_clv and the values per purchase are in R$.",
        )

st.subheader("One customer")
scored = data.models_scored()
known = []
if scored:  # the riskiest and the most valuable people of the selection, each once
    known = list(
        dict.fromkeys(
            [
                *data.churn_ranking(active.start, active.end, active.states, limit=20)["customer_unique_id"],
                *data.top_clv_customers(active.start, active.end, active.states, limit=20)[
                    "customer_unique_id"
                ],
            ]
        )
    )
person = st.selectbox(
    "Customer (customer_unique_id)",
    known,
    index=0 if known else None,
    accept_new_options=True,
    placeholder="Type a customer_unique_id",
    help="The list holds the riskiest and the most valuable customers of the selection; type any other id.",
    key="ml_customer",
)
if person:
    customer_drilldown.show(person, scored=scored, filters=active)

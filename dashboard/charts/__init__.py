"""Chart builders: each takes a DataFrame from `dashboard.data` and returns a Plotly figure.

No Streamlit here, so every chart can be tested on its own, and no chart fetches anything from the
internet. One module per page family (`ml`: the model pages); colours, number formats and month
order come from `dashboard.formatting`.
"""

from dashboard.charts.carts import abandonment_by, top_products, traffic_source_revenue
from dashboard.charts.conversion import (
    conversion_bars,
    conversion_heatmap,
    engagement_by_outcome,
    page_group_conversion,
    visitors_monthly,
)
from dashboard.charts.funnel import drop_off_reasons, funnel_steps, session_timeline
from dashboard.charts.ml import (
    calibration_curve,
    churn_risk_bars,
    clv_histogram,
    feature_importance_bars,
    intent_score_histogram,
    model_comparison,
    model_vs_baseline,
    segment_bubbles,
    segment_crosstab,
    segment_sizes,
)
from dashboard.charts.orders import (
    cohort_heatmap,
    monthly_revenue,
    payment_methods,
    rfm_profile,
    rfm_segments,
    state_late_share,
    state_revenue_bars,
    state_tile_map,
    top_categories,
    zip_prefix_dots,
)
from dashboard.charts.time_patterns import daily_trend, hour_weekday_heatmap, monthly_trend

__all__ = [
    "abandonment_by",
    "calibration_curve",
    "churn_risk_bars",
    "clv_histogram",
    "cohort_heatmap",
    "conversion_bars",
    "conversion_heatmap",
    "daily_trend",
    "drop_off_reasons",
    "engagement_by_outcome",
    "feature_importance_bars",
    "funnel_steps",
    "hour_weekday_heatmap",
    "intent_score_histogram",
    "model_comparison",
    "model_vs_baseline",
    "monthly_revenue",
    "monthly_trend",
    "page_group_conversion",
    "payment_methods",
    "rfm_profile",
    "rfm_segments",
    "segment_bubbles",
    "segment_crosstab",
    "segment_sizes",
    "session_timeline",
    "state_late_share",
    "state_revenue_bars",
    "state_tile_map",
    "top_categories",
    "top_products",
    "traffic_source_revenue",
    "visitors_monthly",
    "zip_prefix_dots",
]

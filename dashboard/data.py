"""The dashboard's only door to the warehouse: pages call these functions and never build SQL.

Every query is a parameterised select on `marts.*`, cached with `st.cache_data` (a rerun costs a
handful of small queries at most) and kept in `dashboard.queries`, one module per page family:
- `connection`: the read-only login, the cached connection, `read` and its clear error messages;
- `orders`: overview, customers and geography (purchase date and customer state filters);
- `session_scope`: how each session mart takes the session filters (and the scope its charts show);
- `conversion`, `funnel`, `carts`, `time_patterns`: the visitors pages;
- `live`: the Live page (the small live mart only, cached for seconds);
- `operations`: Data health and the Metric glossary (no sidebar filters);
- `ml`: the models' marts (churn, segments, lifetime value, purchase intent) and the overview's insights.
"""

from dashboard.queries.carts import (
    cart_abandonment,
    category_performance,
    product_rankings,
    traffic_source_revenue,
)
from dashboard.queries.connection import DATABASE_URL_ENV, DashboardDataError, connection_params
from dashboard.queries.conversion import (
    BREAKDOWNS,
    conversion_breakdowns,
    engagement_by_outcome,
    page_group_conversion,
    session_date_bounds,
    session_filter_options,
    weekday_traffic_conversion,
)
from dashboard.queries.funnel import (
    USERS_ON_REQUEST_ABOVE,
    drop_off_reasons,
    dropped_session,
    dropped_session_count,
    funnel_steps,
    sessions_to_scan,
)
from dashboard.queries.live import LIVE_MINUTES, live_minutes, live_sources
from dashboard.queries.ml import (
    CLV_BIN_EDGES,
    churn_ranking,
    churn_summary,
    clv_distribution,
    clv_summary,
    customer_orders,
    customer_scores,
    customer_sessions,
    feature_importances,
    insights,
    intent_calibration,
    intent_score_distribution,
    model_metrics,
    models_scored,
    segment_centroids,
    segment_crosstab,
    top_clv_customers,
)
from dashboard.queries.operations import (
    freshness,
    last_build_nodes,
    latest_rejects,
    load_volume,
    metric_glossary,
    recent_builds,
    source_loads,
)
from dashboard.queries.orders import (
    cohort_retention,
    filter_options,
    monthly_sales,
    order_dimension_options,
    order_kpis,
    payment_methods,
    rfm_segments,
    state_performance,
    top_categories,
    zip_prefix_points,
)
from dashboard.queries.time_patterns import daily_sessions, hour_weekday_activity, monthly_sessions

__all__ = [
    "BREAKDOWNS",
    "CLV_BIN_EDGES",
    "DATABASE_URL_ENV",
    "LIVE_MINUTES",
    "USERS_ON_REQUEST_ABOVE",
    "DashboardDataError",
    "cart_abandonment",
    "category_performance",
    "churn_ranking",
    "churn_summary",
    "clv_distribution",
    "clv_summary",
    "cohort_retention",
    "connection_params",
    "conversion_breakdowns",
    "customer_orders",
    "customer_scores",
    "customer_sessions",
    "daily_sessions",
    "drop_off_reasons",
    "dropped_session",
    "dropped_session_count",
    "engagement_by_outcome",
    "feature_importances",
    "filter_options",
    "freshness",
    "funnel_steps",
    "sessions_to_scan",
    "hour_weekday_activity",
    "order_dimension_options",
    "last_build_nodes",
    "latest_rejects",
    "live_minutes",
    "live_sources",
    "load_volume",
    "metric_glossary",
    "insights",
    "intent_calibration",
    "intent_score_distribution",
    "model_metrics",
    "models_scored",
    "monthly_sales",
    "monthly_sessions",
    "order_kpis",
    "page_group_conversion",
    "payment_methods",
    "product_rankings",
    "recent_builds",
    "rfm_segments",
    "segment_centroids",
    "segment_crosstab",
    "session_date_bounds",
    "session_filter_options",
    "source_loads",
    "state_performance",
    "top_categories",
    "top_clv_customers",
    "traffic_source_revenue",
    "weekday_traffic_conversion",
    "zip_prefix_points",
]

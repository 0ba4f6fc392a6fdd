"""Every chart a filter can target: its key, its title in the sidebar's target list, and what it applies.

The sidebar draws before the page, so the charts a filter may be scoped to cannot come from the page
that runs: they are listed here, and `components.chart_panel` refuses a key that is not (so a new
chart cannot be missing from the list). What a chart applies comes from the mart its query reads
(`session_scope`), so the list and the queries cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.filters import Filter, FilterScope
from dashboard.queries.session_scope import (
    ATTRIBUTION,
    CATALOG,
    CUBE,
    DAILY,
    FUNNEL,
    FUNNEL_CUBE,
    HOUR_WEEKDAY,
    MONTHLY,
    PAGE_GROUPS,
    WEEKDAY_TRAFFIC,
)

# The order marts carry state, status and RFM segment at their grain; items (so categories) are in
# mart_sales_daily only, which the top-categories chart reads.
ORDERS = FilterScope(
    frozenset({Filter.PURCHASE_DATE, Filter.CUSTOMER_STATE, Filter.ORDER_STATUS, Filter.CUSTOMER_SEGMENT}),
    "this chart's mart has orders, not their items, so it has no product category.",
)
CATEGORIES = FilterScope(ORDERS.applies | {Filter.PRODUCT_CATEGORY})
# The model charts pick people by an order in the date range and state; a person's status or segment
# is not the model's question.
PEOPLE = FilterScope(
    frozenset({Filter.PURCHASE_DATE, Filter.CUSTOMER_STATE}),
    "the models score people, whose orders have several statuses and categories; their segment beside "
    "the model's is the point of the chart.",
)
# No KPI card has items: a product-category filter can target its chart, never the KPIs.
NOT_ON_KPIS = frozenset({Filter.PRODUCT_CATEGORY})
COHORTS = FilterScope(
    frozenset({Filter.PURCHASE_DATE}),
    "retention follows each person across every state, status and category; the date range picks the "
    "cohorts whose first-purchase month it touches.",
)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    page: str
    scope: FilterScope


def _charts(page: str, scope: FilterScope, *titles: tuple[str, str]) -> list[Chart]:
    return [Chart(key, title, page, scope) for key, title in titles]


CHARTS: dict[str, Chart] = {
    chart.key: chart
    for chart in [
        *_charts(
            "Overview", ORDERS, ("monthly_revenue", "Monthly revenue"), ("payment_methods", "Payment methods")
        ),
        *_charts("Overview", CATEGORIES, ("top_categories", "Top categories")),
        *_charts("Customers", COHORTS, ("cohort_retention", "Cohort retention")),
        *_charts(
            "Customers",
            ORDERS,
            ("rfm_segments", "RFM segments"),
            ("rfm_profile", "RFM profile"),
        ),
        *_charts(
            "Customers",
            PEOPLE,
            ("churn_top_risk", "Top churn risks"),
            ("churn_ranking", "Churn risk ranking"),
            ("segment_crosstab", "KMeans x RFM segments"),
            ("segment_sizes", "Segment sizes"),
            ("clv_distribution", "Predicted CLV distribution"),
            ("clv_top_customers", "Top customers by predicted CLV"),
        ),
        *_charts(
            "Geography",
            ORDERS,
            ("state_map", "State map"),
            ("state_revenue", "Revenue by state"),
            ("state_late_share", "Late share by state"),
            ("zip_prefix_dots", "Orders by zip prefix"),
        ),
        *_charts(
            "Conversion",
            CUBE.scope(),
            ("weekend", "Conversion: weekday vs weekend"),
            ("special_day", "Conversion by special-day closeness"),
            ("month", "Conversion by month of the year"),
            ("visitor_type", "Conversion: new vs returning"),
            ("visitors_monthly", "Visitors by month"),
            ("traffic_source", "Conversion by traffic source"),
            ("browser", "Conversion by browser"),
            ("region", "Conversion by region"),
            ("device", "Conversion by device"),
            ("os", "Conversion by operating system"),
            ("browser_os", "Conversion by browser and OS"),
            ("engagement", "Engagement: converted vs other"),
        ),
        *_charts("Conversion", PAGE_GROUPS.scope(), ("page_groups", "Conversion by page type")),
        *_charts(
            "Conversion", WEEKDAY_TRAFFIC.scope(), ("weekday_traffic", "Conversion by weekday and traffic")
        ),
        *_charts(
            "Funnel",
            FUNNEL.scope(),
            ("funnel_sessions", "Funnel of sessions"),
            ("funnel_users", "Funnel of users"),
            ("drop_off_reasons", "Drop-off reasons"),
            ("dropped_session_timeline", "Dropped session timeline"),
        ),
        *_charts(
            "Carts and products",
            FUNNEL_CUBE.scope(),
            ("abandonment_device", "Cart abandonment by device"),
            ("abandonment_traffic_source", "Cart abandonment by traffic source"),
        ),
        *_charts(
            "Carts and products",
            CATALOG.scope(),
            ("abandoned", "Most abandoned products"),
            ("removed", "Most removed products"),
            ("product_performance", "Product performance"),
            ("category_performance", "Category performance"),
        ),
        *_charts(
            "Carts and products", ATTRIBUTION.scope(), ("traffic_source_revenue", "Revenue by traffic source")
        ),
        *_charts(
            "Time patterns",
            HOUR_WEEKDAY.scope(),
            ("hour_weekday_sessions", "Sessions by hour and weekday"),
            ("hour_weekday_conversion_rate", "Conversion by hour and weekday"),
        ),
        *_charts("Time patterns", DAILY.scope(), ("daily_sessions", "Daily sessions")),
        *_charts("Time patterns", MONTHLY.scope(), ("monthly_sessions", "Monthly sessions")),
    ]
}


def targets_for(which: Filter) -> list[Chart]:
    """The charts a filter can be scoped to: those that can apply it."""
    return [chart for chart in CHARTS.values() if which in chart.scope.applies]


def titles() -> dict[str, str]:
    return {key: f"{chart.page}: {chart.title}" for key, chart in CHARTS.items()}

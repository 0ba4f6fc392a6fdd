"""Charts of the model pages: a model beside its baseline, churn risk, KMeans segments beside the RFM
segments, predicted lifetime value, and purchase intent's score distribution, calibration and inputs.

Each chart takes a frame from `dashboard.data` (the ML marts) and returns a figure; rates carry the
counts behind them in their labels or hovers.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.charts.base import add_labelled_bars, figure

# The held-out measures a classifier is compared with its baseline on (ml_model_metrics columns).
COMPARED_MEASURES = {
    "roc_auc": "ROC AUC",
    "pr_auc": "PR AUC",
    "precision": "Precision",
    "recall": "Recall",
}


def model_comparison(metrics: pd.Series) -> pd.DataFrame:
    """One row per held-out measure: the model's figure beside its baseline's (one ml_model_metrics row)."""
    return pd.DataFrame(
        {
            "measure": list(COMPARED_MEASURES.values()),
            "model": [metrics.get(column) for column in COMPARED_MEASURES],
            "baseline": [metrics.get(f"baseline_{column}") for column in COMPARED_MEASURES],
        }
    )


def model_vs_baseline(frame: pd.DataFrame, *, model_name: str, baseline_name: str) -> go.Figure:
    """Grouped bars: each held-out measure for the kept model and for its baseline rule."""
    fig = figure(
        f"Held-out figures: {model_name} vs the baseline",
        yaxis={"range": [0, 1.1], "title": {"text": "Held-out value (0-1)"}},
        legend={"orientation": "h", "y": -0.15},
        barmode="group",
    )
    for column, name, colour in (("model", model_name, fmt.ACCENT), ("baseline", baseline_name, fmt.MUTED)):
        fig.add_bar(
            x=frame["measure"],
            y=frame[column],
            name=name,
            marker_color=colour,
            text=[fmt.number(value, 3) for value in frame[column]],
            textposition="outside",
            hovertemplate=f"{name}<br>%{{x}}: %{{y:.3f}}<extra></extra>",
        )
    return fig


def churn_risk_bars(frame: pd.DataFrame, top: int = 15) -> go.Figure:
    """The `top` customers most likely to churn, highest on top, labelled with probability and rank."""
    ordered = frame.sort_values("risk_rank").head(top).iloc[::-1]
    labels = [
        f"#{rank} · {fmt.percent(p)} · {fmt.count(orders)} orders · {fmt.brl(revenue)}"
        for rank, p, orders, revenue in zip(
            ordered["risk_rank"],
            ordered["churn_probability"],
            ordered["orders"],
            ordered["revenue"],
            strict=True,
        )
    ]
    fig = figure(
        f"The {len(ordered)} customers most likely to churn",
        xaxis={"range": [0, 1], "tickformat": ".0%", "title": {"text": "Churn probability"}},
        yaxis={"type": "category"},
        height=max(320, 26 * len(ordered) + 110),
    )
    return add_labelled_bars(
        fig, ordered["churn_probability"], ordered["customer_unique_id"].str[:12], labels
    )


def segment_bubbles(frame: pd.DataFrame) -> go.Figure:
    """KMeans centroids: recency (x, recent on the right) against spend (y), bubble area by customers."""
    largest = float(frame["customers"].max()) if not frame.empty else 0.0
    sizes = [14 + 46 * math.sqrt(float(n) / largest) if largest > 0 else 14 for n in frame["customers"]]
    total = frame["customers"].sum()
    hover = [
        f"<b>{row.segment}</b>: {fmt.count(row.customers)} customers, "
        f"{fmt.rate_with_count(row.customer_share, total, 'clustered')}<br>"
        f"centroid: {fmt.number(row.recency_days, 0)} days since last order, "
        f"{fmt.number(row.frequency, 2)} orders, {fmt.brl(row.monetary)}<br>revenue {fmt.brl(row.revenue)}"
        for row in frame.itertuples()
    ]
    fig = figure(
        "KMeans segments: centroids (bubble area: customers)",
        xaxis={"title": {"text": "Days since last order (centroid)"}, "autorange": "reversed"},
        yaxis={"title": {"text": "Spend per customer (centroid, R$)"}, "tickprefix": fmt.CURRENCY_PREFIX},
        showlegend=False,
    )
    fig.add_scatter(
        x=frame["recency_days"],
        y=frame["monetary"],
        mode="markers+text",
        text=frame["segment"],
        textposition="top center",
        marker={"size": sizes, "color": fmt.ACCENT, "opacity": 0.6, "line": {"width": 1, "color": "white"}},
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )
    return fig


def segment_crosstab(frame: pd.DataFrame) -> go.Figure:
    """Customers per KMeans segment (rows) and RFM segment (columns): where the two namings agree."""
    counts = frame.pivot_table(
        index="segment", columns="rfm_segment", values="customers", aggfunc="sum", fill_value=0
    )
    sizes = counts.sum(axis=1)
    row_labels = [f"{segment} · {fmt.count(sizes[segment])}" for segment in counts.index]
    fig = figure(
        "KMeans segment (rows) beside RFM segment (columns): customers",
        xaxis={"type": "category", "side": "top"},
        yaxis={"type": "category", "autorange": "reversed"},
        height=max(320, 40 * len(counts.index) + 160),
        margin={"l": 10, "r": 10, "t": 110, "b": 10},
    )
    fig.add_heatmap(
        z=counts.to_numpy(),
        x=list(counts.columns),
        y=row_labels,
        text=[[fmt.count(n) if n else "" for n in row] for row in counts.to_numpy()],
        texttemplate="%{text}",
        colorscale=fmt.HEATMAP_SCALE,
        colorbar={"title": {"text": "Customers"}},
        xgap=1,
        ygap=1,
        hovertemplate="KMeans %{y}<br>RFM %{x}<br>%{z:,} customers<extra></extra>",
    )
    return fig


def segment_sizes(crosstab: pd.DataFrame) -> pd.DataFrame:
    """Customers, their share and revenue per KMeans segment and per RFM segment, from the crosstab."""
    parts = []
    for column, segmentation in (("segment", "KMeans"), ("rfm_segment", "RFM")):
        part = crosstab.groupby(column, as_index=False)[["customers", "revenue"]].sum()
        part = part.rename(columns={column: "segment"}).sort_values("customers", ascending=False)
        part.insert(0, "segmentation", segmentation)
        part["customer_share"] = part["customers"] / part["customers"].sum()
        parts.append(part)
    columns = ["segmentation", "segment", "customers", "customer_share", "revenue"]
    return (
        pd.concat(parts, ignore_index=True)[columns] if not crosstab.empty else pd.DataFrame(columns=columns)
    )


def clv_bin_label(lower: float, upper: float | None) -> str:
    """'R$ 10–25' for a bin, 'R$ 2,500+' for the open-ended last one."""
    if fmt.is_missing(upper):
        return f"{fmt.brl(lower, 0)}+"
    return f"{fmt.brl(lower, 0)}–{float(upper):,.0f}"


def clv_histogram(frame: pd.DataFrame) -> go.Figure:
    """Customers per predicted 12-month CLV bin, each bar with its count and the bin's summed CLV."""
    labels = [
        clv_bin_label(lower, upper) for lower, upper in zip(frame["lower"], frame["upper"], strict=True)
    ]
    fig = figure(
        "Predicted 12-month lifetime value: customers per bin",
        xaxis={"type": "category", "title": {"text": "Predicted CLV (R$)"}},
        yaxis={"title": {"text": "Customers"}, "tickformat": ",d"},
    )
    fig.add_bar(
        x=labels,
        y=frame["customers"],
        marker_color=fmt.ACCENT,
        text=[fmt.count(n) for n in frame["customers"]],
        textposition="outside",
        customdata=[fmt.brl(value) for value in frame["predicted_clv"]],
        hovertemplate="%{x}<br>%{y:,} customers<br>predicted CLV %{customdata}<extra></extra>",
    )
    return fig


def intent_score_histogram(frame: pd.DataFrame) -> go.Figure:
    """Held-out sessions per purchase-probability bin, stacked by what they did (bought or not)."""
    fig = figure(
        "Purchase probability of held-out sessions",
        barmode="stack",
        xaxis={"title": {"text": "Predicted purchase probability"}, "tickformat": ".0%", "range": [0, 1]},
        yaxis={"title": {"text": "Sessions"}, "tickformat": ",d"},
        legend={"orientation": "h", "y": -0.2},
    )
    for converted, name, colour in (
        (False, "did not buy", fmt.NOT_CONVERTED),
        (True, "bought", fmt.CONVERTED),
    ):
        part = frame[frame["converted"] == converted]
        fig.add_bar(
            x=(part["lower"] + part["upper"]) / 2,
            y=part["sessions"],
            width=(part["upper"] - part["lower"]) * 0.95,
            name=name,
            marker_color=colour,
            hovertemplate=f"%{{x:.0%}} ± 2.5 pts<br>%{{y:,}} sessions {name}<extra></extra>",
        )
    return fig


def calibration_curve(frame: pd.DataFrame) -> go.Figure:
    """Mean predicted probability (x) against the observed rate (y) per bin; the diagonal is perfect."""
    top = max(float(frame["mean_predicted"].max()), float(frame["observed_rate"].max()), 0.01) * 1.1
    fig = figure(
        "Calibration on held-out sessions: predicted vs observed",
        xaxis={"title": {"text": "Mean predicted probability"}, "tickformat": ".0%", "range": [0, top]},
        yaxis={"title": {"text": "Observed conversion rate"}, "tickformat": ".0%", "range": [0, top]},
        legend={"orientation": "h", "y": -0.2},
    )
    fig.add_scatter(
        x=[0, top],
        y=[0, top],
        mode="lines",
        name="perfect calibration",
        line={"color": fmt.MUTED, "dash": "dot"},
    )
    hover = [
        f"bin {b}: predicted {fmt.percent(p)}<br>observed {fmt.rate_with_count(r, n, 'sessions')}"
        f" ({fmt.count(c)} bought)"
        for b, p, r, n, c in zip(
            frame["bin"],
            frame["mean_predicted"],
            frame["observed_rate"],
            frame["sessions"],
            frame["conversions"],
            strict=True,
        )
    ]
    fig.add_scatter(
        x=frame["mean_predicted"],
        y=frame["observed_rate"],
        mode="lines+markers",
        name="model",
        line={"color": fmt.ACCENT},
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )
    return fig


def feature_importance_bars(frame: pd.DataFrame, title: str) -> go.Figure:
    """Inputs by permutation importance (drop in held-out ROC AUC), most important on top."""
    ordered = frame.sort_values("importance_rank", ascending=False)
    labels = [f"−{fmt.number(value, 4)} ROC AUC" for value in ordered["importance"]]
    fig = figure(
        title,
        xaxis={"title": {"text": "Drop in held-out ROC AUC when shuffled"}},
        yaxis={"type": "category"},
        height=max(300, 28 * len(ordered) + 110),
    )
    return add_labelled_bars(fig, ordered["importance"], ordered["feature"], labels)

"""Chart builders on hand-made frames: DataFrame in, Plotly figure out, no Streamlit and no database."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from dashboard import formatting as fmt
from dashboard.state_grid import GRID_COLUMNS, GRID_ROWS, STATE_NAMES, STATE_TILES


def _cohorts(partial_feb_month_1: bool = False) -> pd.DataFrame:
    rows = [
        ("2017-02-01", 0, 32, 32, 1.0, True),
        ("2017-02-01", 1, 32, 4, 0.125, not partial_feb_month_1),
        ("2017-01-01", 0, 8, 8, 1.0, True),
        ("2017-01-01", 1, 8, 0, 0.0, True),
        ("2017-01-01", 2, 8, 1, 0.125, True),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "cohort_month",
            "months_since_first",
            "customers",
            "retained_customers",
            "retention_rate",
            "is_complete_period",
        ],
    )
    frame["cohort_month"] = pd.to_datetime(frame["cohort_month"])
    return frame


def test_cohort_heatmap_cells_show_percent_and_count() -> None:
    heatmap = charts.cohort_heatmap(_cohorts()).data[0]
    assert heatmap.type == "heatmap"
    row_feb = [label.startswith("2017-02") for label in heatmap.y].index(True)
    assert heatmap.text[row_feb][1] == "12.5%<br>n=4"
    assert heatmap.text[row_feb][0] == "100%<br>n=32"


def test_cohort_heatmap_rows_are_in_calendar_order_with_cohort_sizes() -> None:
    heatmap = charts.cohort_heatmap(_cohorts()).data[0]
    assert list(heatmap.y) == ["2017-01 · 8 customers", "2017-02 · 32 customers"]


def test_cohort_heatmap_leaves_months_after_the_data_blank() -> None:
    heatmap = charts.cohort_heatmap(_cohorts()).data[0]
    row_feb = [label.startswith("2017-02") for label in heatmap.y].index(True)
    assert heatmap.text[row_feb][2] == ""  # the February cohort has no month 2 yet
    assert math.isnan(heatmap.z[row_feb][2])


def test_cohort_heatmap_colour_scale_is_set_by_later_months_not_month_zero() -> None:
    heatmap = charts.cohort_heatmap(_cohorts()).data[0]
    assert heatmap.zmax == 0.125


def test_a_month_the_data_covers_in_part_is_marked_greyed_and_left_out_of_the_scale() -> None:
    coloured, grey = charts.cohort_heatmap(_cohorts(partial_feb_month_1=True)).data
    row_feb = [label.startswith("2017-02") for label in coloured.y].index(True)
    assert coloured.text[row_feb][1] == "12.5%<br>n=4<br>partial"
    assert math.isnan(coloured.z[row_feb][1]) and grey.z[row_feb][1] == 1.0
    assert coloured.zmax == 1.0  # nothing else is large enough to set the scale (January has 8 people)


def _states() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_state": ["SP", "RJ", "AC"],
            "revenue": [1000.0, 400.0, 10.0],
            "orders": [10, 4, 1],
            "customers": [9, 4, 1],
            "avg_delivery_days": [8.0, 12.0, 20.0],
            "delivered_orders": [100, 40, 2],
            "late_orders": [5, 8, 2],
            "late_share": [0.05, 0.2, 1.0],
        }
    )


def test_state_grid_places_each_of_the_27_states_on_its_own_tile() -> None:
    assert set(STATE_TILES) == set(STATE_NAMES)
    assert len(STATE_TILES) == 27
    assert len(set(STATE_TILES.values())) == 27
    assert all(0 <= col < GRID_COLUMNS and 0 <= row < GRID_ROWS for col, row in STATE_TILES.values())


def test_state_tile_map_colours_states_with_data_and_greys_the_rest() -> None:
    base, values = charts.state_tile_map(_states()).data
    col, row = STATE_TILES["SP"]
    assert values.z[row][col] == 1000.0
    col, row = STATE_TILES["MG"]
    assert math.isnan(values.z[row][col])
    assert base.text[row][col] == "MG"  # MG has no orders: drawn as a grey labelled tile
    tiles = [cell for line in base.z for cell in line if cell is not None]
    assert len(tiles) == 27


def test_state_tile_map_uses_no_geo_trace_so_it_draws_offline() -> None:
    figure = charts.state_tile_map(_states())
    assert all(trace.type == "heatmap" for trace in figure.data)
    assert "geo" not in figure.to_plotly_json()["layout"]


def test_late_share_labels_carry_the_delivered_count_and_mute_small_samples() -> None:
    bars = charts.state_late_share(_states()).data[0]
    by_state = dict(zip(bars.y, zip(bars.text, bars.marker.color, strict=True), strict=True))
    assert by_state["AC"][0] == "100.0% of 2 delivered (small sample)"
    assert by_state["AC"][1] == fmt.MUTED
    assert by_state["SP"][0] == "5.0% of 100 delivered"
    assert by_state["SP"][1] == fmt.ACCENT


def test_monthly_revenue_draws_orders_on_their_own_axis() -> None:
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2017-01-01", "2017-02-01"]),
            "orders": [26, 59],
            "revenue": [3000.5, 7000.25],
            "customers": [26, 58],
            "is_complete_month": [False, True],
        }
    )
    figure = charts.monthly_revenue(frame)
    bars, line = figure.data
    assert (bars.type, line.type) == ("bar", "scatter")
    assert list(bars.y) == [3000.5, 7000.25]
    # The first month is partial: paler, and its hover says why it is low.
    assert list(bars.marker.color) == [fmt.PARTIAL, fmt.ACCENT]
    assert "partial month" in bars.customdata[0] and "partial" not in bars.customdata[1]
    assert line.yaxis == "y2" and list(line.y) == [26, 59]


def test_payment_methods_label_each_share_with_the_total_behind_it() -> None:
    frame = pd.DataFrame(
        {
            "payment_type": ["credit_card", "boleto"],
            "orders": [3, 1],
            "payment_value": [30.0, 10.0],
            "order_share": [0.75, 0.25],
        }
    )
    bars = charts.payment_methods(frame).data[0]
    assert list(bars.y) == ["boleto", "credit_card"]  # largest on top
    assert list(bars.text) == ["1 · 25.0% of 4 orders (small sample)", "3 · 75.0% of 4 orders (small sample)"]


def test_top_categories_put_the_largest_on_top_with_order_counts() -> None:
    frame = pd.DataFrame(
        {"product_category": ["toys", "books"], "orders": [3, 12], "items": [3, 14], "revenue": [50.0, 900.0]}
    )
    bars = charts.top_categories(frame).data[0]
    # Horizontal bars draw bottom-up: the last one is on top.
    assert list(bars.y) == ["toys", "books"]
    assert bars.text[-1] == "R$ 900 · 12 orders"


def test_rfm_segments_show_customers_and_revenue() -> None:
    frame = pd.DataFrame(
        {
            "rfm_segment": ["New", "Champions"],
            "customers": [120, 3],
            "revenue": [15000.0, 1200.0],
            "avg_recency_days": [30.0, 10.0],
            "avg_frequency": [1.0, 2.3],
            "avg_monetary": [125.0, 400.0],
        }
    )
    bars = charts.rfm_segments(frame).data[0]
    assert list(bars.x) == [3, 120]
    assert bars.text[-1] == "120 customers · R$ 15.0k"


def test_zip_prefix_dots_sit_on_plain_axes_sized_by_revenue() -> None:
    frame = pd.DataFrame(
        {
            "zip_code_prefix": ["01037", "20040"],
            "city": ["sao paulo", "rio de janeiro"],
            "state": ["SP", "RJ"],
            "latitude": [-23.5, -22.9],
            "longitude": [-46.6, -43.2],
            "orders": [4, 1],
            "revenue": [400.0, 100.0],
        }
    )
    figure = charts.zip_prefix_dots(frame)
    dots, labels = figure.data
    assert isinstance(dots, go.Scatter) and dots.mode == "markers"
    assert dots.marker.size[0] > dots.marker.size[1]
    assert sorted(labels.text) == ["RJ", "SP"]
    assert "geo" not in figure.to_plotly_json()["layout"]


def test_rfm_profile_places_segments_by_recency_and_spend() -> None:
    frame = pd.DataFrame(
        {
            "rfm_segment": ["New", "Lost"],
            "customers": [100, 25],
            "revenue": [10000.0, 2500.0],
            "avg_recency_days": [20.0, 500.0],
            "avg_frequency": [1.0, 1.0],
            "avg_monetary": [100.0, 100.0],
        }
    )
    figure = charts.rfm_profile(frame)
    bubbles = figure.data[0]
    assert list(bubbles.x) == [20.0, 500.0] and list(bubbles.text) == ["New", "Lost"]
    assert bubbles.marker.size[0] == 2 * bubbles.marker.size[1] - 12  # area grows with customers
    assert figure.layout.xaxis.autorange == "reversed"  # recent on the right

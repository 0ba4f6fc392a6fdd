"""The ML marts are Dagster assets `[ml, name]`, downstream of the marts they read."""

from __future__ import annotations

from dagster import AssetKey, Definitions

from ml.marts import MARTS


def test_ml_assets_sit_between_the_marts_they_read_and_the_models_that_read_them(
    shoplens_defs: Definitions,
) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    churn = graph.get(AssetKey(["ml", "churn_scores"]))
    assert churn.is_materializable and churn.group_name == "ml"
    assert AssetKey(["marts", "fct_orders"]) in churn.parent_keys
    assert {AssetKey(["ml", m.name.removeprefix("ml_")]) for m in MARTS} <= graph.get_all_asset_keys()

"""dbt knows the ML marts as the source `ml`, column for column, and Dagster keys them `[ml, name]`."""

from __future__ import annotations

from pathlib import Path

import yaml
from dagster import AssetKey, Definitions

from ml.marts import MARTS
from shoplens.settings import DBT_PROJECT_DIR

SOURCES = DBT_PROJECT_DIR / "models" / "marts" / "ml" / "_ml__sources.yml"


def test_dbt_source_ml_lists_every_ml_mart_and_column_with_a_description() -> None:
    (source,) = yaml.safe_load(Path(SOURCES).read_text())["sources"]
    assert (source["name"], source["schema"]) == ("ml", "marts")
    declared = {
        t["name"]: [(c["name"], bool(c.get("description"))) for c in t["columns"]] for t in source["tables"]
    }
    assert declared == {m.name: [(c.name, True) for c in m.columns] for m in MARTS}
    assert all(t.get("description") for t in source["tables"])


def test_ml_assets_sit_between_the_marts_they_read_and_the_models_that_read_them(
    shoplens_defs: Definitions,
) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    churn = graph.get(AssetKey(["ml", "churn_scores"]))
    assert churn.is_materializable and churn.group_name == "ml"
    assert AssetKey(["marts", "fct_orders"]) in churn.parent_keys
    assert {AssetKey(["ml", m.name.removeprefix("ml_")]) for m in MARTS} <= graph.get_all_asset_keys()

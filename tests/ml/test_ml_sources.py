"""dbt knows the ML marts as the source `ml`, column for column, and Dagster keys them `[ml, name]`."""

from __future__ import annotations

from pathlib import Path

import yaml

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

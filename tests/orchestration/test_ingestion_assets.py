"""The ingestion asset: loads the landing folder into raw, reports rows per table, fails on refused files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dagster import AssetKey, DagsterEventType, ExecuteInProcessResult, materialize

from ingestion.raw_tables import RAW_TABLES
from orchestration.assets.ingestion import LANDING_SPECS, raw_tables
from orchestration.resources import WarehouseResource
from shoplens.settings import Settings
from shoplens.warehouse import Warehouse
from tests.conftest import csv_records

ORDERS = AssetKey(["raw", "olist_orders"])


def load_landing(settings: Settings) -> ExecuteInProcessResult:
    return materialize(
        [*LANDING_SPECS, raw_tables],
        resources={"warehouse": WarehouseResource(settings)},
        raise_on_error=False,
    )


def materialization_metadata(result: ExecuteInProcessResult, key: AssetKey) -> dict[str, int]:
    (event,) = [e for e in result.get_asset_materialization_events() if e.asset_key == key]
    metadata = event.step_materialization_data.materialization.metadata
    return {name: value.value for name, value in metadata.items() if isinstance(value.value, int)}


def test_landing_files_load_with_row_counts_and_reload_adds_nothing(
    warehouse: Warehouse, embedded_settings: Settings, sample_landing_dir: Path
) -> None:
    settings = replace(embedded_settings, landing_dir=sample_landing_dir)

    first = load_landing(settings)
    assert first.success
    expected_orders = csv_records(sample_landing_dir / "olist" / "olist_orders_dataset.csv")
    assert materialization_metadata(first, ORDERS) == {
        "rows_loaded": expected_orders,
        "rows_rejected": 0,
        "files_loaded": 1,
        "files_skipped": 0,
    }
    # One materialization per raw table, clickstream tables included (with nothing loaded).
    assert len(first.get_asset_materialization_events()) == len(RAW_TABLES)

    second = load_landing(settings)
    assert second.success
    assert materialization_metadata(second, ORDERS)["rows_loaded"] == 0
    assert materialization_metadata(second, ORDERS)["files_skipped"] == 1
    with warehouse.connect() as conn:
        assert conn.execute("select count(*) from raw.olist_orders").fetchone()[0] == expected_orders


def test_refused_file_fails_the_step_naming_the_file(
    warehouse: Warehouse, embedded_settings: Settings, tmp_path: Path
) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "mystery_export.csv").write_text("colour,flavour\nred,sweet\n")

    result = load_landing(replace(embedded_settings, landing_dir=landing))

    assert not result.success
    failures = [e for e in result.all_events if e.event_type == DagsterEventType.STEP_FAILURE]
    message = failures[0].step_failure_data.error.message
    assert "mystery_export.csv" in message
    assert "refused" in message


def test_missing_landing_folder_fails_with_what_to_do(embedded_settings: Settings, tmp_path: Path) -> None:
    result = load_landing(replace(embedded_settings, landing_dir=tmp_path / "nowhere"))

    assert not result.success
    failures = [e for e in result.all_events if e.event_type == DagsterEventType.STEP_FAILURE]
    assert "SHOPLENS_LANDING_DIR" in failures[0].step_failure_data.error.message

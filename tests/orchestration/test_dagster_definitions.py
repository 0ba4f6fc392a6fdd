"""The code location loads, validates, and wires ingestion to dbt by the naming rule alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from dagster import AssetKey, Definitions

from orchestration.assets.ingestion import LANDING_SOURCES
from orchestration.dbt_manifest import shoplens_dbt_project
from orchestration.definitions import build_definitions
from orchestration.sensors import assets_to_build
from shoplens.settings import PROJECT_ROOT


def test_definitions_resolve_job_schedule_and_sensor(shoplens_defs: Definitions) -> None:
    job = shoplens_defs.resolve_job_def("shoplens_job")
    schedule = shoplens_defs.resolve_schedule_def("daily_refresh")
    sensor = shoplens_defs.resolve_sensor_def("landing_folder_sensor")
    assert schedule.job_name == job.name
    assert sensor.job_name == job.name
    assert schedule.cron_schedule == "0 5 * * *"


def test_landed_files_rebuild_the_warehouse_but_do_not_retrain_the_models(shoplens_defs: Definitions) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    ml_keys = {key for key in graph.get_all_asset_keys() if key.path[0] == "ml"}
    assert ml_keys, "the ML marts are assets"
    selected = assets_to_build({"olist_orders", "events"}).resolve(graph)
    assert not selected & ml_keys
    assert {AssetKey(["marts", "fct_orders"]), AssetKey(["marts", "mart_insights"])} <= selected
    assert ml_keys <= shoplens_defs.resolve_job_def("shoplens_job").asset_layer.selected_asset_keys


def test_job_covers_every_materializable_asset_and_check(shoplens_defs: Definitions) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    job = shoplens_defs.resolve_job_def("shoplens_job")
    materializable = {key for key in graph.get_all_asset_keys() if graph.get(key).is_materializable}
    assert job.asset_layer.selected_asset_keys == materializable
    assert job.asset_layer.asset_graph.asset_check_keys == graph.asset_check_keys


def test_job_runs_in_process(shoplens_defs: Definitions) -> None:
    # 2 cores: the multiprocess executor would re-import the code location in every step.
    assert shoplens_defs.resolve_job_def("shoplens_job").executor_def.name == "in_process"


def test_every_raw_table_has_an_ingestion_asset_feeding_its_staging_model(shoplens_defs: Definitions) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    # Staging models are `stg_<source>__<entity>`; seeds share the schema but read no raw table.
    staging = [
        key
        for key in graph.get_all_asset_keys()
        if key.path[0] == "staging" and key.path[1].startswith("stg_")
    ]
    raw_tables = [(source, table) for source, (_, tables) in LANDING_SOURCES.items() for table in tables]
    for source, table in raw_tables:
        raw_key = AssetKey(["raw", table])
        raw = graph.get(raw_key)
        assert raw.is_materializable, f"{raw_key} must be the ingestion asset, not an external dbt source"
        assert raw.parent_keys == {AssetKey(["landing", source])}
        children = {key for key in raw.child_keys if key.path[0] == "staging"}
        assert children, f"no staging model reads raw.{table}"
    for key in staging:
        raw_parents = {p for p in graph.get(key).parent_keys if p.path[0] == "raw"}
        assert raw_parents, f"{key.to_user_string()} reads no raw table"
        assert all(graph.get(p).is_materializable for p in raw_parents)


def test_dbt_assets_follow_the_schema_naming_rule(shoplens_defs: Definitions) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    assert AssetKey(["marts", "fct_orders"]) in keys
    for key in keys:
        assert len(key.path) == 2, key
        assert graph.get(key).group_name == key.path[0], key


def test_loading_the_code_location_touches_no_database(monkeypatch: pytest.MonkeyPatch) -> None:
    # Port 1 refuses connections: any connection attempt during loading would raise.
    monkeypatch.setenv("SHOPLENS_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nothing")
    defs = build_definitions()
    assert defs.resolve_job_def("shoplens_job").name == "shoplens_job"


def test_dagster_cli_validates_the_code_location() -> None:
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run(
        [str(dagster), "definitions", "validate"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "shoplens" in result.stdout + result.stderr


def test_dbt_data_tests_are_blocking_asset_checks(shoplens_defs: Definitions) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    assert graph.asset_check_keys, "dbt data tests must appear as asset checks"
    # Error-severity dbt tests block: what depends on a failing check does not run.
    non_blocking = [key for key in graph.asset_check_keys if not graph.get_check_spec(key).blocking]
    assert non_blocking == []


def test_dbt_exposures_sit_downstream_of_the_marts_they_read(shoplens_defs: Definitions) -> None:
    graph = shoplens_defs.resolve_asset_graph()
    manifest = json.loads(shoplens_dbt_project().manifest_path.read_text())
    assert manifest["exposures"], "the dbt project declares the dashboard as an exposure"
    for exposure in manifest["exposures"].values():
        node = graph.get(AssetKey([exposure["type"], exposure["name"]]))
        assert not node.is_materializable  # Dagster shows it, the dashboard itself serves it
        uids = exposure["depends_on"]["nodes"]
        models = [manifest["nodes"][uid] for uid in uids if uid in manifest["nodes"]]
        # The ML marts are the source `ml`: they hang below the ML assets [ml, <name without ml_>].
        ml_marts = [manifest["sources"][uid] for uid in uids if uid in manifest["sources"]]
        assert len(models) + len(ml_marts) == len(uids)
        assert node.parent_keys == {AssetKey([m["schema"], m["alias"]]) for m in models} | {
            AssetKey(["ml", m["name"].removeprefix("ml_")]) for m in ml_marts if m["source_name"] == "ml"
        }

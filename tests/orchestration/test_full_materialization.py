"""The whole graph materialized on the Olist samples, through `shoplens run`'s entry point."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from dagster import (
    AssetCheckEvaluation,
    DagsterEventType,
    DagsterInstance,
    RunsFilter,
)

from orchestration.definitions import build_definitions
from orchestration.naming import ML_GROUP, ML_TABLE_PREFIX
from orchestration.run import materialize_all
from shoplens.settings import Settings
from shoplens.warehouse import Warehouse
from tests.conftest import csv_records


def _relation(path: list[str]) -> str:
    group, name = path
    return f"marts.{ML_TABLE_PREFIX}{name}" if group == ML_GROUP else f"{group}.{name}"


def run_events(instance: DagsterInstance, run_id: str, event_type: DagsterEventType) -> list:
    return [entry.dagster_event for entry in instance.all_logs(run_id, of_type=event_type)]


@pytest.mark.slow
def test_shoplens_run_materializes_every_asset_and_passes_every_check(
    warehouse: Warehouse, embedded_settings: Settings, sample_landing_dir: Path, samples_dir: Path
) -> None:
    settings = replace(embedded_settings, landing_dir=sample_landing_dir)

    assert materialize_all(settings) is True

    graph = build_definitions(settings).resolve_asset_graph()
    materializable = {key for key in graph.get_all_asset_keys() if graph.get(key).is_materializable}
    with DagsterInstance.from_config(str(settings.dagster_home)) as instance:
        runs = instance.get_runs(RunsFilter(tags={"shoplens/trigger": "shoplens run"}), limit=1)
        assert runs and runs[0].is_success, "the run is recorded in the persistent Dagster home"
        run_id = runs[0].run_id
        materialized = {
            event.asset_key for event in run_events(instance, run_id, DagsterEventType.ASSET_MATERIALIZATION)
        }
        evaluations: list[AssetCheckEvaluation] = [
            event.event_specific_data
            for event in run_events(instance, run_id, DagsterEventType.ASSET_CHECK_EVALUATION)
        ]
    assert materialized == materializable
    assert graph.asset_check_keys, "the dbt data tests appear as asset checks"
    assert {e.asset_check_key for e in evaluations} == graph.asset_check_keys
    assert [e.asset_check_key for e in evaluations if not e.passed] == []

    with warehouse.connect() as conn:
        orders = conn.execute("select count(*) from marts.fct_orders").fetchone()[0]
        # The naming rule: every dbt asset [schema, name] is the relation schema.name in PostgreSQL,
        # and every ML asset [ml, name] the mart marts.ml_name.
        missing = [
            key.to_user_string()
            for key in materialized
            if conn.execute("select to_regclass(%s)", (_relation(key.path),)).fetchone()[0] is None
        ]
        # Both dbt steps persisted their results under the run's id: the Data health page's last build.
        last_build = conn.execute(
            "select build_id, dbt_invocations, is_success, data_tests from marts.mart_dbt_builds "
            "where build_rank = 1"
        ).fetchone()
    assert orders == csv_records(samples_dir / "olist" / "olist_orders_dataset.csv")
    assert missing == []
    assert last_build is not None and last_build[:3] == (run_id, 2, True) and last_build[3] > 100

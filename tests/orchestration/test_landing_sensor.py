"""The landing-folder sensor: skips without files, requests a run for new or changed files only, which
loads just those files and builds just what they feed, one run at a time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from dagster import (
    DagsterInstance,
    DagsterRunStatus,
    Definitions,
    RunRequest,
    SensorResult,
    SkipReason,
    build_sensor_context,
)
from dagster._core.test_utils import create_run_for_test

from orchestration.jobs import shoplens_job
from orchestration.resources import WarehouseResource
from orchestration.sensors import SETTLE_SECONDS, landing_folder_sensor
from shoplens.settings import Settings

REES46_LINE = "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde\n"


@pytest.fixture(scope="module")
def instance() -> DagsterInstance:
    return DagsterInstance.ephemeral()


@pytest.fixture
def evaluate(shoplens_defs: Definitions, instance: DagsterInstance):
    def evaluate(landing: Path, cursor: str | None) -> SensorResult | SkipReason:
        # The sensor only reads the landing folder: the warehouse is never started here.
        resource = WarehouseResource(Settings(home=landing.parent / "home", landing_dir=landing))
        context = build_sensor_context(
            cursor=cursor,
            resources={"warehouse": resource},
            instance=instance,
            repository_def=shoplens_defs.get_repository_def(),
        )
        return landing_folder_sensor(context)

    return evaluate


def run_requests(result: SensorResult | SkipReason) -> list[RunRequest]:
    return list(result.run_requests or []) if isinstance(result, SensorResult) else []


def land(path: Path, text: str, age_seconds: float = SETTLE_SECONDS + 60) -> Path:
    """Write a file as if it had arrived `age_seconds` ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    arrived = time.time() - age_seconds
    os.utime(path, (arrived, arrived))
    return path


def cursor_of(result: SensorResult | SkipReason, previous: str | None) -> str | None:
    return result.cursor if isinstance(result, SensorResult) and result.cursor is not None else previous


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    return folder


def test_empty_landing_folder_skips(landing: Path, evaluate) -> None:
    result = evaluate(landing, None)
    assert not run_requests(result)
    assert isinstance(result, SkipReason) or result.skip_reason is not None


def test_missing_landing_folder_skips(tmp_path: Path, evaluate) -> None:
    assert not run_requests(evaluate(tmp_path / "not_there", None))


def test_new_file_requests_one_run_then_same_files_skip(landing: Path, evaluate) -> None:
    land(landing / "olist" / "olist_orders_dataset.csv", "order_id\n1\n")
    first = evaluate(landing, None)
    assert len(run_requests(first)) == 1
    cursor = cursor_of(first, None)
    again = evaluate(landing, cursor)
    assert not run_requests(again)


def test_changed_or_added_file_requests_a_new_run(landing: Path, evaluate) -> None:
    orders = land(landing / "olist" / "olist_orders_dataset.csv", "order_id\n1\n")
    first = evaluate(landing, None)
    cursor = cursor_of(first, None)
    land(orders, "order_id\n1\n2\n")
    changed = evaluate(landing, cursor)
    assert len(run_requests(changed)) == 1
    assert run_requests(changed)[0].run_key != run_requests(first)[0].run_key
    cursor = cursor_of(changed, cursor)
    land(landing / "olist" / "olist_sellers_dataset.csv", "seller_id\n")
    assert len(run_requests(evaluate(landing, cursor))) == 1


def test_file_still_being_written_waits_for_a_later_tick(landing: Path, evaluate) -> None:
    land(landing / "olist_orders_dataset.csv", "order_id\n", age_seconds=0)
    fresh = evaluate(landing, None)
    assert not run_requests(fresh)
    land(landing / "olist_orders_dataset.csv", "order_id\n")  # now settled
    assert len(run_requests(evaluate(landing, cursor_of(fresh, None)))) == 1


def test_hidden_temporary_files_are_ignored(landing: Path, evaluate) -> None:
    land(landing / ".olist_orders_dataset.csv.part", "order_id\n")
    assert not run_requests(evaluate(landing, None))


def test_a_run_loads_only_the_new_files_and_builds_only_what_they_feed(landing: Path, evaluate) -> None:
    land(landing / "olist" / "olist_orders_dataset.csv", "order_id\n1\n")
    cursor = cursor_of(evaluate(landing, None), None)
    land(landing / "events" / "live" / "oct.csv", REES46_LINE)
    [request] = run_requests(evaluate(landing, cursor))
    assert request.run_config["ops"]["load_landing_files"]["config"]["paths"] == ["events/live/oct.csv"]
    selected = {key.to_user_string() for key in request.asset_selection}
    fed = {"raw/rees46_events", "staging/stg_rees46__events", "marts/fct_sessions", "marts/mart_live_minutes"}
    assert fed <= selected
    # Not the other raw tables, not the Olist models, and never the ML models.
    assert not {"raw/events", "raw/olist_orders", "marts/fct_orders"} & selected
    assert not any(key.startswith("ml/") for key in selected)


def test_new_files_wait_while_a_run_is_in_progress(
    landing: Path, evaluate, instance: DagsterInstance
) -> None:
    land(landing / "events" / "oct.csv", REES46_LINE)
    run = create_run_for_test(instance, job_name=shoplens_job.name, status=DagsterRunStatus.STARTED)
    waiting = evaluate(landing, None)
    assert isinstance(waiting, SkipReason) and "wait" in (waiting.skip_message or "")
    instance.report_run_canceled(run)
    assert len(run_requests(evaluate(landing, None))) == 1

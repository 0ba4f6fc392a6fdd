"""The landing-folder sensor: skips without files, requests a run for new or changed files only."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from dagster import RunRequest, SensorResult, SkipReason, build_sensor_context

from orchestration.resources import WarehouseResource
from orchestration.sensors import SETTLE_SECONDS, landing_folder_sensor
from shoplens.settings import Settings


def evaluate(landing: Path, cursor: str | None) -> SensorResult | SkipReason:
    # The sensor only reads the landing folder: the warehouse is never started here.
    resource = WarehouseResource(Settings(home=landing.parent / "home", landing_dir=landing))
    context = build_sensor_context(cursor=cursor, resources={"warehouse": resource})
    return landing_folder_sensor(context)


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


def test_empty_landing_folder_skips(landing: Path) -> None:
    result = evaluate(landing, None)
    assert not run_requests(result)
    assert isinstance(result, SkipReason) or result.skip_reason is not None


def test_missing_landing_folder_skips(tmp_path: Path) -> None:
    assert not run_requests(evaluate(tmp_path / "not_there", None))


def test_new_file_requests_one_run_then_same_files_skip(landing: Path) -> None:
    land(landing / "olist" / "olist_orders_dataset.csv", "order_id\n1\n")
    first = evaluate(landing, None)
    assert len(run_requests(first)) == 1
    cursor = cursor_of(first, None)
    again = evaluate(landing, cursor)
    assert not run_requests(again)


def test_changed_or_added_file_requests_a_new_run(landing: Path) -> None:
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


def test_file_still_being_written_waits_for_a_later_tick(landing: Path) -> None:
    land(landing / "olist_orders_dataset.csv", "order_id\n", age_seconds=0)
    fresh = evaluate(landing, None)
    assert not run_requests(fresh)
    land(landing / "olist_orders_dataset.csv", "order_id\n")  # now settled
    assert len(run_requests(evaluate(landing, cursor_of(fresh, None)))) == 1


def test_hidden_temporary_files_are_ignored(landing: Path) -> None:
    land(landing / ".olist_orders_dataset.csv.part", "order_id\n")
    assert not run_requests(evaluate(landing, None))

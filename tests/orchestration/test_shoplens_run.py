"""`shoplens run`'s entry point records its runs in the persistent Dagster home."""

from __future__ import annotations

from pathlib import Path

from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

from orchestration.run import materialize_all, prepare_dagster_home
from shoplens.settings import Settings


def test_failed_run_returns_false_and_is_recorded_in_dagster_home(tmp_path: Path) -> None:
    # A missing landing folder fails the first step, before any database is needed.
    settings = Settings(home=tmp_path / "home", landing_dir=tmp_path / "no_landing")

    assert materialize_all(settings) is False

    assert (settings.dagster_home / "dagster.yaml").exists()
    with DagsterInstance.from_config(str(settings.dagster_home)) as instance:
        runs = instance.get_runs(RunsFilter(job_name="shoplens_job"))
    assert [run.status for run in runs] == [DagsterRunStatus.FAILURE]


def test_existing_dagster_yaml_is_kept(tmp_path: Path) -> None:
    home = tmp_path / "dagster"
    home.mkdir()
    custom = "telemetry:\n  enabled: true\n"
    (home / "dagster.yaml").write_text(custom)

    prepare_dagster_home(home)

    assert (home / "dagster.yaml").read_text() == custom


def test_the_dagster_home_dequeues_sensor_runs_every_second(tmp_path: Path) -> None:
    """`dagster dev` on this home starts a queued run within a second, not the default five."""
    with DagsterInstance.from_config(str(prepare_dagster_home(tmp_path / "dagster"))) as instance:
        assert instance.run_coordinator.dequeue_interval_seconds == 1

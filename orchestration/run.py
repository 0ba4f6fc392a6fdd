"""`shoplens run`: materialize the whole graph in this process, recorded in the persistent Dagster home.

The runs land in `settings.dagster_home` (SHOPLENS_HOME/dagster), the same instance `dagster dev` uses
when DAGSTER_HOME points there, so they show in the UI's run history and asset catalog.
"""

from __future__ import annotations

import logging
from pathlib import Path

from dagster import DagsterInstance

from orchestration.definitions import build_definitions
from orchestration.jobs import shoplens_job
from shoplens.settings import Settings

log = logging.getLogger(__name__)

# Same storage defaults as `dagster dev` (SQLite under DAGSTER_HOME); telemetry off for offline use.
MINIMAL_DAGSTER_YAML = """\
# Dagster instance of shoplens (written by `shoplens run`); storage defaults to SQLite in this folder.
telemetry:
  enabled: false
# `dagster dev` queues the landing sensor's runs; the default 5 s between dequeues would be 5 s
# more before new events reach the Live page.
run_coordinator:
  module: dagster._core.run_coordinator
  class: QueuedRunCoordinator
  config:
    dequeue_interval_seconds: 1
"""
# The default console logger prints every DEBUG event; a terminal user wants the steps.
QUIET_RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def prepare_dagster_home(dagster_home: Path) -> Path:
    """Create the Dagster home, with a minimal dagster.yaml unless one is already there."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    config = dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text(MINIMAL_DAGSTER_YAML)
    return dagster_home


def persistent_instance(settings: Settings) -> DagsterInstance:
    return DagsterInstance.from_config(str(prepare_dagster_home(settings.dagster_home)))


def materialize_all(settings: Settings, *, instance: DagsterInstance | None = None) -> bool:
    """Run shoplens_job (every asset and check) in-process; True when every step succeeded."""
    job = build_definitions(settings).resolve_job_def(shoplens_job.name)
    owned = instance is None
    instance = instance or persistent_instance(settings)
    try:
        result = job.execute_in_process(
            instance=instance,
            run_config=QUIET_RUN_CONFIG,
            raise_on_error=False,
            tags={"shoplens/trigger": "shoplens run"},
        )
    finally:
        if owned:
            instance.dispose()
    log.info("Dagster run %s %s", result.run_id, "succeeded" if result.success else "failed")
    return result.success

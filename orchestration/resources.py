"""Dagster resources: the warehouse (started and prepared lazily, once) and the dbt CLI.

Nothing here connects to a database or runs dbt when the code location loads: the warehouse is
prepared on first use inside a run, and then reused by every step of that process.
"""

from __future__ import annotations

import threading
from pathlib import Path

from dagster_dbt import DbtCliResource

from shoplens.dbt import dbt_executable
from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings, load_settings
from shoplens.warehouse import Warehouse, ensure_warehouse


class WarehouseResource:
    """The shoplens warehouse, for the settings given or, by default, those of the environment.

    A plain object rather than a ConfigurableResource on purpose: a database URL may hold a password,
    and resource config is shown in the Dagster UI.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings
        self._warehouse: Warehouse | None = None
        self._lock = threading.Lock()

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    @property
    def landing_dir(self) -> Path:
        return self.settings.landing_dir

    def get(self) -> Warehouse:
        """Start or reach PostgreSQL and prepare the database, the first time only."""
        with self._lock:
            if self._warehouse is None:
                self._warehouse = ensure_warehouse(self.settings)
            return self._warehouse


def dbt_cli_resource(project_dir: Path = DBT_PROJECT_DIR) -> DbtCliResource:
    """dbt from this venv, with profiles.yml at the repo root; the SHOPLENS_PG_* env is set per call."""
    return DbtCliResource(
        project_dir=str(project_dir),
        profiles_dir=str(PROJECT_ROOT),
        dbt_executable=dbt_executable(),
    )

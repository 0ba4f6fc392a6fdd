"""Settings read once from the environment, shared by ingestion, orchestration and the dashboard."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

DEFAULT_DATABASE = "shoplens"
DEFAULT_DASHBOARD_ROLE = "shoplens_dashboard"


@dataclass(frozen=True)
class Settings:
    """Where shoplens keeps its state and which PostgreSQL server it uses.

    `database_url` is None for the embedded server, which then lives under `home`.
    """

    home: Path
    landing_dir: Path
    database_url: str | None = None
    database_name: str = DEFAULT_DATABASE
    dashboard_role: str = DEFAULT_DASHBOARD_ROLE
    dashboard_password: str | None = None

    @property
    def pgdata_dir(self) -> Path:
        return self.home / "pgdata"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def is_embedded(self) -> bool:
        return self.database_url is None


def load_settings(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Settings:
    """Read the SHOPLENS_* variables; relative paths are taken from the working directory."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    return Settings(
        home=(cwd / env.get("SHOPLENS_HOME", ".shoplens")).resolve(),
        landing_dir=(cwd / env.get("SHOPLENS_LANDING_DIR", "data/landing")).resolve(),
        database_url=env.get("SHOPLENS_DATABASE_URL") or None,
        database_name=env.get("SHOPLENS_DATABASE_NAME", DEFAULT_DATABASE),
        dashboard_role=env.get("SHOPLENS_DASHBOARD_ROLE", DEFAULT_DASHBOARD_ROLE),
        dashboard_password=env.get("SHOPLENS_DASHBOARD_PASSWORD") or None,
    )

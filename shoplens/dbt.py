"""Run dbt against a prepared warehouse, with the environment that profiles.yml reads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from shoplens.errors import ShoplensError
from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT
from shoplens.warehouse import Warehouse


class DbtError(ShoplensError):
    """A dbt command failed; its own output says which model or test."""


def dbt_executable() -> str:
    """The dbt of this environment, so it works without activating the venv."""
    beside_python = Path(sys.executable).with_name("dbt")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("dbt")
    if not found:
        raise ShoplensError("dbt is not installed in this environment; run `uv sync`.")
    return found


def dbt_env(warehouse: Warehouse | None, log_dir: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["DBT_PROFILES_DIR"] = str(PROJECT_ROOT)
    env["DBT_PROJECT_DIR"] = str(DBT_PROJECT_DIR)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if log_dir is not None:
        env["DBT_LOG_PATH"] = str(log_dir)
    if warehouse is not None:
        env.update(warehouse.dbt_env())
    return env


def run_dbt(
    warehouse: Warehouse | None,
    args: Sequence[str],
    *,
    log_dir: Path | None = None,
    capture: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run `dbt ARGS` in the dbt project; raise DbtError when it fails."""
    result = subprocess.run(
        [dbt_executable(), *args],
        cwd=DBT_PROJECT_DIR,
        env=dbt_env(warehouse, log_dir),
        text=True,
        capture_output=capture,
        check=False,
    )
    if result.returncode != 0:
        detail = f"\n{result.stdout[-4000:]}" if capture and result.stdout else ""
        raise DbtError(f"dbt {' '.join(args)} failed (exit {result.returncode}).{detail}")
    return result

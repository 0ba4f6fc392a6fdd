"""Start the long-running servers: the Streamlit dashboard and the dbt docs site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from shoplens.dbt import run_dbt
from shoplens.errors import ShoplensError
from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings
from shoplens.warehouse import Warehouse

# The app (dashboard/app.py) behind its web server, which sends nested paths back to their page.
DASHBOARD_SERVER = PROJECT_ROOT / "dashboard" / "server.py"


def dashboard_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(DASHBOARD_SERVER),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        # Viewers get no developer menu or "Deploy" button: the dashboard only reads.
        "--client.toolbarMode",
        "viewer",
    ]


def dashboard_env(warehouse: Warehouse) -> dict[str, str]:
    """The dashboard connects as the read-only role, never as the owner."""
    return {**os.environ, "SHOPLENS_DASHBOARD_DATABASE_URL": warehouse.dashboard.url}


def serve_dashboard(warehouse: Warehouse, port: int) -> int:
    """Run the dashboard in the foreground until Ctrl-C; return its exit code."""
    print(f"Dashboard: http://localhost:{port}  (Ctrl-C to stop)", flush=True)
    return _run_foreground(dashboard_command(port), dashboard_env(warehouse))


def generate_docs(warehouse: Warehouse, settings: Settings, static_out: Path | None = None) -> None:
    """dbt docs with the catalog read from the warehouse; optionally one self-contained HTML file."""
    args = ["docs", "generate"] + (["--static"] if static_out else [])
    run_dbt(warehouse, args, log_dir=settings.logs_dir)
    if static_out:
        static_out.parent.mkdir(parents=True, exist_ok=True)
        built = DBT_PROJECT_DIR / "target" / "static_index.html"
        tmp = static_out.with_name(static_out.name + ".tmp")
        shutil.copyfile(built, tmp)
        os.replace(tmp, static_out)  # never leave a half-written file under the final name


def serve_docs(warehouse: Warehouse, settings: Settings, port: int) -> int:
    from shoplens.dbt import dbt_env, dbt_executable

    print(f"dbt docs: http://localhost:{port}  (Ctrl-C to stop)", flush=True)
    command = [dbt_executable(), "docs", "serve", "--port", str(port), "--host", "127.0.0.1", "--no-browser"]
    return _run_foreground(command, dbt_env(warehouse, settings.logs_dir), cwd=DBT_PROJECT_DIR)


def _run_foreground(command: list[str], env: dict[str, str], cwd: Path | None = None) -> int:
    try:
        return subprocess.run(command, env=env, cwd=cwd, check=False).returncode
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        raise ShoplensError(f"Could not start {command[0]}: {exc}") from exc

"""The dbt project and its manifest, from which the dbt assets are built.

Loading the code location reads `dbt_project/target/manifest.json`. It runs `dbt parse` only when the
manifest is missing, or older than a file of the dbt project (so a model added since the last parse is
not silently missing from the graph). Parsing needs no database, but profiles.yml is rendered, so its
SHOPLENS_PG_* variables get harmless placeholders when they are unset.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from dagster_dbt import DbtProject

from shoplens.dbt import DbtError, dbt_env, dbt_executable
from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT

log = logging.getLogger(__name__)

# Only rendered, never connected to: `dbt parse` opens no connection.
PARSE_PLACEHOLDERS = {
    "SHOPLENS_PG_HOST": "localhost",
    "SHOPLENS_PG_PORT": "5432",
    "SHOPLENS_PG_USER": "shoplens",
    "SHOPLENS_PG_DBNAME": "shoplens",
}
# What a manifest is made from; target/, logs/ and dbt_packages/ are outputs.
PROJECT_SOURCE_DIRS = ("models", "macros", "tests", "seeds", "snapshots", "analyses")


def shoplens_dbt_project(project_dir: Path = DBT_PROJECT_DIR) -> DbtProject:
    """The dbt project, with profiles.yml at the repo root (it reads the SHOPLENS_PG_* variables)."""
    return DbtProject(project_dir=project_dir, profiles_dir=PROJECT_ROOT)


def newest_source_mtime(project_dir: Path) -> float:
    """The latest modification time of any file the manifest is parsed from."""
    paths = [project_dir / "dbt_project.yml"]
    for name in PROJECT_SOURCE_DIRS:
        folder = project_dir / name
        if folder.is_dir():
            paths.extend(p for p in folder.rglob("*") if p.is_file())
    return max(p.stat().st_mtime for p in paths if p.exists())


def manifest_is_current(project: DbtProject) -> bool:
    manifest = project.manifest_path
    return manifest.exists() and manifest.stat().st_mtime >= newest_source_mtime(project.project_dir)


def parse_project(project: DbtProject) -> Path:
    """Run `dbt parse` into a private folder, then move the manifest into place atomically.

    The private folder keeps a concurrent reader (another code server, a test, a dbt build) from
    ever seeing a half-written manifest.
    """
    target = project.project_dir / project.target_path
    target.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".parse-", dir=target))
    env = dbt_env(None, log_dir=scratch)
    env["DBT_PROJECT_DIR"] = str(project.project_dir)
    for key, value in PARSE_PLACEHOLDERS.items():
        env.setdefault(key, value)
    started = time.time()
    try:
        result = subprocess.run(
            [dbt_executable(), "parse", "--quiet", "--target-path", str(scratch)],
            cwd=project.project_dir,
            env=env,
            text=True,
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            raise DbtError(
                f"dbt parse failed in {project.project_dir} (exit {result.returncode}); fix the dbt project "
                f"and reload the code location.\n{(result.stdout + result.stderr)[-4000:]}"
            )
        os.replace(scratch / "manifest.json", project.manifest_path)
        # Dated when the parse began: a file edited during the parse still makes it stale.
        os.utime(project.manifest_path, (started, started))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    log.info("parsed the dbt project into %s", project.manifest_path)
    return project.manifest_path


def ensure_manifest(project: DbtProject) -> Path:
    """The path of an up-to-date manifest, parsing the project only if it is missing or stale."""
    if not manifest_is_current(project):
        parse_project(project)
    return project.manifest_path

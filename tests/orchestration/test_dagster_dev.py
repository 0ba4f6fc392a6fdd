"""`dagster dev`, as a data engineer types it in the repo root, loads the shoplens code location."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from orchestration.run import materialize_all
from shoplens.settings import PROJECT_ROOT, Settings
from tests.process_groups import stop_process_group

LOCATION_QUERY = """
{ workspaceOrError { __typename ... on Workspace { locationEntries { name
    locationOrLoadError { __typename
      ... on RepositoryLocation { repositories { name
            jobs { name } schedules { name } sensors { name } assetNodes { assetKey { path } } } }
      ... on PythonError { message } } } } } }
"""
RUNS_QUERY = "{ runsOrError { ... on Runs { results { jobName status tags { key value } } } } }"
LOAD_TIMEOUT_SECONDS = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


def query_location(port: int) -> dict | None:
    """The shoplens location entry, or None while the webserver or the location is still starting."""
    try:
        workspace = graphql(port, LOCATION_QUERY)["workspaceOrError"]
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    entries = {entry["name"]: entry for entry in workspace.get("locationEntries", [])}
    entry = entries.get("shoplens")
    if entry is None or entry["locationOrLoadError"] is None:
        return None
    return entry["locationOrLoadError"]


@pytest.mark.slow
def test_dagster_dev_loads_the_code_location_and_shows_shoplens_run_history(tmp_path: Path) -> None:
    # A `shoplens run` first (it fails fast: no landing folder), recorded in SHOPLENS_HOME/dagster.
    settings = Settings(home=tmp_path / "shoplens_home", landing_dir=tmp_path / "landing")
    assert materialize_all(settings) is False
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(settings.dagster_home),  # what the README tells data engineers to set
        "SHOPLENS_HOME": str(settings.home),
        "SHOPLENS_LANDING_DIR": str(settings.landing_dir),  # absent: the sensor only skips
    }
    log = (tmp_path / "dagster_dev.log").open("w")
    dagster = Path(sys.executable).with_name("dagster")
    process = subprocess.Popen(
        [str(dagster), "dev", "--port", str(port), "--host", "127.0.0.1"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the webserver, daemon and code server stop together
    )
    try:
        location = None
        deadline = time.monotonic() + LOAD_TIMEOUT_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            location = query_location(port)
            if location is not None:
                break
            time.sleep(2)
        output = (tmp_path / "dagster_dev.log").read_text()[-3000:]
        assert location is not None, f"dagster dev did not load the location in time:\n{output}"
        assert location["__typename"] == "RepositoryLocation", location.get("message", location)
        (repository,) = location["repositories"]
        assert "shoplens_job" in {job["name"] for job in repository["jobs"]}
        assert {s["name"] for s in repository["schedules"]} == {"daily_refresh"}
        assert {s["name"] for s in repository["sensors"]} == {"landing_folder_sensor"}
        keys = {tuple(node["assetKey"]["path"]) for node in repository["assetNodes"]}
        assert {("raw", "olist_orders"), ("marts", "fct_orders")} <= keys
        runs = graphql(port, RUNS_QUERY)["runsOrError"]["results"]
        assert [(r["jobName"], r["status"]) for r in runs] == [("shoplens_job", "FAILURE")]
    finally:
        stop_process_group(process)
        log.close()

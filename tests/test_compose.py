"""compose.yaml is valid for Docker Compose, keeps no credentials and health-checks every service.

There is no Docker engine here, so Debian's docker-compose validates the file instead of running it.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from shoplens.settings import PROJECT_ROOT

COMPOSE_FILE = PROJECT_ROOT / "compose.yaml"
LONG_RUNNING = {"postgres", "dagster-webserver", "dagster-daemon", "dashboard"}


def _compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("docker-compose")
    if executable is None:
        pytest.fail("docker-compose is not installed (apt-get install docker-compose; .ci/run does it)")
    return subprocess.run(
        [executable, "-f", str(COMPOSE_FILE), "config", "-q"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _env_without_secrets() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.endswith("_PASSWORD")}


def test_compose_file_is_valid_when_secrets_are_given() -> None:
    env = {**_env_without_secrets(), "SHOPLENS_DB_PASSWORD": "a", "SHOPLENS_DASHBOARD_PASSWORD": "b"}
    result = _compose_config(env)
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_a_password_from_the_environment() -> None:
    result = _compose_config(_env_without_secrets())
    assert result.returncode != 0
    assert "SHOPLENS_DB_PASSWORD" in result.stderr


def test_every_long_running_service_has_a_healthcheck() -> None:
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    assert set(services) >= LONG_RUNNING
    for name in LONG_RUNNING:
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_dashboard_service_gets_only_the_read_only_role() -> None:
    dashboard = yaml.safe_load(COMPOSE_FILE.read_text())["services"]["dashboard"]
    env = dashboard["environment"]
    assert set(env) == {"SHOPLENS_DASHBOARD_DATABASE_URL"}
    assert env["SHOPLENS_DASHBOARD_DATABASE_URL"].startswith("postgresql://shoplens_dashboard:")

"""Fixtures that build real state in real PostgreSQL: the embedded server and the external one."""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from shoplens.settings import PROJECT_ROOT, Settings
from shoplens.warehouse import Warehouse, embedded_server, ensure_warehouse, stop_embedded

SAMPLES_DIR = PROJECT_ROOT.parent / "shared" / "data" / "samples"
EXTERNAL_URL = os.environ.get("SHOPLENS_TEST_EXTERNAL_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

# The generated, scored shop of tests/ml and the dashboard's model pages.
pytest_plugins = ("tests.generated_shop",)


def csv_records(path: Path) -> int:
    """The data records of a CSV file (header excluded), counted by Python's csv module, not by lines."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The real data samples; a fresh clone without them skips these tests, CI fails without them."""
    if not SAMPLES_DIR.is_dir():
        message = f"sample data not found at {SAMPLES_DIR}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must have the samples; the tests that need them must run)")
        pytest.skip(message)
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def shoplens_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One embedded server for the whole session; each test gets its own database on it."""
    home = tmp_path_factory.mktemp("shoplens_home")
    settings = Settings(home=home, landing_dir=home / "landing")
    embedded_server(settings)
    yield home
    stop_embedded(settings)


def _unique_name() -> str:
    return f"shoplens_test_{uuid.uuid4().hex[:10]}"


def drop_database(warehouse: Warehouse) -> None:
    admin = replace(warehouse.owner, dbname="postgres")
    with admin.connect(autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(warehouse.owner.dbname))
        )


def _external_base() -> str:
    try:
        with psycopg.connect(EXTERNAL_URL, connect_timeout=3):
            return EXTERNAL_URL
    except psycopg.OperationalError as exc:
        message = f"no PostgreSQL server at {EXTERNAL_URL}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI starts one; the external path must be tested)")
        pytest.skip(message)


def make_settings(kind: str, home: Path) -> Settings:
    """Settings for a brand-new database on the embedded or the external server."""
    name = _unique_name()
    if kind == "embedded":
        return Settings(home=home, landing_dir=home / "landing" / name, database_name=name)
    base = _external_base().rsplit("/", 1)[0]
    return Settings(home=home, landing_dir=home / "landing" / name, database_url=f"{base}/{name}")


@pytest.fixture
def embedded_settings(shoplens_home: Path) -> Settings:
    return make_settings("embedded", shoplens_home)


@pytest.fixture
def warehouse(embedded_settings: Settings) -> Iterator[Warehouse]:
    """A fresh, prepared warehouse database on the embedded server."""
    wh = ensure_warehouse(embedded_settings)
    yield wh
    drop_database(wh)


@pytest.fixture(params=["embedded", "external"])
def any_settings(request: pytest.FixtureRequest, shoplens_home: Path) -> Settings:
    """Settings for a fresh database on each server: the embedded one and 127.0.0.1:5432."""
    return make_settings(request.param, shoplens_home)


@pytest.fixture
def any_warehouse(any_settings: Settings) -> Iterator[Warehouse]:
    wh = ensure_warehouse(any_settings)
    yield wh
    drop_database(wh)


@pytest.fixture(scope="session")
def built_sample_warehouse(shoplens_home: Path, samples_dir: Path) -> Iterator[Warehouse]:
    """The Olist sample loaded and `dbt build` passed: read-only tests share it, so don't mutate it."""
    from ingestion.loader import LOADED, load_paths
    from shoplens.dbt import run_dbt

    wh = ensure_warehouse(make_settings("embedded", shoplens_home))
    results = load_paths(wh.owner, [samples_dir / "olist"])
    problems = [r for r in results if r.status != LOADED or r.rows_rejected]
    assert not problems, f"the Olist sample did not load cleanly: {problems}"
    run_dbt(wh, ["build"], capture=True)
    yield wh
    drop_database(wh)

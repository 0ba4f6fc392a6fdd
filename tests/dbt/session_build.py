"""Helpers for the session tests: a throwaway warehouse, and building just the session marts in it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from psycopg import sql
from warehouse_marts import BuildOutcome, dbt_build

from ingestion.loader import LOADED, load_paths
from shoplens.settings import Settings
from shoplens.warehouse import Warehouse, ensure_warehouse

# The session marts and everything upstream of them, with their unit tests and the data tests whose
# every parent is built here (not the funnel marts' tests, which read fct_sessions too).
SESSION_SELECTION = ("--select", "+models/marts/sessions", "--indirect-selection", "buildable")


def build_sessions(warehouse: Warehouse, work_dir: Path, *args: str) -> BuildOutcome:
    """`dbt build` the session marts and their upstream (extra args, e.g. --full-refresh, go to dbt)."""
    return dbt_build(warehouse, work_dir, *SESSION_SELECTION, *args)


def load(warehouse: Warehouse, *paths: Path) -> None:
    """Load files through the real loader; every one must load with no rejected row."""
    results = load_paths(warehouse.owner, list(paths))
    problems = [(r.file_name, r.status, r.rows_rejected, r.message) for r in results if r.status != LOADED]
    problems += [(r.file_name, r.status, r.rows_rejected, r.message) for r in results if r.rows_rejected]
    assert results and not problems, problems


@contextmanager
def fresh_warehouse(settings: Settings) -> Iterator[Warehouse]:
    """A prepared warehouse database that is dropped afterwards."""
    warehouse = ensure_warehouse(settings)
    try:
        yield warehouse
    finally:
        with replace(warehouse.owner, dbname="postgres").connect(autocommit=True) as conn:
            database = sql.Identifier(warehouse.owner.dbname)
            conn.execute(sql.SQL("drop database if exists {} with (force)").format(database))

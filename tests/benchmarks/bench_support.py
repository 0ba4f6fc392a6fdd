"""What the benchmarks share: a fresh database on a benchmark's own embedded server, and dropping it."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from psycopg import sql

from shoplens.settings import Settings
from shoplens.warehouse import Warehouse, ensure_warehouse


def bench_settings(home: Path, database_name: str = "shoplens") -> Settings:
    return Settings(home=home, landing_dir=home / "landing", database_name=database_name)


def fresh_warehouse(home: Path) -> Warehouse:
    return ensure_warehouse(bench_settings(home, f"bench_{uuid.uuid4().hex[:8]}"))


def drop(warehouse: Warehouse) -> None:
    with replace(warehouse.owner, dbname="postgres").connect(autocommit=True) as conn:
        conn.execute(sql.SQL("drop database {} with (force)").format(sql.Identifier(warehouse.owner.dbname)))

"""Helpers for the ingestion tests: reading raw state back from real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from psycopg import sql

from shoplens.warehouse import Warehouse


def _raw_count(warehouse: Warehouse, table: str) -> int:
    with warehouse.connect() as conn:
        row = conn.execute(sql.SQL("select count(*) from raw.{}").format(sql.Identifier(table))).fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture
def raw_count() -> Callable[[Warehouse, str], int]:
    """Rows in one raw table."""
    return _raw_count


@pytest.fixture
def audit_rows() -> Callable[[Warehouse], list[dict]]:
    """Every raw.load_audit row, oldest first, as dicts."""

    def read(warehouse: Warehouse) -> list[dict]:
        with warehouse.connect() as conn, conn.cursor() as cur:
            cur.execute("select * from raw.load_audit order by load_id")
            names = [d.name for d in cur.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    return read

"""The warehouse lifecycle on both servers: database, schemas and a dashboard role that reads marts only."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from shoplens.settings import Settings
from shoplens.warehouse import SCHEMAS, ensure_warehouse


def test_ensure_warehouse_creates_database_and_schemas(any_warehouse) -> None:
    with any_warehouse.connect() as conn:
        found = {
            row[0]
            for row in conn.execute(
                "select schema_name from information_schema.schemata where schema_name = any(%s)",
                (list(SCHEMAS),),
            )
        }
    assert found == set(SCHEMAS)


def test_ensure_warehouse_is_idempotent(any_settings: Settings, any_warehouse) -> None:
    again = ensure_warehouse(any_settings)
    assert again == any_warehouse


@pytest.mark.parametrize("schema", ["raw", "staging", "intermediate"])
def test_dashboard_role_cannot_read_other_schemas(any_warehouse, schema: str) -> None:
    with any_warehouse.connect(autocommit=True) as conn:
        conn.execute(sql.SQL("create table {}.secret as select 1 as x").format(sql.Identifier(schema)))
    with any_warehouse.dashboard.connect() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql.SQL("select * from {}.secret").format(sql.Identifier(schema)))


def test_dashboard_role_reads_tables_created_later_in_marts(any_warehouse) -> None:
    with any_warehouse.connect(autocommit=True) as conn:
        conn.execute("create table marts.later as select 42 as answer")
    with any_warehouse.dashboard.connect() as conn:
        assert conn.execute("select answer from marts.later").fetchone() == (42,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("create table marts.mine (x int)")

"""Does an incremental build leave exactly what a full refresh gives? Compare every clickstream model.

`keep_copies` copies each model downstream of the event and UCI sources into a schema of its own;
after `dbt build --full-refresh`, `differences` compares each copy with the rebuilt model by
`except all` in both directions, so a row that is missing, extra or duplicated on either side
shows. Bookkeeping columns (when a row was written, and the old session id a reopened session
leaves on its events) differ by design and are left out, as is the change feed itself.

The benchmark imports this module too (tests/benchmarks/bench_incremental_build.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from psycopg import sql

from shoplens.warehouse import Warehouse

COPY_SCHEMA = "incremental_copy"
BOOKKEEPING_COLUMNS = frozenset(
    {"sessionized_at", "previous_session_id", "updated_at", "refreshed_at", "changed_at"}
)
CLICKSTREAM_SOURCES = ("events", "rees46_events", "journey_events", "uci_sessions")
NOT_COMPARED = frozenset({"int_session_changes"})  # the change feed: one row per run and day


def clickstream_models(manifest_path: Path) -> list[tuple[str, str]]:
    """(schema, table) of every model fed, directly or not, by a clickstream source, from dbt's manifest."""
    manifest = json.loads(manifest_path.read_text())
    sources = {
        unique_id
        for unique_id, node in manifest["sources"].items()
        if node["source_name"] == "raw" and node["name"] in CLICKSTREAM_SOURCES
    }
    children = manifest["child_map"]
    found, frontier = set(), list(sources)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child.startswith("model.") and child not in found:
                found.add(child)
                frontier.append(child)
    nodes = [manifest["nodes"][unique_id] for unique_id in found]
    return sorted(
        (node["schema"], node["alias"])
        for node in nodes
        if node["config"]["materialized"] != "view" and node["alias"] not in NOT_COMPARED
    )


def _columns(warehouse: Warehouse, schema: str, table: str) -> list[str]:
    with warehouse.connect() as conn:
        rows = conn.execute(
            "select column_name from information_schema.columns where table_schema = %s and table_name = %s"
            " order by ordinal_position",
            (schema, table),
        ).fetchall()
    return [name for (name,) in rows if name not in BOOKKEEPING_COLUMNS]


def keep_copies(warehouse: Warehouse, models: list[tuple[str, str]]) -> None:
    """Copy the compared columns of each model into COPY_SCHEMA (replacing earlier copies)."""
    with warehouse.connect() as conn:
        conn.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(COPY_SCHEMA)))
        conn.execute(sql.SQL("create schema {}").format(sql.Identifier(COPY_SCHEMA)))
        for schema, table in models:
            columns = sql.SQL(", ").join(map(sql.Identifier, _columns(warehouse, schema, table)))
            conn.execute(
                sql.SQL("create table {} as select {} from {}").format(
                    sql.Identifier(COPY_SCHEMA, f"{schema}__{table}"), columns, sql.Identifier(schema, table)
                )
            )


def differences(warehouse: Warehouse, models: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """{schema.table: (rows only in the copy, rows only in the model)} for every model that differs."""
    found = {}
    with warehouse.connect() as conn:
        for schema, table in models:
            columns = sql.SQL(", ").join(map(sql.Identifier, _columns(warehouse, schema, table)))
            copy = sql.Identifier(COPY_SCHEMA, f"{schema}__{table}")
            model = sql.Identifier(schema, table)
            only = sql.SQL("select count(*) from (select {c} from {a} except all select {c} from {b}) as d")
            in_copy = conn.execute(only.format(c=columns, a=copy, b=model)).fetchone()[0]
            in_model = conn.execute(only.format(c=columns, a=model, b=copy)).fetchone()[0]
            if in_copy or in_model:
                found[f"{schema}.{table}"] = (in_copy, in_model)
        conn.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(COPY_SCHEMA)))
    return found

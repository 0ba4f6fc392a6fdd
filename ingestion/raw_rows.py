"""Moving the good landed rows into their typed raw table, with the load id and line on every row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from ingestion.formats import HeaderMatch
from ingestion.landing import LANDING_TABLE, LINE, field_name
from ingestion.rejects import row_reason_expression
from ingestion.validation import ValueChecks, cast_expression


def insert_good_rows(conn: psycopg.Connection, match: HeaderMatch, load_id: int) -> int:
    """One INSERT ... SELECT of every landed row without a reject reason; returns the rows inserted.

    Validation and casting happen in the same pass, so a clean file is scanned once; the rejects
    (read - inserted) are recorded by a second pass only when there are some.
    """
    table = match.format.table
    targets = [sql.Identifier(c.name) for c in table.columns]
    values = [
        cast_expression(c, sql.Identifier(field_name(match.field_of_column[c.name]))) for c in table.columns
    ]
    query = sql.SQL(
        "insert into raw.{table} ({targets}, _load_id, _line_number) "
        "select {values}, {load_id}, {line} from {landing} where {reason} is null"
    ).format(
        table=sql.Identifier(table.name),
        targets=sql.SQL(", ").join(targets),
        values=sql.SQL(", ").join(values),
        load_id=sql.Literal(load_id),
        line=sql.Identifier(LINE),
        landing=LANDING_TABLE,
        reason=row_reason_expression(match, ValueChecks.for_server(conn.info.server_version)),
    )
    with _fk_checks_skipped_if_allowed(conn):
        return conn.execute(query).rowcount


@contextmanager
def _fk_checks_skipped_if_allowed(conn: psycopg.Connection) -> Iterator[None]:
    """Skip the per-row check of `_load_id` against raw.load_audit while the rows go in.

    Every row references the audit row this same transaction inserted, so the check cannot fail,
    yet on a million rows it costs more than the insert itself. Skipping it (replica mode, as
    pg_restore does) needs the right to set session_replication_role: superusers have it, others
    can be granted it (GRANT SET ON PARAMETER); without it the rows are checked as usual.
    """
    row = conn.execute("select has_parameter_privilege('session_replication_role', 'SET')").fetchone()
    allowed = bool(row and row[0])
    if allowed:
        conn.execute("set local session_replication_role = replica")
    try:
        yield
    finally:
        if allowed and not conn.broken:
            conn.execute("set local session_replication_role = origin")

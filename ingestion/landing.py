"""The landing table: a file's fields as text, COPYed in one stream, gone when the transaction ends.

It is a temporary table (no WAL, dropped on commit or rollback), so landing costs little more than
the COPY itself and a crash leaves nothing behind. Columns are `f1..fN` in the file's field order,
then the record's physical line, and the reason/raw text of a record with a wrong field count.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg
from psycopg import sql

LANDING_TABLE = sql.Identifier("shoplens_landing")
LINE, FIELD_COUNT_REASON, RAW_LINE = "_line_number", "_field_count_reason", "_raw_line"


def field_name(position: int) -> str:
    """The landing column of a 0-based field position."""
    return f"f{position + 1}"


def create_landing_table(conn: psycopg.Connection, width: int) -> None:
    fields = [sql.SQL("{} text").format(sql.Identifier(field_name(i))) for i in range(width)]
    extras = [
        sql.SQL("{} bigint not null").format(sql.Identifier(LINE)),
        sql.SQL("{} text").format(sql.Identifier(FIELD_COUNT_REASON)),
        sql.SQL("{} text").format(sql.Identifier(RAW_LINE)),
    ]
    conn.execute(
        sql.SQL("create temporary table {} ({}) on commit drop").format(
            LANDING_TABLE, sql.SQL(", ").join(fields + extras)
        )
    )


def copy_into_landing(conn: psycopg.Connection, rows: Iterable[list[str | int | None]]) -> int:
    """Stream the rows into the landing table with one COPY; returns how many were copied."""
    with conn.cursor() as cursor:
        # Text format: psycopg escapes each row in C, so tabs, backslashes and newlines are safe.
        with cursor.copy(sql.SQL("copy {} from stdin").format(LANDING_TABLE)) as copy:
            for row in rows:
                copy.write_row(row)
        return cursor.rowcount

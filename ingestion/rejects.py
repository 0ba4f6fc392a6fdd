"""Rejected rows: found in bulk in the landing table and kept in raw.rejected_rows with line and reason."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from ingestion.event_keys import event_key
from ingestion.formats import HeaderMatch
from ingestion.landing import FIELD_COUNT_REASON, LANDING_TABLE, LINE, RAW_LINE, field_name
from ingestion.validation import ValueChecks, csv_line_expression, reason_expression

# How many rejects a LoadResult carries for display; all of them stay in raw.rejected_rows.
SHOWN_REJECTS = 5
EVERY_ROW = sql.SQL("true")
HELD_BACK_REASON = "strict mode: valid, but not loaded because other rows of the file were rejected"


@dataclass(frozen=True)
class RejectedRow:
    line_number: int
    reason: str


def row_reason_expression(match: HeaderMatch, value_checks: ValueChecks) -> sql.Composed:
    """SQL giving each landed row's reject reason, or NULL when it may be loaded."""
    checks = []
    for column in match.columns:
        check = value_checks.check_expression(
            column, sql.Identifier(field_name(match.field_of_column[column.name]))
        )
        if check is not None:
            checks.append(check)
    return reason_expression(checks, sql.Identifier(FIELD_COUNT_REASON))


def record_rejects(
    conn: psycopg.Connection,
    match: HeaderMatch,
    load_id: int,
    file_name: str,
    among: sql.Composable = EVERY_ROW,
) -> int:
    """Insert every bad landed row into raw.rejected_rows; returns how many there were.

    `among` limits the search to the landed rows that may be bad (those the full checks looked at).
    """
    reason = row_reason_expression(match, ValueChecks.for_server(conn.info.server_version))
    return _insert_rejects(conn, match, load_id, file_name, reason=reason, where=among)


def count_rejects(conn: psycopg.Connection, match: HeaderMatch, among: sql.Composable = EVERY_ROW) -> int:
    """How many landed rows are bad (what record_rejects would insert), without recording them."""
    reason = row_reason_expression(match, ValueChecks.for_server(conn.info.server_version))
    query = sql.SQL("select count(*) from {landing} where {among} and {reason} is not null").format(
        landing=LANDING_TABLE, among=among, reason=reason
    )
    row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0


def record_duplicates(conn: psycopg.Connection, match: HeaderMatch, load_id: int, file_name: str) -> int:
    """Keep the good landed rows of an event file that were not loaded because their event already was
    (by an earlier file, or earlier in this one) as rejects that name the copy kept; returns how many."""
    table = match.format.table
    reason = row_reason_expression(match, ValueChecks.for_server(conn.info.server_version))
    id_column = table.event_id_column
    if id_column and id_column in match.field_of_column:
        event_id = sql.Identifier(field_name(match.field_of_column[id_column]))
        same = sql.SQL("case when nullif(trim({id}), '') is not null then {label} else 'content' end").format(
            id=event_id, label=sql.Literal(id_column)
        )
    else:
        same = sql.Literal("content")
    fields = [sql.Identifier(field_name(i)) for i in range(match.width)]
    query = sql.SQL(
        "insert into raw.rejected_rows (load_id, file_name, line_number, reason, raw_line) "
        "select {load_id}, {file_name}, landed.{line}, "
        "format('duplicate event: the same %s was already loaded (load %s, line %s); an event counts once', "
        "landed.same, kept._load_id, kept._line_number), coalesce(landed.{raw_line}, landed.csv_line) "
        "from (select {line}, {raw_line}, {csv_line} as csv_line, {same} as same, {key} as event_key "
        "from {landing} where {reason} is null) as landed "
        "inner join raw.{table} as kept on kept._event_key = landed.event_key "
        "where not (kept._load_id = {load_id} and kept._line_number = landed.{line})"
    ).format(
        load_id=sql.Literal(load_id),
        file_name=sql.Literal(file_name),
        line=sql.Identifier(LINE),
        raw_line=sql.Identifier(RAW_LINE),
        csv_line=csv_line_expression(fields),
        same=same,
        key=event_key(match),
        landing=LANDING_TABLE,
        reason=reason,
        table=sql.Identifier(table.name),
    )
    return conn.execute(query).rowcount


def record_held_back(conn: psycopg.Connection, match: HeaderMatch, load_id: int, file_name: str) -> int:
    """Strict mode: keep the valid rows of a refused file as rejects too, so none is lost from the count.

    Every row read then sits in raw.rejected_rows, and the audit balances: read = 0 loaded + rejected.
    """
    not_yet_rejected = sql.SQL(
        "not exists (select from raw.rejected_rows as r "
        "where r.load_id = {load_id} and r.line_number = {line})"
    ).format(load_id=sql.Literal(load_id), line=sql.Identifier(LINE))
    return _insert_rejects(
        conn, match, load_id, file_name, reason=sql.Literal(HELD_BACK_REASON), where=not_yet_rejected
    )


def _insert_rejects(
    conn: psycopg.Connection,
    match: HeaderMatch,
    load_id: int,
    file_name: str,
    *,
    reason: sql.Composable,
    where: sql.Composable,
) -> int:
    """Copy the landed rows matching `where` whose `reason` is not NULL into raw.rejected_rows."""
    fields = [sql.Identifier(field_name(i)) for i in range(match.width)]
    query = sql.SQL(
        "insert into raw.rejected_rows (load_id, file_name, line_number, reason, raw_line) "
        "select {load_id}, {file_name}, {line}, reason, coalesce({raw_line}, {csv_line}) "
        "from (select *, {reason} as reason from {landing} where {where}) as checked "
        "where reason is not null"
    ).format(
        load_id=sql.Literal(load_id),
        file_name=sql.Literal(file_name),
        line=sql.Identifier(LINE),
        raw_line=sql.Identifier(RAW_LINE),
        csv_line=csv_line_expression(fields),
        reason=reason,
        landing=LANDING_TABLE,
        where=where,
    )
    return conn.execute(query).rowcount


def first_rejects(
    conn: psycopg.Connection, load_id: int, limit: int = SHOWN_REJECTS
) -> tuple[RejectedRow, ...]:
    """The first rejected rows of a load, real faults before rows only held back by strict mode."""
    rows = conn.execute(
        "select line_number, reason from raw.rejected_rows where load_id = %s "
        "order by reason = %s, line_number limit %s",
        (load_id, HELD_BACK_REASON, limit),
    ).fetchall()
    return tuple(RejectedRow(line_number=line, reason=reason) for line, reason in rows)

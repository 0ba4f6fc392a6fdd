"""Moving the good landed rows into their typed raw table, with the load id and line on every row.

One INSERT ... SELECT, in which a row passing the cheap tests of quick_checks needs no more than its
casts, and only the others (usually none) are run through the full checks of validation.py. Should
a cast fail on a row that passed the cheap tests, that insert is rolled back to a savepoint and the
full checks run on every row, as they always did. Either way the same rows go in, with the same
values. Event rows carry their `_event_key`, and an event already loaded is not inserted again.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from ingestion.event_keys import typed_values
from ingestion.formats import HeaderMatch
from ingestion.landing import LANDING_TABLE, LINE
from ingestion.quick_checks import cleared_expression
from ingestion.raw_tables import event_key_expression
from ingestion.rejects import EVERY_ROW, row_reason_expression
from ingestion.validation import ValueChecks


@dataclass(frozen=True)
class GoodRows:
    """How many rows went in, and which landed rows the full checks looked at (the rejects are there)."""

    loaded: int
    checked: sql.Composable  # a condition on landing rows


def insert_good_rows(conn: psycopg.Connection, match: HeaderMatch, load_id: int) -> GoodRows:
    """Insert every landed row that passes the checks; says how many and where the rejects are."""
    value_checks = ValueChecks.for_server(conn.info.server_version)
    reason = row_reason_expression(match, value_checks)
    cleared = cleared_expression(match, value_checks)
    try:
        with conn.transaction():
            # OR evaluates its arguments in order, so the full checks run only on uncleared rows.
            loaded = _insert(conn, match, load_id, sql.SQL("{} or {} is null").format(cleared, reason))
        return GoodRows(loaded=loaded, checked=sql.SQL("{} is not true").format(cleared))
    except psycopg.errors.DataError:  # a cast refused a value the cheap tests let through
        loaded = _insert(conn, match, load_id, sql.SQL("{} is null").format(reason))
        return GoodRows(loaded=loaded, checked=EVERY_ROW)


def _insert(conn: psycopg.Connection, match: HeaderMatch, load_id: int, condition: sql.Composable) -> int:
    """One INSERT ... SELECT of the landed rows meeting the condition, cast; returns the rows inserted.

    Into an event table, an event whose key is already there (from an earlier file, or earlier in
    this one) is skipped: the first copy wins, and the caller records the others as duplicates.
    """
    table = match.format.table
    values = typed_values(match)
    typed = sql.SQL(", ").join(sql.SQL("{} as {}").format(v, sql.Identifier(c)) for c, v in values.items())
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in values)
    key_target, key_value, on_conflict = sql.SQL(""), sql.SQL(""), sql.SQL("")
    if table.is_event_table:
        # The key hashes the typed values, each cast once in the subquery; missing columns are NULL.
        named = {c.name: sql.Identifier(c.name) if c.name in values else sql.NULL for c in table.columns}
        key_target = sql.SQL(", _event_key")
        key_value = sql.SQL(", {}").format(event_key_expression(table, named))
        on_conflict = sql.SQL(" on conflict (_event_key) do nothing")
    query = sql.SQL(
        "insert into raw.{table} ({columns}{key_target}, _load_id, _line_number) "
        "select {columns}{key_value}, {load_id}, {line} "
        "from (select {typed}, {line} from {landing} where {condition}) as typed{on_conflict}"
    ).format(
        table=sql.Identifier(table.name),
        columns=columns,
        key_target=key_target,
        key_value=key_value,
        typed=typed,
        load_id=sql.Literal(load_id),
        line=sql.Identifier(LINE),
        landing=LANDING_TABLE,
        condition=condition,
        on_conflict=on_conflict,
    )
    return conn.execute(query).rowcount

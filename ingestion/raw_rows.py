"""Moving the good landed rows into their typed raw table, with the load id and line on every row.

One INSERT ... SELECT, in which a row passing the cheap tests of quick_checks needs no more than its
casts, and only the others (usually none) are run through the full checks of validation.py. Should
a cast fail on a row that passed the cheap tests, that insert is rolled back to a savepoint and the
full checks run on every row, as they always did. Either way the same rows go in, with the same
values.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from ingestion.formats import HeaderMatch
from ingestion.landing import LANDING_TABLE, LINE, field_name
from ingestion.quick_checks import cleared_expression
from ingestion.rejects import EVERY_ROW, row_reason_expression
from ingestion.validation import ValueChecks, cast_expression


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
    """One INSERT ... SELECT of the landed rows meeting the condition, cast; returns the rows inserted."""
    # Only the columns the file has: the raw table's other columns stay NULL.
    table = match.format.table
    targets = [sql.Identifier(c.name) for c in match.columns]
    values = [
        cast_expression(c, sql.Identifier(field_name(match.field_of_column[c.name]))) for c in match.columns
    ]
    query = sql.SQL(
        "insert into raw.{table} ({targets}, _load_id, _line_number) "
        "select {values}, {load_id}, {line} from {landing} where {condition}"
    ).format(
        table=sql.Identifier(table.name),
        targets=sql.SQL(", ").join(targets),
        values=sql.SQL(", ").join(values),
        load_id=sql.Literal(load_id),
        line=sql.Identifier(LINE),
        landing=LANDING_TABLE,
        condition=condition,
    )
    return conn.execute(query).rowcount

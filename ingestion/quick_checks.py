"""Cheap tests that clear most values of a clean file without the full checks in validation.py.

A row is "cleared" when its values pass cheap tests which, once the row's casts succeed too, imply
that the full checks accept it (and the cast is the same). A cleared row can therefore be inserted
with the casts alone; only the rows not cleared need the full checks, usually none or a handful. A
cast that fails on a cleared row raises a data exception, and the caller then checks every row the
full way. The tests themselves never raise (no cast in them), so they can be evaluated in any order.

Why each test is enough, given that the cast succeeds:
- numbers: only digits, '.', '+' and '-' (no letters, spaces, underscores or exponent), so the cast
  read a plain decimal, which the number pattern accepts. NaN, Infinity, hex, '1_000' and exponents
  go the full way. Integers allow no '.', so "7.0" (accepted) and "7.5" (refused) go the full way.
  A double of at most 25 characters without exponent cannot be out of range.
- timestamps (with or without time zone), PostgreSQL 16+: the full check without its
  pg_input_is_valid, which the cast replaces. PostgreSQL 15: the full check (its pattern), as a
  cheaper test would need a cast, and the tests must not raise.
- booleans: the full check, a list of words, which is cheap already.
- required values are present and not empty, and the record had the right number of fields.

An empty field is NULL in the landing table, so every test is written to hold for NULL (a missing
optional value is fine) and not to turn the row's result into NULL, which would send it the full way.
"""

from __future__ import annotations

from psycopg import sql

from ingestion.formats import HeaderMatch
from ingestion.landing import FIELD_COUNT_REASON, field_name
from ingestion.raw_tables import Column
from ingestion.validation import (
    SHORT_DECIMAL_CHARS,
    TIMESTAMP_TYPES,
    ValueChecks,
    timestamp_shape_expression,
)

# A character outside these makes a number go the full way (no letters, spaces, exponents).
NOT_PLAIN_INTEGER = r"[^0-9+-]"
NOT_PLAIN_DECIMAL = r"[^0-9.+-]"


def cleared_expression(match: HeaderMatch, value_checks: ValueChecks) -> sql.Composed:
    """True for a landed row whose every value is cleared; false or NULL otherwise."""
    tests = [sql.SQL("{} is null").format(sql.Identifier(FIELD_COUNT_REASON))]
    # One character test per row over the concatenated fields of a kind: every character of each
    # field is allowed exactly when every character of their concatenation is, and one call is cheaper.
    numbers: dict[str, list[sql.Composable]] = {NOT_PLAIN_INTEGER: [], NOT_PLAIN_DECIMAL: []}
    for column in match.columns:
        field = sql.Identifier(field_name(match.field_of_column[column.name]))
        if column.required:
            tests.append(sql.SQL("{} <> ''").format(field))  # NULL when missing: the row goes the full way
        if column.pg_type == "integer":
            numbers[NOT_PLAIN_INTEGER].append(field)
        elif column.pg_type in ("numeric", "double precision"):
            numbers[NOT_PLAIN_DECIMAL].append(field)
            if column.pg_type == "double precision":
                tests.append(
                    sql.SQL("(octet_length({}) <= {}) is not false").format(
                        field, sql.Literal(SHORT_DECIMAL_CHARS)
                    )
                )
        elif column.pg_type in TIMESTAMP_TYPES:
            tests.append(_timestamp_test(column, field, value_checks))
        elif column.pg_type == "boolean":
            tests.append(_full_check_passes(column, field, value_checks))  # a list test: cheap already
        elif column.pg_type != "text":
            # A type without a cheap test here: every row of the file goes the full way.
            tests.append(sql.SQL("false"))
    for not_plain, fields in numbers.items():
        if len(fields) == 1:
            tests.append(sql.SQL("({} !~ {}) is not false").format(fields[0], sql.Literal(not_plain)))
        elif fields:  # concat, unlike ||, reads NULL as empty
            joined = sql.SQL(", ").join(fields)
            tests.append(sql.SQL("concat({}) !~ {}").format(joined, sql.Literal(not_plain)))
    return sql.SQL("({})").format(sql.SQL(" and ").join(tests))


def _timestamp_test(column: Column, field: sql.Identifier, value_checks: ValueChecks) -> sql.Composed:
    if value_checks.native:
        shape = timestamp_shape_expression(field, column.pg_type)
        return sql.SQL("({} = '' or ({})) is not false").format(field, shape)
    return _full_check_passes(column, field, value_checks)


def _full_check_passes(column: Column, field: sql.Identifier, value_checks: ValueChecks) -> sql.Composed:
    check = value_checks.check_expression(column, field)
    return sql.SQL("{} is null").format(check) if check is not None else sql.SQL("true")

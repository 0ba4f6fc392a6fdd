"""The typed values of a landed row, and the `_event_key` that deduplicates events at load."""

from __future__ import annotations

from psycopg import sql

from ingestion.formats import HeaderMatch
from ingestion.landing import field_name
from ingestion.raw_tables import event_key_expression
from ingestion.validation import cast_expression


def typed_values(match: HeaderMatch) -> dict[str, sql.Composable]:
    """Each column the file has, as its typed value in the landing table (the others stay NULL)."""
    return {
        c.name: cast_expression(c, sql.Identifier(field_name(match.field_of_column[c.name])))
        for c in match.columns
    }


def event_key(match: HeaderMatch) -> sql.Composed:
    """The `_event_key` of a landed row of an event file (columns the file lacks hash as NULL)."""
    values = typed_values(match)
    return event_key_expression(
        match.format.table, {c.name: values.get(c.name, sql.NULL) for c in match.format.table.columns}
    )

"""Writing the ML marts atomically: all of them in one transaction, each built as a new table and
swapped in, so a reader (or a crash) never sees a half-written mart.

The tables are created by the owner login, so the warehouse's default privileges give the dashboard's
read-only role SELECT on them, as on every dbt mart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import psycopg
from psycopg import sql

from ml.marts import MARTS, Mart

SCHEMA = "marts"


def _value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _create(conn: psycopg.Connection, mart: Mart, name: str) -> None:
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.type)) for c in mart.columns
    )
    conn.execute(
        sql.SQL("create table {}.{} ({})").format(sql.Identifier(SCHEMA), sql.Identifier(name), columns)
    )


def _fill(conn: psycopg.Connection, mart: Mart, name: str, rows: pd.DataFrame) -> None:
    missing = set(mart.column_names) - set(rows.columns)
    if len(rows) and missing:
        raise ValueError(f"{mart.name}: rows lack the columns {sorted(missing)}")
    if rows.empty:
        return
    target = sql.SQL("copy {}.{} ({}) from stdin").format(
        sql.Identifier(SCHEMA),
        sql.Identifier(name),
        sql.SQL(", ").join(map(sql.Identifier, mart.column_names)),
    )
    # A column with a missing value comes as floats from pandas: whole numbers go back to int.
    integer = [c.type == "integer" for c in mart.columns]
    with conn.cursor().copy(target) as copy:
        for record in rows.loc[:, mart.column_names].itertuples(index=False, name=None):
            values = [_value(v) for v in record]
            copy.write_row(
                [int(v) if is_int and v is not None else v for v, is_int in zip(values, integer, strict=True)]
            )


def _document(conn: psycopg.Connection, mart: Mart) -> None:
    table = sql.SQL("{}.{}").format(sql.Identifier(SCHEMA), sql.Identifier(mart.name))
    conn.execute(sql.SQL("comment on table {} is {}").format(table, sql.Literal(mart.description)))
    for column in mart.columns:
        conn.execute(
            sql.SQL("comment on column {}.{} is {}").format(
                table, sql.Identifier(column.name), sql.Literal(column.description)
            )
        )


def write_marts(conn: psycopg.Connection, rows: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Replace every ML mart with `rows[name]` (an empty table where none is given), in one transaction."""
    unknown = set(rows) - {m.name for m in MARTS}
    if unknown:
        raise ValueError(f"no such ML mart: {sorted(unknown)}")
    written = {}
    with conn.transaction():
        for mart in MARTS:
            staged = f"{mart.name}__new"
            frame = rows.get(mart.name, pd.DataFrame(columns=mart.column_names))
            conn.execute(
                sql.SQL("drop table if exists {}.{}").format(sql.Identifier(SCHEMA), sql.Identifier(staged))
            )
            _create(conn, mart, staged)
            _fill(conn, mart, staged, frame)
            conn.execute(
                sql.SQL("drop table if exists {}.{}").format(
                    sql.Identifier(SCHEMA), sql.Identifier(mart.name)
                )
            )
            conn.execute(
                sql.SQL("alter table {}.{} rename to {}").format(
                    sql.Identifier(SCHEMA), sql.Identifier(staged), sql.Identifier(mart.name)
                )
            )
            _document(conn, mart)
            conn.execute(sql.SQL("analyze {}.{}").format(sql.Identifier(SCHEMA), sql.Identifier(mart.name)))
            written[mart.name] = len(frame)
    return written

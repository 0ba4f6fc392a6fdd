"""Landing one file: PostgreSQL parses it when that is exact, Python's csv module when it is not.

The fast way streams the file's bytes into COPY ... CSV in 1 MiB chunks, with no Python work per
row. It is taken only when it gives exactly what the Python way gives: every record on one physical
line (so the record ordinal is the line), no quoting the two parsers read differently, and a UTF-8
connection (so the server checks the encoding). Otherwise, or when COPY refuses the file (a wrong
field count, a broken quote, bad UTF-8: PostgreSQL 15 has no ON_ERROR), the landing is rolled back
to a savepoint and the Python way runs. It numbers lines exactly, keeps records with a wrong field
count as rejects, and says what is wrong with a broken file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg

from ingestion.csv_shape import CsvShape
from ingestion.landing import copy_csv_into_landing, copy_rows_into_landing
from ingestion.records import landing_rows, open_csv

CHUNK_BYTES = 1 << 20


class _NotPlain(Exception):
    """Raised inside the COPY to abort it as soon as the file is known to need the Python way."""


def land_file(conn: psycopg.Connection, path: Path, width: int, *, allow_fast: bool = True) -> int:
    """Fill the (empty) landing table with the file's records; returns how many there are.

    allow_fast=False always takes the Python way (tests compare the two ways with it).
    """
    if allow_fast and _connection_is_utf8(conn):
        try:
            with conn.transaction():
                return _land_with_postgres_csv(conn, path, width)
        except (_NotPlain, psycopg.errors.DataError):
            pass  # rolled back to the savepoint: the landing table is empty again
    with open_csv(path) as handle:
        return copy_rows_into_landing(conn, landing_rows(handle, width, path.name))


def _land_with_postgres_csv(conn: psycopg.Connection, path: Path, width: int) -> int:
    shape = CsvShape()
    records = copy_csv_into_landing(conn, _chunks_watched(path, shape), width)
    shape.finish()
    if not shape.plain or records + 1 != shape.physical_lines:
        raise _NotPlain(f"{path.name}: records and lines differ")
    return records


def _chunks_watched(path: Path, shape: CsvShape) -> Iterator[bytes]:
    """The file's bytes, fed to `shape` on the way; stops the COPY once the file is not plain."""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            shape.feed(chunk)
            if not shape.plain:
                raise _NotPlain(f"{path.name}: not plain CSV")
            yield chunk


def _connection_is_utf8(conn: psycopg.Connection) -> bool:
    """COPY checks the bytes against the client encoding: only UTF-8 on both ends matches utf-8-sig."""
    status = conn.info.parameter_status
    return status("client_encoding") == "UTF8" and status("server_encoding") == "UTF8"

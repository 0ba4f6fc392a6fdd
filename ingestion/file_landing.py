"""Landing one file: PostgreSQL parses a CSV when that is exact, Python reads it when it is not.

The fast way streams the file's bytes into COPY ... CSV in 1 MiB chunks, with no Python work per
row. It is taken only when it gives exactly what the Python way gives: every record on one physical
line (so the record ordinal is the line), no quoting the two parsers read differently, and a UTF-8
connection (so the server checks the encoding). Otherwise, or when COPY refuses the file (a wrong
field count, a broken quote, bad UTF-8: PostgreSQL 15 has no ON_ERROR), the landing is rolled back
to a savepoint and the Python way runs. It numbers lines exactly, keeps records with a wrong field
count as rejects, and says what is wrong with a broken file.

JSON Lines always go the Python way (jsonl.py): each line is parsed in Python and the rows are
streamed into the same landing table with one COPY.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from ingestion import jsonl
from ingestion.csv_shape import BOM, CsvShape
from ingestion.formats import JSONL, HeaderMatch
from ingestion.landing import copy_csv_into_landing, copy_rows_into_landing
from ingestion.records import landing_rows, open_csv

CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class Landed:
    """What landing a file found: its records, and the columns (or JSON keys) it ignored."""

    records: int
    ignored_columns: tuple[str, ...]


class _NotPlain(Exception):
    """Raised inside the COPY to abort it as soon as the file is known to need the Python way."""


def land_file(conn: psycopg.Connection, path: Path, match: HeaderMatch, *, allow_fast: bool = True) -> Landed:
    """Fill the (empty) landing table with the file's records.

    allow_fast=False always takes the Python way (tests compare the two ways with it).
    """
    if match.format.kind == JSONL:
        unknown: dict[str, None] = {}
        records = copy_rows_into_landing(conn, jsonl.landing_rows(path, match, unknown))
        return Landed(records, tuple(unknown))
    return Landed(_land_csv(conn, path, match, allow_fast=allow_fast), match.ignored_columns)


def _land_csv(conn: psycopg.Connection, path: Path, match: HeaderMatch, *, allow_fast: bool) -> int:
    header = match.format.has_header
    if allow_fast and _connection_is_utf8(conn):
        try:
            with conn.transaction():
                return _land_with_postgres_csv(conn, path, match.width, header=header)
        except (_NotPlain, psycopg.errors.DataError):
            pass  # rolled back to the savepoint: the landing table is empty again
    with open_csv(path) as handle:
        return copy_rows_into_landing(conn, landing_rows(handle, match.width, path.name, header=header))


def _land_with_postgres_csv(conn: psycopg.Connection, path: Path, width: int, *, header: bool) -> int:
    shape = CsvShape()
    records = copy_csv_into_landing(conn, _chunks_watched(path, shape), width, header=header)
    shape.finish()
    if not shape.plain or records + (1 if header else 0) != shape.physical_lines:
        raise _NotPlain(f"{path.name}: records and lines differ")
    return records


def _chunks_watched(path: Path, shape: CsvShape) -> Iterator[bytes]:
    """The file's bytes, fed to `shape` on the way; stops the COPY once the file is not plain.

    A leading BOM is not sent: Python reads the file as utf-8-sig, and in a headerless file the BOM
    would otherwise start the first value.
    """
    with open(path, "rb") as handle:
        first = True
        while chunk := handle.read(CHUNK_BYTES):
            shape.feed(chunk)
            if not shape.plain:
                raise _NotPlain(f"{path.name}: not plain CSV")
            yield chunk.removeprefix(BOM) if first else chunk
            first = False


def _connection_is_utf8(conn: psycopg.Connection) -> bool:
    """COPY checks the bytes against the client encoding: only UTF-8 on both ends matches utf-8-sig."""
    status = conn.info.parameter_status
    return status("client_encoding") == "UTF8" and status("server_encoding") == "UTF8"

"""raw.load_audit: one row per load attempt, whatever its outcome, and the content-hash guard.

A load opens its audit row as 'running' inside the file's transaction and closes it there, so a
crash rolls the row back with the data; the failure is then written in a transaction of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg


@dataclass(frozen=True)
class AuditEntry:
    """What an audit row says about one file."""

    file_name: str
    file_path: str
    sha256: str
    status: str
    format: str | None = None
    target_table: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    message: str | None = None


def advisory_lock_key(sha256: str) -> int:
    """A signed 64-bit key derived from the content hash, for pg_advisory_xact_lock."""
    return int.from_bytes(bytes.fromhex(sha256)[:8], "big", signed=True)


def lock_content(conn: psycopg.Connection, sha256: str) -> None:
    """Serialise loads of the same content until this transaction ends (another process may race us)."""
    conn.execute("select pg_advisory_xact_lock(%s)", (advisory_lock_key(sha256),))


def previous_load(conn: psycopg.Connection, sha256: str) -> tuple[int, str] | None:
    """(load_id, file_path) of the load that already brought in this content, if any."""
    row = conn.execute(
        "select load_id, file_path from raw.load_audit where sha256 = %s and status = 'loaded' "
        "order by load_id limit 1",
        (sha256,),
    ).fetchone()
    return (row[0], row[1]) if row else None


def open_load(conn: psycopg.Connection, entry: AuditEntry) -> int:
    """Insert the 'running' audit row of a load and return its load_id."""
    row = conn.execute(
        "insert into raw.load_audit (file_name, file_path, sha256, format, target_table, status) "
        "values (%s, %s, %s, %s, %s, 'running') returning load_id",
        (entry.file_name, entry.file_path, entry.sha256, entry.format, entry.target_table),
    ).fetchone()
    assert row is not None
    return int(row[0])


def close_load(conn: psycopg.Connection, load_id: int, entry: AuditEntry) -> None:
    conn.execute(
        "update raw.load_audit set status = %s, rows_read = %s, rows_loaded = %s, rows_rejected = %s, "
        "message = %s, finished_at = clock_timestamp() where load_id = %s",
        (entry.status, entry.rows_read, entry.rows_loaded, entry.rows_rejected, entry.message, load_id),
    )


def record(conn: psycopg.Connection, entry: AuditEntry) -> int:
    """Insert a finished audit row (skipped, refused or failed loads) and return its load_id."""
    row = conn.execute(
        "insert into raw.load_audit (file_name, file_path, sha256, format, target_table, rows_read, "
        "rows_loaded, rows_rejected, status, message, finished_at) "
        "values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, clock_timestamp()) returning load_id",
        (
            entry.file_name,
            entry.file_path,
            entry.sha256,
            entry.format,
            entry.target_table,
            entry.rows_read,
            entry.rows_loaded,
            entry.rows_rejected,
            entry.status,
            entry.message,
        ),
    ).fetchone()
    assert row is not None
    return int(row[0])

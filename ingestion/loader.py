"""Loading files into the raw tables: one transaction per file, idempotent by content hash.

Per file: hash the content, find the format from the content (detect: CSV header, headerless
shape or JSON keys), then in one transaction take an advisory lock on the hash, skip content that
was already loaded, COPY the records into a temporary text landing table (file_landing), cast the
good ones into the raw table in bulk (raw_rows; an event already loaded is skipped), record the
bad rows and the skipped duplicates in raw.rejected_rows, and close the audit row. The
transaction's TimeZone is UTC, so a naive event time means UTC on any server. A failure rolls all
of it back and is then audited in a transaction of its own. Files are independent: a refused or
failed file does not stop the others, and two of them load at once (one per core).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg

from ingestion import audit
from ingestion.audit import AuditEntry
from ingestion.detect import match_file
from ingestion.errors import FileRefused, IngestionError
from ingestion.file_landing import land_file
from ingestion.files import FileSnapshot, iter_files, snapshot
from ingestion.formats import HeaderMatch
from ingestion.landing import create_landing_table
from ingestion.parallel import ThreadConnections, map_in_threads
from ingestion.raw_rows import insert_good_rows
from ingestion.raw_tables import ensure_raw_tables
from ingestion.rejects import (
    RejectedRow,
    count_rejects,
    first_rejects,
    record_duplicates,
    record_held_back,
    record_rejects,
)
from shoplens.warehouse import ConnInfo

log = logging.getLogger(__name__)

LOADED, SKIPPED, REFUSED, FAILED = "loaded", "skipped", "refused", "failed"
# PERFORMANCE.md: one COPY saturates one core, and this machine kind has two.
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class LoadResult:
    """The outcome of one file. `first_rejects` holds a few rejected rows for display."""

    path: Path
    file_name: str
    status: str  # loaded | skipped | refused | failed
    format: str | None = None
    table: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    load_id: int | None = None
    message: str | None = None
    first_rejects: tuple[RejectedRow, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file's content is in raw (now or from an earlier load)."""
        return self.status in (LOADED, SKIPPED)


def load_paths(
    conninfo: ConnInfo, paths: Sequence[Path], *, strict: bool = False, workers: int = DEFAULT_WORKERS
) -> list[LoadResult]:
    """Load every file named or found under the given paths; one result per file, in that order.

    With strict=True a file with any rejected row loads nothing (its rejects are still recorded)
    and comes back 'refused'. Up to `workers` files load at once, the largest first; a file whose
    content repeats an earlier one in the same call waits for it, so the earlier one is the load.
    """
    with _connect(conninfo) as conn:
        ensure_raw_tables(conn)
    files = list(iter_files(paths))
    snapshots = map_in_threads(_snapshot_or_none, files, workers)  # hashlib lets go of the GIL
    first, repeats = _first_occurrences([s.sha256 if s else None for s in snapshots])
    connections = ThreadConnections(lambda: _connect(conninfo))

    def load(index: int) -> LoadResult:
        conn = connections.get()
        return load_file(conn, files[index], strict=strict, conninfo=conninfo, file_snapshot=snapshots[index])

    try:
        largest_first = sorted(first, key=lambda i: _size(files[i]), reverse=True)
        done = dict(zip(largest_first, map_in_threads(load, largest_first, workers), strict=True))
        done |= {i: load(i) for i in repeats}
    finally:
        connections.close_all()
    return [done[i] for i in range(len(files))]


def _snapshot_or_none(path: Path) -> FileSnapshot | None:
    """The content hash, or None when the file cannot be read (load_file then says why)."""
    try:
        return snapshot(path) if path.is_file() else None
    except OSError:
        return None


def _first_occurrences(hashes: Sequence[str | None]) -> tuple[list[int], list[int]]:
    """Indices of the first file of each content, and of the files repeating an earlier content."""
    seen: set[str] = set()
    first, repeats = [], []
    for i, sha256 in enumerate(hashes):
        if sha256 is not None and sha256 in seen:
            repeats.append(i)
        else:
            first.append(i)
            if sha256 is not None:
                seen.add(sha256)
    return first, repeats


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load_file(
    conn: psycopg.Connection,
    path: Path,
    *,
    strict: bool = False,
    conninfo: ConnInfo | None = None,
    file_snapshot: FileSnapshot | None = None,
) -> LoadResult:
    """Load one file on an autocommit connection; never raises for a problem of the file itself."""
    path = Path(path)
    if not path.is_file():
        return LoadResult(path, path.name, REFUSED, message=f"{path}: no such file. Check the path.")
    try:
        taken = file_snapshot or snapshot(path)
    except OSError as exc:
        return LoadResult(path, path.name, REFUSED, message=f"{path.name}: cannot be read ({exc}).")
    entry = AuditEntry(
        file_name=path.name, file_path=str(path.resolve()), sha256=taken.sha256, status=REFUSED
    )
    try:
        match = match_file(path)
    except FileRefused as exc:
        return _finish_elsewhere(conn, conninfo, path, replace(entry, message=str(exc)))
    entry = replace(entry, format=match.format.name, target_table=f"raw.{match.format.table.name}")
    try:
        return _load_matched(conn, path, match, entry, taken, strict=strict)
    except FileRefused as exc:  # found mid-stream: bad encoding or broken CSV
        return _finish_elsewhere(conn, conninfo, path, replace(entry, message=str(exc)))
    except psycopg.errors.UniqueViolation:  # another loader without our lock committed the same content
        message = f"{path.name}: the same content was loaded concurrently; nothing loaded again."
        return _finish_elsewhere(conn, conninfo, path, replace(entry, status=SKIPPED, message=message))
    except Exception as exc:  # anything else: audit it as failed, keep going with the other files
        log.exception("loading %s failed", path)
        message = f"{path.name}: the load failed and was rolled back: {type(exc).__name__}: {exc}"
        return _finish_elsewhere(conn, conninfo, path, replace(entry, status=FAILED, message=message))


def _load_matched(
    conn: psycopg.Connection,
    path: Path,
    match: HeaderMatch,
    entry: AuditEntry,
    taken: FileSnapshot,
    *,
    strict: bool,
) -> LoadResult:
    with conn.transaction():
        # Naive timestamps mean UTC whatever the server's or the login's default time zone.
        conn.execute("set local timezone to 'UTC'")
        audit.lock_content(conn, entry.sha256)
        earlier = audit.previous_load(conn, entry.sha256)
        if earlier is not None:
            message = f"same content as load {earlier[0]} ({earlier[1]}); nothing loaded again"
            skipped = replace(entry, status=SKIPPED, message=message)
            return _result(path, skipped, audit.record(conn, skipped))
        load_id = audit.open_load(conn, entry)
        create_landing_table(conn, match.width, first_line=match.first_data_line)
        landed = land_file(conn, path, match)
        rows_read = landed.records
        if not taken.still_current(path):  # what was copied may not be what was hashed
            raise FileRefused(
                f"{path.name}: the file changed while it was being loaded; nothing was loaded. "
                "Load it again once it is complete."
            )
        with conn.transaction() as good_rows:
            good = insert_good_rows(conn, match, load_id)
            # Rows not loaded are bad, or (event files) events already loaded: count the bad ones.
            invalid = count_rejects(conn, match, among=good.checked) if good.loaded < rows_read else 0
            refused = strict and invalid > 0
            if refused:
                raise psycopg.Rollback(good_rows)  # strict: none of this file's rows, only its rejects
        if invalid:
            recorded = record_rejects(conn, match, load_id, path.name, among=good.checked)
            if recorded != invalid:  # the two passes must agree, or the audit would not balance
                raise IngestionError(f"{path.name}: {invalid} rows are bad but {recorded} were rejected")
        duplicates = 0 if refused else rows_read - good.loaded - invalid
        if duplicates:
            recorded = record_duplicates(conn, match, load_id, path.name)
            if recorded != duplicates:
                raise IngestionError(f"{path.name}: {duplicates} events were skipped but {recorded} recorded")
        if refused:
            held_back = record_held_back(conn, match, load_id, path.name)
            message = (
                f"{path.name}: strict mode: {invalid:,} of {rows_read:,} rows were rejected, so none was "
                f"loaded. The rejects are in raw.rejected_rows (load_id {load_id}); fix them and load again."
            )
            loaded, rejected, status = 0, invalid + held_back, REFUSED
        else:
            loaded, rejected, status = good.loaded, invalid + duplicates, LOADED
            message = _loaded_message(match, landed.ignored_columns, invalid, duplicates, load_id)
        counts = {"rows_read": rows_read, "rows_loaded": loaded, "rows_rejected": rejected}
        done = replace(entry, status=status, message=message, **counts)
        audit.close_load(conn, load_id, done)
        shown = first_rejects(conn, load_id) if rejected else ()
    return _result(path, done, load_id, shown)


def _loaded_message(
    match: HeaderMatch, ignored: tuple[str, ...], invalid: int, duplicates: int, load_id: int
) -> str | None:
    notes = []
    if invalid:
        notes.append(f"{invalid:,} rows rejected: see raw.rejected_rows where load_id = {load_id}")
    if duplicates:
        notes.append(
            f"{duplicates:,} events already loaded, not loaded again (in raw.rejected_rows as duplicates)"
        )
    if ignored:
        notes.append(f"ignored the columns {', '.join(ignored)} (not in the {match.format.name} format)")
    return "; ".join(notes) or None


def _finish_elsewhere(
    conn: psycopg.Connection, conninfo: ConnInfo | None, path: Path, entry: AuditEntry
) -> LoadResult:
    """Audit a load that ended without data, in a transaction of its own (reconnecting if needed)."""
    if conn.broken:
        if conninfo is None:
            raise IngestionError(f"{path.name}: {entry.message} (and the connection to the warehouse broke)")
        with _connect(conninfo) as fresh, fresh.transaction():
            return _result(path, entry, audit.record(fresh, entry))
    with conn.transaction():
        return _result(path, entry, audit.record(conn, entry))


def _result(path: Path, entry: AuditEntry, load_id: int, shown: tuple[RejectedRow, ...] = ()) -> LoadResult:
    return LoadResult(
        path=path,
        file_name=entry.file_name,
        status=entry.status,
        format=entry.format,
        table=entry.target_table,
        rows_read=entry.rows_read,
        rows_loaded=entry.rows_loaded,
        rows_rejected=entry.rows_rejected,
        load_id=load_id,
        message=entry.message,
        first_rejects=shown,
    )


def _connect(conninfo: ConnInfo) -> psycopg.Connection:
    try:
        return conninfo.connect(autocommit=True)
    except psycopg.OperationalError as exc:
        raise IngestionError(
            f"Cannot reach the warehouse at {conninfo.host}:{conninfo.port} ({exc}). "
            "Start it with `shoplens db start` or check SHOPLENS_DATABASE_URL."
        ) from exc

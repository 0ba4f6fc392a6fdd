"""An event is loaded once: a copy, in the same file or a later one, is kept as a rejected row.

Events are deduplicated at load by `_event_key` (the file's event id, else the md5 of the row's
content), so staging can be a plain view. A copy is not an error: it never fails a strict load, and
its reject names the copy that was kept, so rows read = rows loaded + rows rejected still holds.
"""

from __future__ import annotations

from pathlib import Path

from psycopg import sql

from ingestion.loader import LOADED, load_paths
from ingestion.raw_tables import EVENT_TABLES, ensure_raw_tables

HEADER = "event_id,event_time,user_id,event_type,page_path"
REES46_LINE = "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde"


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rejects(warehouse) -> list[tuple[str, int, str]]:
    with warehouse.connect() as conn:
        return conn.execute(
            "select file_name, line_number, reason from raw.rejected_rows order by load_id, line_number"
        ).fetchall()


def test_an_event_in_a_later_file_or_twice_in_one_is_loaded_once(any_warehouse, tmp_path, raw_count) -> None:
    first = _write(
        tmp_path / "a.csv",
        [HEADER, "e1,2018-03-05T10:00:00Z,u1,page_view,/", ",2018-03-05T10:01:00Z,u1,page_view,/help"],
    )
    second = _write(
        tmp_path / "b.csv",
        [
            HEADER,
            "e2,2018-03-05T10:02:00Z,u1,page_view,/cart",
            "e1,2018-03-05T10:00:00Z,u1,page_view,/",  # the same id: the same event
            ",2018-03-05T10:01:00Z,u1,page_view,/help",  # no id, the same content: the same event
            "e2,2018-03-05T10:02:00Z,u1,page_view,/cart",  # twice in this file
        ],
    )
    [a] = load_paths(any_warehouse.owner, [first])
    [b] = load_paths(any_warehouse.owner, [second])
    assert (a.rows_read, a.rows_loaded, a.rows_rejected) == (2, 2, 0)
    assert (b.status, b.rows_read, b.rows_loaded, b.rows_rejected) == (LOADED, 4, 1, 3)
    assert raw_count(any_warehouse, "events") == 3
    assert _rejects(any_warehouse) == [
        ("b.csv", 3, f"duplicate event: the same event_id was already loaded (load {a.load_id}, line 2); "
         "an event counts once"),
        ("b.csv", 4, f"duplicate event: the same content was already loaded (load {a.load_id}, line 3); "
         "an event counts once"),
        ("b.csv", 5, f"duplicate event: the same event_id was already loaded (load {b.load_id}, line 2); "
         "an event counts once"),
    ]  # fmt: skip
    assert "duplicate" in (b.message or "")


def test_a_copy_is_no_error_in_strict_mode(warehouse, tmp_path, raw_count) -> None:
    _write(tmp_path / "first" / "a.csv", [HEADER, "e1,2018-03-05T10:00:00Z,u1,page_view,/"])
    load_paths(warehouse.owner, [tmp_path / "first"])
    again = _write(
        tmp_path / "second" / "b.csv",
        [HEADER, "e1,2018-03-05T10:00:00Z,u1,page_view,/", "e3,2018-03-05T11:00:00Z,u2,page_view,/"],
    )
    [result] = load_paths(warehouse.owner, [again], strict=True)
    assert (result.status, result.rows_loaded, result.rows_rejected) == (LOADED, 1, 1)
    assert raw_count(warehouse, "events") == 2


def test_rees46_rows_are_their_own_identity(warehouse, tmp_path, raw_count) -> None:
    """REES46 rows have no id: the same line in two exports is one event, another price another."""
    _write(tmp_path / "oct.csv", [REES46_LINE])
    _write(tmp_path / "oct_again.csv", [REES46_LINE, REES46_LINE.replace("35.79", "35.80")])
    results = load_paths(warehouse.owner, [tmp_path / "oct.csv"]) + load_paths(
        warehouse.owner, [tmp_path / "oct_again.csv"]
    )
    assert [(r.rows_loaded, r.rows_rejected) for r in results] == [(1, 0), (1, 1)]
    assert raw_count(warehouse, "rees46_events") == 2


def test_a_table_from_before_load_time_deduplication_is_migrated_without_losing_a_row(
    warehouse, raw_count, audit_rows
) -> None:
    """An older warehouse kept every copy in raw: the first copy stays, the others become rejects,
    and their loads' audit rows move them from loaded to rejected."""
    columns = EVENT_TABLES["events"].column_names
    with warehouse.connect(autocommit=True) as conn:
        ensure_raw_tables(conn)
        conn.execute("alter table raw.events drop column _event_key")
        for load_id, copies in ((1, 2), (2, 1)):
            conn.execute(
                "insert into raw.load_audit (file_name, file_path, sha256, status, rows_read, rows_loaded) "
                "overriding system value values (%s, %s, %s, 'loaded', %s, %s)",
                (f"old{load_id}.csv", f"/old{load_id}.csv", f"sha{load_id}", copies, copies),
            )
            for line in range(1, copies + 1):
                conn.execute(
                    sql.SQL("insert into raw.events ({}, _load_id, _line_number) values ({})").format(
                        sql.SQL(", ").join(map(sql.Identifier, columns)),
                        sql.SQL(", ").join([sql.Placeholder()] * (len(columns) + 2)),
                    ),
                    ["e1", "2018-03-05T10:00:00Z", "u1", None, "page_view", *[None] * (len(columns) - 5)]
                    + [load_id, line],
                )
        ensure_raw_tables(conn)
    assert raw_count(warehouse, "events") == 1
    assert [(name, line) for name, line, _ in _rejects(warehouse)] == [("old1.csv", 2), ("old2.csv", 1)]
    assert [(a["rows_read"], a["rows_loaded"], a["rows_rejected"]) for a in audit_rows(warehouse)] == [
        (2, 1, 1),
        (1, 0, 1),
    ]

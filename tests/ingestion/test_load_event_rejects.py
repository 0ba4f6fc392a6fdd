"""Bad clickstream input: rejected rows with line and reason, refused files naming what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from psycopg import sql

import ingestion.jsonl
from ingestion.loader import load_paths
from ingestion.raw_tables import EVENT_TABLES

REQUIRED = "event_time,user_id,event_type"
UCI_HEADER = (
    "Administrative,Administrative_Duration,Informational,Informational_Duration,ProductRelated,"
    "ProductRelated_Duration,BounceRates,ExitRates,PageValues,SpecialDay,Month,OperatingSystems,Browser,"
    "Region,TrafficType,VisitorType,Weekend,Revenue"
)
UCI_ROW = "0,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,{weekend},FALSE"


def _write(tmp_path: Path, name: str, lines: list[str], *, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode())
    return path


def _rejects(warehouse) -> list[tuple[int, str, str]]:
    with warehouse.connect() as conn:
        return conn.execute(
            "select line_number, reason, raw_line from raw.rejected_rows order by line_number"
        ).fetchall()


def _total_raw_rows(warehouse) -> int:
    with warehouse.connect() as conn:
        return sum(
            conn.execute(sql.SQL("select count(*) from raw.{}").format(sql.Identifier(t))).fetchone()[0]
            for t in [*EVENT_TABLES, "rejected_rows"]
        )


def test_json_lines_that_are_not_objects_are_rejected_naming_line_and_column(
    any_warehouse, tmp_path: Path, audit_rows
) -> None:
    good = '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "page_view"}'
    other = good.replace('"u1"', '"u2"')
    broken = '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1" "event_type": "page_view"}'
    lines = [good, broken, "[1, 2]", "", other, '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u']
    path = _write(tmp_path, "events.jsonl", lines)
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 5, 2, 3)
    rejects = _rejects(any_warehouse)
    assert [(line, raw) for line, _, raw in rejects] == [(2, broken), (3, "[1, 2]"), (6, lines[5])]
    # The column is the 1-based character position where a comma was expected: the quote of "event_type".
    column = broken.index('"event_type"') + 1
    assert rejects[0][1] == f"not valid JSON: Expecting ',' delimiter (line 2, column {column})"
    assert rejects[1][1] == "not a JSON object but a JSON array (line 3)"
    assert (
        rejects[2][1].startswith("not valid JSON: Unterminated string")
        and "(line 6, column " in rejects[2][1]
    )
    [audit] = audit_rows(any_warehouse)
    assert audit["rows_read"] == audit["rows_loaded"] + audit["rows_rejected"] == 5


def test_bad_event_time_and_missing_user_are_rejected_naming_the_column(
    any_warehouse, tmp_path: Path
) -> None:
    lines = [
        REQUIRED + ",price",
        "2017-11-24T13:05:09Z,u1,page_view,",
        "now,u1,page_view,",  # what an input function takes, but no data file should hold
        "2017-11-24 25:00:00,u1,page_view,",
        "2017-11-24T13:05:09 America/Sao_Paulo,u1,page_view,",
        "2017-11-24T13:05:09Z,,page_view,",
        "2017-11-24T13:05:09Z,u1,purchase,12,5",
        "2017-11-24T13:05:09Z,u1,purchase,abc",
    ]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "events.csv", lines)])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (7, 1, 6)
    assert [(line, reason) for line, reason, _ in _rejects(any_warehouse)] == [
        (3, "column event_time: 'now' is not a timestamp"),
        (4, "column event_time: '2017-11-24 25:00:00' is not a timestamp"),
        (5, "column event_time: '2017-11-24T13:05:09 America/Sao_Paulo' is not a timestamp"),
        (6, "column user_id: required value is missing"),
        (7, "expected 4 fields, found 5"),
        (8, "column price: 'abc' is not a number"),
    ]


def test_bad_json_value_is_rejected_naming_the_column_and_keeping_the_line(
    any_warehouse, tmp_path: Path
) -> None:
    line = '{"event_time": "yesterday", "user_id": "u1", "event_type": "page_view", "quantity": 1.5}'
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "events.jsonl", [line])])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (1, 0, 1)
    assert _rejects(any_warehouse) == [
        (
            1,
            "column event_time: 'yesterday' is not a timestamp; column quantity: '1.5' is not an integer",
            line,
        )
    ]


def test_bad_uci_boolean_is_rejected_naming_the_column(any_warehouse, tmp_path: Path) -> None:
    lines = [UCI_HEADER, UCI_ROW.format(weekend="TRUE"), UCI_ROW.format(weekend="maybe")]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "uci.csv", lines, newline="\r\n")])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 1, 1)
    assert [(line, reason) for line, reason, _ in _rejects(any_warehouse)] == [
        (3, "column weekend: 'maybe' is not a boolean (true or false)")
    ]


def test_canonical_header_without_user_id_is_refused_naming_it(
    any_warehouse, tmp_path: Path, audit_rows
) -> None:
    lines = ["event_id,event_time,session_id,event_type,page_path", "e1,2017-11-24T13:05:09Z,s1,page_view,/"]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "clicks.csv", lines)])
    assert result.status == "refused"
    assert result.message.startswith("clicks.csv: the header looks like the events format")
    assert "lacks the column user_id." in result.message
    assert _total_raw_rows(any_warehouse) == 0
    assert [a["status"] for a in audit_rows(any_warehouse)] == ["refused"]


def test_json_lines_without_user_id_are_refused_naming_it(any_warehouse, tmp_path: Path) -> None:
    lines = ['{"event_time": "2017-11-24T13:05:09Z", "event_type": "page_view", "page_path": "/"}']
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "clicks.jsonl", lines)])
    assert result.status == "refused"
    assert result.message.startswith("clicks.jsonl: the JSON keys look like the events_jsonl format")
    assert "lack the column user_id." in result.message
    assert _total_raw_rows(any_warehouse) == 0


def test_header_matching_no_format_is_refused_naming_the_file(any_warehouse, tmp_path: Path) -> None:
    lines = ["timestamp,visitor,action", "2017-11-24T13:05:09Z,u1,click"]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "clicks.csv", lines)])
    assert result.status == "refused"
    assert result.message.startswith(
        "clicks.csv: the header matches no known format (columns: timestamp, visitor, action)"
    )
    assert _total_raw_rows(any_warehouse) == 0


def test_json_keys_matching_no_format_are_refused_naming_the_file(any_warehouse, tmp_path: Path) -> None:
    lines = ['{"ts": 1, "who": "u1"}', "not json at all"]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "clicks.jsonl", lines)])
    assert result.status == "refused"
    assert result.message.startswith("clicks.jsonl: the JSON keys match no known format (keys: ts, who)")


def test_headerless_file_unlike_rees46_is_refused(any_warehouse, tmp_path: Path) -> None:
    # Eight fields: not a REES46 record, and no header either.
    lines = ["2019-11-01 00:00:00 UTC,view,1003461,2053013555631882655,,xiaomi,489.07,520088904"]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "2019-Nov.csv", lines)])
    assert result.status == "refused"
    assert result.message.startswith("2019-Nov.csv: the header matches no known format")


def test_json_line_with_bad_utf8_refuses_the_file(any_warehouse, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    good = b'{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "page_view"}\n'
    path.write_bytes(good + good.replace(b"u1", b"\xe3o"))
    [result] = load_paths(any_warehouse.owner, [path])
    assert result.status == "refused"
    assert result.message.startswith("events.jsonl: line 2 is not valid UTF-8")
    assert _total_raw_rows(any_warehouse) == 0


def test_strict_mode_refuses_a_json_lines_file_with_a_reject_and_keeps_the_count(
    any_warehouse, tmp_path: Path, audit_rows
) -> None:
    good = '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "page_view"}'
    path = _write(tmp_path, "events.jsonl", [good, "{", good])
    [result] = load_paths(any_warehouse.owner, [path], strict=True)
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("refused", 3, 0, 3)
    with any_warehouse.connect() as conn:
        assert conn.execute("select count(*) from raw.events").fetchone() == (0,)
    [audit] = audit_rows(any_warehouse)
    assert audit["rows_read"] == audit["rows_loaded"] + audit["rows_rejected"]


def test_json_line_longer_than_the_limit_is_rejected_without_reading_it_whole(
    any_warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingestion.jsonl, "MAX_LINE_BYTES", 100)
    good = '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "page_view"}'
    long = (
        '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "page_view", "value": "'
        + "x" * 300
        + '"}'
    )
    path = _write(tmp_path, "events.jsonl", [good, long, good.replace('"u1"', '"u2"')])
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 2, 1)
    [(line, reason, raw)] = _rejects(any_warehouse)
    assert (line, reason) == (2, "line 2 is longer than 100 bytes; it was not read")
    assert long.startswith(raw) and len(raw) < len(long)

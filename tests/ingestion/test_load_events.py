"""Loading canonical events (CSV and JSON Lines) and journey events (JSON Lines), written by the tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from psycopg import sql

from ingestion.loader import load_paths
from ingestion.raw_tables import EVENT_TABLES

EVENT_COLUMNS = EVENT_TABLES["events"].column_names

# Two purchase lines of one order and a page view: every canonical column, in the contract's order.
FULL_EVENTS = [
    {
        "event_id": "e1",
        "event_time": "2017-11-24T13:05:09Z",
        "user_id": "u1",
        "session_id": "s1",
        "event_type": "purchase",
        "page_path": "/checkout/confirmation",
        "page_type": "confirmation",
        "product_id": "p1",
        "category": "cama_mesa_banho",
        "brand": "",
        "price": "19.90",
        "quantity": "2",
        "order_id": "o1",
        "customer_id": "c1",
        "search_query": "",
        "element": "",
        "element_text": "",
        "value": "",
        "browser": "Chrome",
        "os": "Android",
        "device_type": "mobile",
        "country": "BR",
        "region": "SP",
        "traffic_source": "paid_search",
        "referrer": "https://www.google.com/",
        "utm_campaign": "black_friday",
    },
    {
        "event_id": "e2",
        "event_time": "2017-11-24T13:05:09Z",
        "product_id": "p2",
        "price": "5",
        "quantity": "1",
    },
    {
        "event_id": "e3",
        "event_time": "2017-11-24 10:00:00",
        "event_type": "page_view",
        "page_path": "/",
        "page_type": "home",
        "element_text": 'says "hi", twice',
    },
]


def _full_rows() -> list[dict[str, str]]:
    base = FULL_EVENTS[0]
    return [base, base | FULL_EVENTS[1], {c: "" for c in EVENT_COLUMNS} | {"user_id": "u2"} | FULL_EVENTS[2]]


def _csv_field(value: str) -> str:
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(ch in value for ch in ',"\n') else value


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    lines = [",".join(columns)] + [",".join(_csv_field(row.get(c, "")) for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _events(warehouse, columns: tuple[str, ...] = EVENT_COLUMNS) -> list[dict]:
    with warehouse.connect() as conn, conn.cursor() as cur:
        names = sql.SQL(", ").join(map(sql.Identifier, (*columns, "_line_number")))
        cur.execute(sql.SQL("select {} from raw.events order by _line_number").format(names))
        return [dict(zip((*columns, "_line_number"), row, strict=True)) for row in cur.fetchall()]


def _typed(value: str, column: str):
    """A file's text value as the raw table should hold it (computed here, not by the loader)."""
    if value == "":
        return None
    if column == "event_time":
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if column == "price":
        return Decimal(value)
    if column == "quantity":
        return int(value)
    return value


def test_canonical_csv_with_every_column_loads_each_value(any_warehouse, tmp_path: Path) -> None:
    rows = _full_rows()
    path = _write_csv(tmp_path / "events_2017_11.csv", list(EVENT_COLUMNS), rows)
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.status, result.format, result.table) == ("loaded", "events", "raw.events")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    expected = [
        {c: _typed(row[c], c) for c in EVENT_COLUMNS} | {"_line_number": i + 2} for i, row in enumerate(rows)
    ]
    assert _events(any_warehouse) == expected


def test_canonical_csv_with_only_the_required_columns_loads_the_rest_as_null(
    any_warehouse, tmp_path: Path
) -> None:
    # Any order, any subset that holds the three required columns.
    columns = ["user_id", "event_type", "event_time"]
    rows = [
        {"user_id": "u1", "event_type": "page_view", "event_time": "2017-11-24T13:05:09+02:00"},
        {"user_id": "u1", "event_type": "search", "event_time": "2017-11-24 13:06:00"},
    ]
    [result] = load_paths(any_warehouse.owner, [_write_csv(tmp_path / "e.csv", columns, rows)])
    assert (result.status, result.rows_loaded, result.message) == ("loaded", 2, None)
    loaded = _events(any_warehouse)
    assert [(e["user_id"], e["event_type"], e["event_time"]) for e in loaded] == [
        ("u1", "page_view", datetime(2017, 11, 24, 11, 5, 9, tzinfo=UTC)),
        ("u1", "search", datetime(2017, 11, 24, 13, 6, tzinfo=UTC)),
    ]
    optional = set(EVENT_COLUMNS) - set(columns)
    assert all(e[c] is None for e in loaded for c in optional)


def test_a_naive_event_time_is_utc_whatever_the_database_time_zone(any_warehouse, tmp_path: Path) -> None:
    with any_warehouse.connect(autocommit=True) as conn:
        conn.execute(
            sql.SQL("alter database {} set timezone to 'America/Sao_Paulo'").format(
                sql.Identifier(any_warehouse.owner.dbname)
            )
        )
    rows = [{"event_time": "2017-11-24 13:05:09", "user_id": "u1", "event_type": "page_view"}]
    load_paths(
        any_warehouse.owner, [_write_csv(tmp_path / "e.csv", ["event_time", "user_id", "event_type"], rows)]
    )
    with any_warehouse.connect() as conn:
        conn.execute("set timezone to 'UTC'")
        assert conn.execute("select event_time::text from raw.events").fetchone() == (
            "2017-11-24 13:05:09+00",
        )


def test_canonical_json_lines_load_with_exact_numbers_and_nested_values_as_json_text(
    any_warehouse, tmp_path: Path
) -> None:
    lines = [
        '{"event_id": "e1", "event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "purchase",'
        ' "price": 19.90, "quantity": 2, "order_id": "o1", "product_id": 12345678901234567890}',
        "",  # blank lines hold no event
        '{"event_time": "2017-11-24T10:05:09-03:00", "user_id": 42, "event_type": "search",'
        ' "search_query": "mesa \\"azul\\"", "value": {"filters": [1.50, true, null], "sort": "price"},'
        ' "colour": "red", "brand": null}',
        '  {"EVENT_TIME": "2017-11-24 13:07:00", " User_Id ": "u3", "event_type": "page_view",'
        ' "referrer": ""}  ',  # keys compared like CSV headers; an empty string is NULL, as in a CSV
    ]
    path = _write_jsonl(tmp_path / "events.jsonl", lines)
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.status, result.format, result.table) == ("loaded", "events_jsonl", "raw.events")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    assert result.message == "ignored the columns colour (not in the events_jsonl format)"
    columns = ("event_id", "event_time", "user_id", "event_type", "price", "quantity", "product_id")
    first, second, third = _events(any_warehouse, (*columns, "search_query", "value", "brand", "referrer"))
    assert first == {
        "event_id": "e1",
        "event_time": datetime(2017, 11, 24, 13, 5, 9, tzinfo=UTC),
        "user_id": "u1",
        "event_type": "purchase",
        "price": Decimal("19.90"),  # the text 19.90, not a float's 19.9
        "quantity": 2,
        "product_id": "12345678901234567890",  # no float rounding
        "search_query": None,
        "value": None,
        "brand": None,
        "referrer": None,
        "_line_number": 1,
    }
    assert (second["user_id"], second["search_query"], second["brand"], second["_line_number"]) == (
        "42",
        'mesa "azul"',
        None,
        3,
    )
    assert second["event_time"] == datetime(2017, 11, 24, 10, 5, 9, tzinfo=timezone(timedelta(hours=-3)))
    assert json.loads(second["value"]) == {"filters": [1.5, True, None], "sort": "price"}
    assert "1.50" in second["value"]  # nested numbers keep their text too
    assert (third["user_id"], third["referrer"], third["_line_number"]) == ("u3", None, 4)


def test_journey_json_lines_load_into_journey_events(any_warehouse, tmp_path: Path) -> None:
    events = [
        {"user_id": "u1", "session_id": "s1", "path": "/product/p1", "event_time": "2021-03-01T10:00:00Z"},
        {
            "user_id": "u1",
            "session_id": "s1",
            "path": "/product/p1",
            "css": "button.add-to-cart",
            "text": "Add to cart",
            "value": "p1",
            "event_time": "2021-03-01T10:00:05Z",
            "uuid": "a-1",
        },
        {
            "user_id": "u1",
            "session_id": "s1",
            "path": "/checkout",
            "css": "div.error-message",
            "text": "Payment declined",
            "value": None,
            "event_time": "2021-03-01T10:01:00Z",
            "uuid": "a-2",
        },
    ]
    path = _write_jsonl(tmp_path / "journey.jsonl", [json.dumps(e) for e in events])
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.status, result.format, result.table) == ("loaded", "journey_events", "raw.journey_events")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    columns = EVENT_TABLES["journey_events"].column_names
    with any_warehouse.connect() as conn:
        names = sql.SQL(", ").join(map(sql.Identifier, columns))
        rows = conn.execute(
            sql.SQL("select {} from raw.journey_events order by _line_number").format(names)
        ).fetchall()
    expected = [
        tuple(_typed(e[c], "event_time") if c == "event_time" else e.get(c) for c in columns) for e in events
    ]
    assert rows == expected


def test_reloading_event_files_adds_nothing(any_warehouse, tmp_path: Path, raw_count, audit_rows) -> None:
    csv_path = _write_csv(tmp_path / "events.csv", list(EVENT_COLUMNS), _full_rows())
    jsonl_path = _write_jsonl(tmp_path / "events.jsonl", [json.dumps(e) for e in _full_rows()])
    first = load_paths(any_warehouse.owner, [csv_path])
    assert [(r.status, r.rows_loaded) for r in first] == [("loaded", 3)]
    # The same events in another file and format: each counts once, the copies are kept as rejects.
    [copy] = load_paths(any_warehouse.owner, [jsonl_path])
    assert (copy.status, copy.rows_read, copy.rows_loaded, copy.rows_rejected) == ("loaded", 3, 0, 3)
    assert all(r.reason.startswith("duplicate event: the same ") for r in copy.first_rejects)
    again = load_paths(any_warehouse.owner, [tmp_path])
    assert [r.status for r in again] == ["skipped", "skipped"]
    assert raw_count(any_warehouse, "events") == 3
    audit = audit_rows(any_warehouse)
    assert all(a["rows_read"] == a["rows_loaded"] + a["rows_rejected"] for a in audit)

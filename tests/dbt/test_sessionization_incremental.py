"""An incremental build after a second, late and overlapping file equals a full rebuild.

A first file is loaded and built; a second one brings late events (one fills the gap between two
built sessions, one comes before a session's first event, one lands exactly 30 minutes after a
session's last), events the first file already had (with and without an event id) and new
visitors. After an incremental build, the events, sessions and session marts must be exactly
those of `dbt build --full-refresh`, and the visitors without new events must not be rewritten.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from psycopg import sql
from session_build import build_sessions, load
from warehouse_marts import query

from ingestion.raw_tables import EVENT_TABLES
from shoplens.warehouse import Warehouse

EVENT_COLUMNS = EVENT_TABLES["events"].column_names
UCI_HEADER = (
    "Administrative,Administrative_Duration,Informational,Informational_Duration,ProductRelated,"
    "ProductRelated_Duration,BounceRates,ExitRates,PageValues,SpecialDay,Month,OperatingSystems,Browser,"
    "Region,TrafficType,VisitorType,Weekend,Revenue"
)
UCI_ROWS = [
    "0,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,FALSE,FALSE",
    "2,31.5,1,12,9,420.25,0,0.014,18.5,0.4,Nov,2,2,3,2,New_Visitor,TRUE,TRUE",
    "0,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,FALSE,FALSE",  # a duplicate: another session
]


def _event(
    event_id: str, time: str, user: str, event_type: str = "page_view", **extra: str
) -> dict[str, str]:
    return {
        "event_id": event_id,
        "event_time": f"2018-03-0{time}",
        "user_id": user,
        "event_type": event_type,
        **extra,
    }


FIRST_FILE = [
    # u1: two sessions (a 50-minute gap); the second file fills the gap.
    _event("a1", "5T10:00:00Z", "u1", page_path="/", browser="Chrome", region="SP", traffic_source="email"),
    _event("a2", "5T10:10:00Z", "u1", "product_view", page_path="/product/p1", product_id="p1"),
    _event("a3", "5T11:00:00Z", "u1", page_path="/cart", page_type="cart"),
    # u2: a purchase, then a new source session a few minutes later; untouched by the second file.
    _event("b1", "5T09:00:00Z", "u2", session_id="s1", page_path="/product/p2", page_type="product"),
    _event("b2", "5T09:05:00Z", "u2", "add_to_cart", session_id="s1", product_id="p2", price="10.50"),
    _event(
        "b3",
        "5T09:06:00Z",
        "u2",
        "purchase",
        session_id="s1",
        order_id="o1",
        product_id="p2",
        price="10.50",
        quantity="2",
    ),
    _event("b4", "5T09:10:00Z", "u2", session_id="s2", page_path="/"),
    # u3: no event ids; the second file repeats the last row.
    _event("", "5T12:00:00Z", "u3", page_path="/"),
    _event("", "5T12:05:00Z", "u3", "search", search_query="mesa", page_path="/search"),
    # u4: a single event; the second file brings an earlier one.
    _event("d1", "5T20:00:00Z", "u4", "product_view", page_path="/product/p3"),
    # u5: a session across midnight (shop-local too), untouched later.
    _event("e1", "6T02:50:00Z", "u5", page_path="/"),
    _event("e2", "6T03:10:00Z", "u5", page_path="/help"),
    # u7: the second file's event comes exactly 30 minutes after this one.
    _event("g1", "7T08:00:00Z", "u7", page_path="/"),
]
SECOND_FILE = [
    _event("a4", "5T10:35:00Z", "u1", page_path="/category/moveis"),  # 25 + 25 minutes: one session
    FIRST_FILE[1],  # a2 again
    FIRST_FILE[8],  # u3's search again, no id: the same content, the same event
    _event("", "5T12:20:00Z", "u3", page_path="/"),
    _event("d0", "5T19:45:00Z", "u4", page_path="/"),  # the new first event of u4's session
    _event("g2", "7T08:30:00Z", "u7", page_path="/cart"),  # exactly the threshold: same session
    _event("f1", "8T15:00:00Z", "u6", page_path="/", browser="Firefox"),
]
JOURNEY_FILE = [
    {"user_id": "j1", "session_id": "js1", "path": "/product/p9", "event_time": "2018-03-05T14:00:00Z"},
    {"user_id": "j1", "session_id": "js1", "path": "/product/p9", "css": "button.add-to-cart",
     "text": "Add to cart", "event_time": "2018-03-05T14:01:00Z"},
    {"user_id": "j1", "session_id": "js1", "path": "/checkout", "css": "button.place-order",
     "text": "Place order", "event_time": "2018-03-05T14:03:00Z"},
    {"user_id": "j1", "session_id": "js1", "path": "/checkout", "css": "div.error-message",
     "text": "Payment declined", "event_time": "2018-03-05T14:03:05Z"},
]  # fmt: skip

SNAPSHOTS = {
    "staging.stg_events__events": (),
    "staging.stg_journey__events": (),
    "intermediate.int_events_sessionized": ("sessionized_at",),
    "marts.fct_sessions": ("sessionized_at",),
    "marts.mart_conversion_cube": (),
    "marts.mart_conversion_weekday_traffic": (),
    "marts.mart_conversion_by_page_type": (),
    "marts.mart_visitors_monthly": (),
    "marts.mart_activity_hour_weekday": (),
    "marts.mart_sessions_daily": (),
    "marts.mart_sessions_monthly": (),
}


def _write_events(path: Path, events: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(events)
    return path


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(warehouse: Warehouse) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the clickstream models (bookkeeping columns left out), sorted."""
    contents = {}
    with warehouse.connect() as conn:
        for table, left_out in SNAPSHOTS.items():
            schema, name = table.split(".")
            columns = [
                c
                for (c,) in conn.execute(
                    "select column_name from information_schema.columns where table_schema = %s"
                    " and table_name = %s order by ordinal_position",
                    (schema, name),
                ).fetchall()
                if c not in left_out
            ]
            statement = sql.SQL("select {} from {}").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(schema, name)
            )
            rows = conn.execute(statement).fetchall()
            contents[table] = sorted(rows, key=lambda row: tuple((v is None, str(v)) for v in row))
    return contents


def _sessions_of(warehouse: Warehouse, user: str) -> list[tuple[Any, ...]]:
    return query(
        warehouse,
        "select session_number, events, started_at, ended_at from marts.fct_sessions"
        " where user_id = %(user)s order by session_number",
        {"user": user},
    )


def test_incremental_build_after_late_and_overlapping_events_equals_full_refresh(
    any_warehouse: Warehouse, tmp_path: Path
) -> None:
    warehouse = any_warehouse
    load(
        warehouse,
        _write_events(tmp_path / "first" / "events_a.csv", FIRST_FILE),
        _write_lines(tmp_path / "first" / "online_shoppers.csv", [UCI_HEADER, *UCI_ROWS]),
    )
    build_sessions(warehouse, tmp_path / "dbt")
    assert [n for n, *_ in _sessions_of(warehouse, "u1")] == [1, 2]
    written_before = dict(
        query(warehouse, "select user_id, max(sessionized_at) from marts.fct_sessions group by 1")
    )

    load(
        warehouse,
        _write_events(tmp_path / "second" / "events_b.csv", SECOND_FILE),
        _write_lines(tmp_path / "second" / "journey.jsonl", [json.dumps(e) for e in JOURNEY_FILE]),
    )
    build_sessions(warehouse, tmp_path / "dbt")
    incremental = _snapshot(warehouse)
    written_after = dict(
        query(warehouse, "select user_id, max(sessionized_at) from marts.fct_sessions group by 1")
    )

    build_sessions(warehouse, tmp_path / "dbt", "--full-refresh")
    assert _snapshot(warehouse) == incremental

    # What the late and repeated events did, checked against the files rather than the models.
    raw_rows = query(warehouse, "select count(*) from raw.events")[0][0]
    assert raw_rows == len(FIRST_FILE) + len(SECOND_FILE)
    assert len(incremental["staging.stg_events__events"]) == raw_rows - 2  # a2 and u3's search twice
    u1 = _sessions_of(warehouse, "u1")
    assert [(n, events) for n, events, *_ in u1] == [(1, 4)]  # the gap is filled: one session
    u4 = _sessions_of(warehouse, "u4")
    assert [(n, events, str(start)) for n, events, start, _ in u4] == [(1, 2, "2018-03-05 19:45:00+00:00")]
    assert [(n, events) for n, events, *_ in _sessions_of(warehouse, "u7")] == [(1, 2)]
    assert [(n, events) for n, events, *_ in _sessions_of(warehouse, "u3")] == [(1, 3)]
    # The incremental run rewrote only the visitors with new events.
    touched = {"u1", "u3", "u4", "u7", "u6", "j1"}
    assert {u for u in written_before if written_after[u] != written_before[u]} == touched - {"u6", "j1"}
    assert set(written_after) - set(written_before) == {"u6", "j1"}
    # UCI sessions survive the incremental run once each (3 rows, one an exact duplicate).
    assert query(warehouse, "select count(*) from marts.fct_sessions where source = 'uci'") == [
        (len(UCI_ROWS),)
    ]

"""An incremental build equals a full refresh: every clickstream model, row for row, on both servers.

A generated shop's clickstream and a small hand-written file are loaded and built. Then, as a new
day's exports would bring them, new visitors of the last week, late events for existing sessions of
the last day (each reopens its session, or bridges it with the next one), and a hand-written second
file: late events that fill the gap between two built sessions, come before a session's first event
or exactly 30 minutes after its last, events the first file already had (with and without an event
id) and new visitors. After the incremental build, every model downstream of the event sources is
kept aside and compared with `dbt build --full-refresh` by `except all` both ways; the sessions no
new event touched must not even have been rewritten.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from model_equality import clickstream_models, differences, keep_copies
from session_build import load
from warehouse_marts import dbt_build, query

from ingestion.generator import build_shop, write_shop
from ingestion.generator.clickstream import generate_clickstream, generate_extra_events, shop_period
from ingestion.generator.late_events import generate_late_events
from ingestion.raw_tables import EVENT_TABLES
from shoplens.warehouse import Warehouse

EVENT_COLUMNS = EVENT_TABLES["events"].column_names
# The clickstream models and their tests (the Olist models are built once, first).
CLICKSTREAM_SOURCES = ("events", "rees46_events", "journey_events", "uci_sessions")
CLICKSTREAM = ("--select", *(f"source:raw.{table}+" for table in CLICKSTREAM_SOURCES))
GENERATED_EVENTS = 20_000
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


def _sessions_of(warehouse: Warehouse, user: str) -> list[tuple[Any, ...]]:
    return query(
        warehouse,
        "select session_number, events, started_at, ended_at from marts.fct_sessions"
        " where user_id = %(user)s order by session_number",
        {"user": user},
    )


def _generate(landing: Path) -> None:
    shop = build_shop(scale=0.01, seed=11)
    write_shop(shop, landing / "olist")
    generate_clickstream(shop, landing / "events", events=GENERATED_EVENTS, seed=5)


def _generate_more(landing: Path) -> None:
    """New visitors of the last week, and late events for sessions of the last day (1 % each)."""
    shop = build_shop(scale=0.01, seed=11)
    last = shop_period()[1]
    events = GENERATED_EVENTS // 100
    last_week = (last - dt.timedelta(days=6), last)
    generate_extra_events(shop, landing / "events", events=events, seed=6, batch="extra1", period=last_week)
    generate_late_events(landing / "events", day=last, events=events, seed=7, batch="late1")


def test_incremental_build_after_new_and_late_events_equals_full_refresh(
    any_warehouse: Warehouse, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    warehouse, work = any_warehouse, tmp_path / "dbt"
    _generate(tmp_path / "world")
    load(
        warehouse,
        tmp_path / "world",
        _write_events(tmp_path / "first" / "events_a.csv", FIRST_FILE),
        _write_lines(tmp_path / "first" / "online_shoppers.csv", [UCI_HEADER, *UCI_ROWS]),
    )
    dbt_build(warehouse, work, "--exclude", *CLICKSTREAM[1:])  # seeds and Olist models
    dbt_build(warehouse, work, *CLICKSTREAM)
    assert [n for n, *_ in _sessions_of(warehouse, "u1")] == [1, 2]
    untouched_before = _events_written(warehouse, "u2", "u5")

    _generate_more(tmp_path / "world")
    results = load_with_duplicates(
        warehouse,
        tmp_path / "world" / "events",
        _write_events(tmp_path / "second" / "events_b.csv", SECOND_FILE),
        _write_lines(tmp_path / "second" / "journey.jsonl", [json.dumps(e) for e in JOURNEY_FILE]),
    )
    assert results == {"events_b.csv": 2}  # a2 and u3's search again: loaded once, kept as duplicates
    # The aggregate marts list their changed periods as literals on the embedded server, and join
    # them as a subquery (a backfill's path: more than listed_periods_max) on the external one.
    backfill = request.node.callspec.params["any_settings"] == "external"
    periods = ["--vars", json.dumps({"listed_periods_max": 0})] if backfill else []
    outcome = dbt_build(warehouse, work, *CLICKSTREAM, *periods)
    assert _reopened_sessions(warehouse) > 0  # the late events did reopen built sessions
    assert _events_written(warehouse, "u2", "u5") == untouched_before  # and nothing else was rewritten

    models = clickstream_models(outcome.manifest)
    compared = {table for _, table in models}
    assert {"fct_sessions", "fct_session_funnel", "mart_funnel_steps", "mart_conversion_cube"} <= compared
    keep_copies(warehouse, models)
    dbt_build(warehouse, work, *CLICKSTREAM, "--full-refresh")
    assert differences(warehouse, models) == {}

    # What the late and repeated events did, checked against the files rather than the models.
    u1 = _sessions_of(warehouse, "u1")
    assert [(n, events) for n, events, *_ in u1] == [(1, 4)]  # the gap is filled: one session
    u4 = _sessions_of(warehouse, "u4")
    assert [(n, events, str(start)) for n, events, start, _ in u4] == [(1, 2, "2018-03-05 19:45:00+00:00")]
    assert [(n, events) for n, events, *_ in _sessions_of(warehouse, "u7")] == [(1, 2)]
    assert [(n, events) for n, events, *_ in _sessions_of(warehouse, "u3")] == [(1, 3)]
    # UCI sessions survive the incremental runs once each (3 rows, one an exact duplicate).
    uci_sessions = query(warehouse, "select count(*) from marts.fct_sessions where source = 'uci'")
    assert uci_sessions == [(len(UCI_ROWS),)]
    # And the generated world's sessions are those an independent sessionization of its files gives.
    assert _sessions_in_the_warehouse(warehouse) == sessions_of_the_files(tmp_path / "world" / "events")


def load_with_duplicates(warehouse: Warehouse, *paths: Path) -> dict[str, int]:
    """Load files that may repeat events already loaded: {file: rows kept as duplicates} for those
    with any; every other rejected row fails the test."""
    from ingestion.loader import LOADED, load_paths

    results = load_paths(warehouse.owner, list(paths))
    assert all(r.status in (LOADED, "skipped") for r in results), [(r.file_name, r.message) for r in results]
    rejected = query(
        warehouse,
        "select r.file_name, count(*), bool_and(r.reason like 'duplicate event: %%') from raw.rejected_rows r"
        " group by r.file_name",
    )
    assert all(only_duplicates for _, _, only_duplicates in rejected), rejected
    return {name: count for name, count, _ in rejected}


def _reopened_sessions(warehouse: Warehouse) -> int:
    return query(
        warehouse,
        "select count(distinct previous_session_id) from intermediate.int_events_sessionized"
        " where previous_session_id is not null",
    )[0][0]


def _events_written(warehouse: Warehouse, *users: str) -> list[tuple[Any, ...]]:
    return query(
        warehouse,
        "select event_id, session_id, sessionized_at from intermediate.int_events_sessionized"
        " where user_id = any(%(users)s) order by event_id",
        {"users": list(users)},
    )


def sessions_of_the_files(events_dir: Path) -> list[tuple[str, str, int, bool, Decimal]]:
    """The session rule applied to the event files in plain Python, apart from the loader and dbt: per
    visitor and source session id, in time order (then file order), a gap of more than 30 minutes
    starts a session; each event counts once. (start, visitor, events, converted, revenue) per session."""
    seen, events = set(), []
    for order, path in enumerate(sorted(events_dir.glob("*.csv"))):
        with path.open(newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                if row["event_id"] not in seen:
                    seen.add(row["event_id"])
                    events.append((row["user_id"], row["session_id"], row["event_time"], order, line, row))
    sessions: list[tuple[str, str, int, bool, Decimal]] = []
    last: dict[tuple[str, str], tuple[dt.datetime, list]] = {}
    for user, source_session, time, *_, row in sorted(events, key=lambda e: (e[0], e[1], e[2], e[3], e[4])):
        at = dt.datetime.fromisoformat(time.replace("Z", "+00:00"))
        key = (user, source_session)
        previous = last.get(key)
        if previous is None or at - previous[0] > dt.timedelta(minutes=30):
            current = [time, user, 0, False, Decimal(0)]
            sessions.append(current)
        else:
            current = previous[1]
        current[2] += 1
        if row["event_type"] == "purchase":
            current[3] = True
            current[4] += Decimal(row["price"]) * int(row["quantity"] or 1)
        last[key] = (at, current)
    return sorted(tuple(session) for session in sessions)


def _sessions_in_the_warehouse(warehouse: Warehouse) -> list[tuple[str, str, int, bool, Decimal]]:
    rows = query(
        warehouse,
        "select to_char(started_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), user_id, events,"
        " converted, revenue from marts.fct_sessions where source = 'events' and user_id not like 'u_'"
        " and user_id <> 'j1'",
    )
    return sorted(rows)

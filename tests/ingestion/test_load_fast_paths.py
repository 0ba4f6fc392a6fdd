"""The fast ways (PostgreSQL parses the CSV; casts without the full checks) give what the exact ways give.

Each file is loaded twice into the same database: once as the loader does it, once with the fast
ways switched off (the Python csv landing and the full checks on every row), the raw state being
emptied in between. Raw rows (all but the load id and time) and rejects must be identical, and
probes on the calls show which way was taken.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

import ingestion.file_landing
import ingestion.loader
import ingestion.raw_rows
from ingestion.detect import match_file
from ingestion.file_landing import land_file
from ingestion.landing import LANDING_TABLE, create_landing_table, field_name
from ingestion.loader import load_paths
from ingestion.quick_checks import cleared_expression
from ingestion.raw_tables import OLIST_TABLES, RAW_TABLES, ensure_raw_tables
from ingestion.rejects import row_reason_expression
from ingestion.validation import ValueChecks, cast_expression

GEO_HEADER = "geolocation_zip_code_prefix,geolocation_lat,geolocation_lng,geolocation_city,geolocation_state"
ITEMS_HEADER = "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value"
ORDERS_HEADER = (
    "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
    "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date"
)

CLEAN_FILES = {
    "geolocation, quoted and with exponents": "\n".join(
        [
            f'"{GEO_HEADER.replace(",", chr(34) + "," + chr(34))}"',
            '"01002",-23.512639397855718,-46.65521843418403,sao paulo,SP',
            '"01003",-2.722161716342585e-05,+46.6,"sao paulo, centro",""',
            '"01004",.5,-46.,"d\'avila ""velha""",',
            "",
        ]
    ),
    "orders with empty optional timestamps": "\n".join(
        [
            ORDERS_HEADER,
            'o1,c1,delivered,2017-10-02 10:56:33,"2017-10-02 11:07:15",,2017-10-10 21:25:13,'
            "2017-10-18 00:00:00",
            'o2,c2,shipped,2018-07-24 20:41:37.5,,"",,2018-08-13 00:00:00',
            "o3,c3,created,2017-08-01,2017-01-01T10:00,,,",
            "",
        ]
    ),
    "items with integers written as floats": "\n".join(
        [
            ITEMS_HEADER,
            "o1,1,p1,s1,2018-05-16 20:57:03,144.00,8.77",
            "o1,2.0,p2,s1,,1e3, 12.5 ",
            "",
        ]
    ),
    "canonical events, a subset of the columns, with time zones": "\n".join(
        [
            "quantity,event_time,user_id,event_type,price,element_text",
            "2,2017-11-24T13:05:09Z,u1,purchase,19.90,",
            ',2017-11-24 13:05:09,u2,error,,"Payment declined, try again"',
            ",2019-10-01 00:00:00 UTC,u3,page_view,,",
            "1,2017-11-24T13:05:09.5-03:00,u4,add_to_cart,.5,",
            "",
        ]
    ),
    "uci sessions with booleans": "\n".join(
        [
            "Administrative,Administrative_Duration,Informational,Informational_Duration,ProductRelated,"
            "ProductRelated_Duration,BounceRates,ExitRates,PageValues,SpecialDay,Month,OperatingSystems,"
            "Browser,Region,TrafficType,VisitorType,Weekend,Revenue",
            "0,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,FALSE,FALSE",
            "3,87.83333333,0,0,27,798.3333333,0,0.012643678,22.91603598,0.8,May,2,2,3,1,New_Visitor,TRUE,true",
            "",
        ]
    ),
}
REES46_LINES = [
    "2019-11-01 00:00:00 UTC,view,1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07,520088904,"
    "4d3b30da-a5e4-49df-b1a8-ba5943f1dd33",
    "2019-11-01 00:00:01 UTC,view,17302664,2053013553853497655,,creed,28.31,561587266,"
    "755422e7-9040-477b-9bd2-6a6e8fd97387",
    "2019-11-01 00:00:02 UTC,purchase,3601530,2053013563810775923,appliances.kitchen.washer,lg,712.87,"
    "518085591,3bfb58cd-7892-48cc-8020-2f17e6de6e7f",
]
DIRTY_EVENTS_JSONL = "\n".join(
    [
        '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "purchase", "price": 19.90}',
        '{"event_time": "2017-11-24 24:00:00", "user_id": "u1", "event_type": "page_view"}',
        '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "purchase", "quantity": 7.5}',
        '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u1", "event_type": "purchase", "price": "1.2.3"}',
        '{"event_time": "2017-11-24T13:05:09Z", "event_type": "page_view"',
        '{"event_time": "2017-11-24T13:05:09Z", "user_id": "u2", "event_type": "page_view"}',
        "",
    ]
)
DIRTY_ITEMS = "\n".join(
    [
        ITEMS_HEADER,
        "o1,1,p1,s1,2018-05-16 20:57:03,144.00,8.77",
        "o1,7.5,p2,s1,,1,2",  # refused integer that a bare cast would round
        "o2,1,p1,s1,,NaN,2",  # refused number that a bare cast would accept
        ",1,p1,s1,,1,2",  # required value missing
        "o3,1,p1,s1,,1.2.3,2",  # passes the cheap test, but its cast raises: all go the full way
        "o4,0x1F,p1,s1,,1,2",
        "o5,1,p1,s1,2017-01-01 24:00:00,1,2",
        "",
    ]
)
DIRTY_WITHOUT_CAST_ERRORS = DIRTY_ITEMS.replace("o3,1,p1,s1,,1.2.3,2", "o3,1,p1,s1,,1_000,2")


@dataclass
class Probes:
    """How often the Python landing and the raw inserts ran."""

    python_landings: int = 0
    inserts: list[str] = field(default_factory=list)


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> Probes:
    seen = Probes()
    real_rows, real_insert = ingestion.file_landing.copy_rows_into_landing, ingestion.raw_rows._insert

    def rows(*args, **kwargs):
        seen.python_landings += 1
        return real_rows(*args, **kwargs)

    def insert(conn, match, load_id, condition):
        seen.inserts.append(condition.as_string(conn))
        return real_insert(conn, match, load_id, condition)

    monkeypatch.setattr(ingestion.file_landing, "copy_rows_into_landing", rows)
    monkeypatch.setattr(ingestion.raw_rows, "_insert", insert)
    return seen


def _load_both_ways(warehouse, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    """(state after the usual load, state after the exact ways), each from an empty raw schema."""
    fast = _load_and_read(warehouse, path)
    _empty_raw(warehouse)
    with monkeypatch.context() as exact:
        exact.setattr(
            ingestion.loader, "land_file", functools.partial(ingestion.loader.land_file, allow_fast=False)
        )
        exact.setattr(ingestion.raw_rows, "cleared_expression", lambda match, checks: sql.SQL("false"))
        slow = _load_and_read(warehouse, path)
    return fast, slow


def _load_and_read(warehouse, path: Path) -> dict:
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "loaded", result.message
    with warehouse.connect() as conn:
        rejects = conn.execute(
            "select line_number, reason, raw_line from raw.rejected_rows order by line_number"
        ).fetchall()
        raw_table = RAW_TABLES[result.table.removeprefix("raw.")]
        table = sql.Identifier("raw", raw_table.name)
        columns = sql.SQL(", ").join(map(sql.Identifier, raw_table.column_names))
        rows = conn.execute(
            sql.SQL("select _line_number, {} from {} order by _line_number").format(columns, table)
        ).fetchall()
    counts = (result.rows_read, result.rows_loaded, result.rows_rejected)
    return {"counts": counts, "rows": rows, "rejects": rejects}


def _empty_raw(warehouse) -> None:
    tables = [sql.Identifier("raw", name) for name in (*RAW_TABLES, "rejected_rows", "load_audit")]
    with warehouse.connect() as conn:
        conn.execute(sql.SQL("truncate {}").format(sql.SQL(", ").join(tables)))


def _write(tmp_path: Path, text: str, *, newline: str = "\n", bom: bool = False) -> Path:
    path = tmp_path / "data.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode())
    return path


@pytest.mark.parametrize("text", CLEAN_FILES.values(), ids=CLEAN_FILES.keys())
def test_clean_file_loads_the_same_rows_the_fast_and_the_exact_way(
    any_warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, probes: Probes, text: str
) -> None:
    path = _write(tmp_path, text)
    fast, slow = _load_both_ways(any_warehouse, path, monkeypatch)
    assert fast == slow
    assert fast["counts"][2] == 0 and len(fast["rows"]) == text.count("\n") - 1
    # The fast load was landed by PostgreSQL and cast in one insert of cleared rows; the exact one
    # was landed by Python and checked in full.
    assert probes.python_landings == 1
    assert len(probes.inserts) == 2
    assert probes.inserts[0].startswith('("_field_count_reason" is null and')
    assert probes.inserts[1].startswith("false or")


# The clean files without exponents or integers written as floats, which go the full way by design.
PLAIN_FILES = {
    name: text for name, text in CLEAN_FILES.items() if "exponents" not in name and "floats" not in name
}


@pytest.mark.parametrize("text", PLAIN_FILES.values(), ids=PLAIN_FILES.keys())
def test_every_row_of_a_plain_file_is_cleared_by_the_cheap_tests_empty_values_included(
    any_warehouse, tmp_path: Path, text: str
) -> None:
    # An empty optional value must not send its row through the full checks (a NULL in the test).
    path = _write(tmp_path, text)
    match = match_file(path)
    with any_warehouse.connect() as conn, conn.transaction(force_rollback=True):
        create_landing_table(conn, match.width, first_line=match.first_data_line)
        landed = land_file(conn, path, match).records
        cleared = cleared_expression(match, ValueChecks.for_server(conn.info.server_version))
        not_cleared = conn.execute(
            sql.SQL("select count(*) from {} where {} is not true").format(LANDING_TABLE, cleared)
        ).fetchone()
    assert landed == text.count("\n") - 1
    assert not_cleared == (0,)


@pytest.mark.parametrize(
    "text", [DIRTY_ITEMS, DIRTY_WITHOUT_CAST_ERRORS], ids=["cast error", "no cast error"]
)
def test_dirty_file_gives_the_same_rows_and_rejects_either_way(
    any_warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, probes: Probes, text: str
) -> None:
    fast, slow = _load_both_ways(any_warehouse, _write(tmp_path, text), monkeypatch)
    assert fast == slow
    assert [line for line, *_ in fast["rejects"]] == [3, 4, 5, 6, 7, 8]
    assert [row[:2] for row in fast["rows"]] == [(2, "o1")]
    # With a cast error the quick insert is rolled back and redone with the full checks.
    assert len(probes.inserts) == (3 if "1.2.3" in text else 2)


def test_file_postgres_refuses_is_landed_the_python_way_with_its_rejects(
    warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, probes: Probes
) -> None:
    # A wrong field count fails the whole COPY (no ON_ERROR on PostgreSQL 15): the Python way
    # keeps the record as a reject with its line.
    text = "\n".join([ITEMS_HEADER, "o1,1,p1,s1,,1,2", "o2,1,p1", "o3,1,p1,s1,,1,2", ""])
    fast, slow = _load_both_ways(warehouse, _write(tmp_path, text), monkeypatch)
    assert fast == slow
    assert fast["rejects"] == [(3, "expected 7 fields, found 3", "o2,1,p1")]
    assert [row[:2] for row in fast["rows"]] == [(2, "o1"), (4, "o3")]
    assert probes.python_landings == 2


@pytest.mark.parametrize(
    ("newline", "final_newline", "bom"),
    [("\n", False, False), ("\r\n", True, False), ("\r\n", False, True)],
    ids=["no final newline", "crlf", "bom, crlf, no final newline"],
)
def test_fast_landing_numbers_records_by_their_physical_line(
    warehouse, tmp_path: Path, probes: Probes, newline: str, final_newline: bool, bom: bool
) -> None:
    lines = [ORDERS_HEADER] + [f"o{i},c{i},delivered,2017-10-02 10:56:33,,,," for i in range(1, 6)]
    text = "\n".join(lines) + ("\n" if final_newline else "")
    path = _write(tmp_path, text, newline=newline, bom=bom)
    [result] = load_paths(warehouse.owner, [path])
    assert (result.status, result.rows_loaded) == ("loaded", 5)
    assert probes.python_landings == 0
    expected = {line.split(",")[0]: number for number, line in enumerate(lines, start=1)}
    with warehouse.connect() as conn:
        loaded = dict(conn.execute("select order_id, _line_number from raw.olist_orders").fetchall())
    assert loaded == {key: expected[key] for key in loaded} and len(loaded) == 5


def test_quote_inside_an_unquoted_field_is_read_the_python_way(
    warehouse, tmp_path: Path, probes: Probes
) -> None:
    # PostgreSQL would read ab"c"d as abcd; Python's csv module keeps the quotes.
    path = _write(tmp_path, 'seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01037,ab"c"d,SP\n')
    [result] = load_paths(warehouse.owner, [path])
    assert (result.status, result.rows_loaded) == ("loaded", 1)
    assert probes.python_landings == 1
    with warehouse.connect() as conn:
        assert conn.execute("select seller_city from raw.olist_sellers").fetchone() == ('ab"c"d',)


@pytest.mark.parametrize(("bom", "final_newline"), [(False, True), (True, False)], ids=["plain", "bom"])
def test_headerless_file_loads_the_same_rows_either_way_from_line_one(
    any_warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    probes: Probes,
    bom: bool,
    final_newline: bool,
) -> None:
    text = "\n".join(REES46_LINES) + ("\n" if final_newline else "")
    fast, slow = _load_both_ways(any_warehouse, _write(tmp_path, text, bom=bom), monkeypatch)
    assert fast == slow
    assert probes.python_landings == 1  # only the exact way: PostgreSQL parsed the usual load
    assert [row[:3] for row in fast["rows"]] == [
        (number, datetime(2019, 11, 1, 0, 0, second, tzinfo=UTC), "view" if second < 2 else "purchase")
        for number, second in [(1, 0), (2, 1), (3, 2)]
    ]


def test_dirty_json_lines_give_the_same_rows_and_rejects_either_way(
    any_warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, probes: Probes
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(DIRTY_EVENTS_JSONL, encoding="utf-8")
    fast, slow = _load_both_ways(any_warehouse, path, monkeypatch)
    assert fast == slow
    assert fast["counts"] == (6, 2, 4)
    assert [line for line, *_ in fast["rejects"]] == [2, 3, 4, 5]
    assert [row[0] for row in fast["rows"]] == [1, 6]
    assert [raw for *_, raw in fast["rejects"]] == DIRTY_EVENTS_JSONL.splitlines()[1:5]


def test_samples_load_the_same_rows_the_fast_and_the_exact_way(
    warehouse, samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = ["olist", "olist_canonical_format", "events/*", "online_shoppers"]
    for path in sorted(path for folder in folders for path in samples_dir.glob(f"{folder}/*.csv")):
        fast, slow = _load_both_ways(warehouse, path, monkeypatch)
        assert fast == slow, path.name
        _empty_raw(warehouse)


def test_raw_data_tables_have_no_foreign_key_and_an_old_one_is_dropped(warehouse) -> None:
    fk_count = (
        "select count(*) from pg_constraint c join pg_class t on t.oid = c.conrelid "
        "where c.contype = 'f' and t.relname = any(%s)"
    )
    with warehouse.connect() as conn:
        ensure_raw_tables(conn)
        assert conn.execute(fk_count, (list(OLIST_TABLES),)).fetchone() == (0,)
        # A warehouse created before the contract change still has the key: the next ensure drops it.
        conn.execute("alter table raw.olist_orders add foreign key (_load_id) references raw.load_audit")
        assert conn.execute(fk_count, (list(OLIST_TABLES),)).fetchone() == (1,)
        ensure_raw_tables(conn)
        assert conn.execute(fk_count, (list(OLIST_TABLES),)).fetchone() == (0,)
        # raw.rejected_rows keeps its key to the audit.
        assert conn.execute(fk_count, (["rejected_rows"],)).fetchone() == (1,)


def test_concurrent_ensure_raw_tables_on_a_fresh_warehouse_all_succeed(warehouse) -> None:
    # Without the advisory lock inside ensure_raw_tables, concurrent `create table if not exists`
    # can fail on a catalog unique index.
    def ensure(_: int) -> None:
        with warehouse.connect(autocommit=True) as conn:
            ensure_raw_tables(conn)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(ensure, range(8)))
    with warehouse.connect() as conn:
        tables = conn.execute("select count(*) from pg_tables where schemaname = 'raw'").fetchone()
    assert tables == (len(RAW_TABLES) + 2,)


TRICKY_ITEMS = {  # column: values; every other value of the row is plain
    "order_item_id": [
        "1",
        "+7",
        "-0",
        "007",
        "7.0",
        "7.5",
        "0x1F",
        "1_000",
        " 7",
        "1e2",
        "NaN",
        "99999999999",
    ],
    "price": ["1.5", ".5", "5.", "-0.5", "1e3", "1e0001", "NaN", "Infinity", "1_000", "0x10", "1.2.3", " 2 "],
    "shipping_limit_date": [
        *["2018-05-16 20:57:03", "2016-02-29 00:00:00", "2017-02-29 00:00:00", "2017-01-01 24:00:00"],
        *["2017-01-01 23:59:60", "2017-01-01T10:00", "2017-01-01 10:00:00.5", "2017-01-01 10:00:0 "],
        *["0000-01-01 00:00:00", "10000-01-01 00:00:00", "2017-01-01 00:00:00 BC", "2017-01-01 00:00:00+02"],
        *["now", "2017-01-01", ""],
    ],
}
TRICKY_LATITUDES = ["-23.5", "1e-05", "1e0001", "1e305", "-1e-310", "0x10", "NaN", "inf", "1" * 30, " 1.5"]
TRICKY_EVENT_TIMES = [
    *["2019-10-01 00:00:00 UTC", "2017-11-24T13:05:09Z", "2017-11-24 13:05:09", "2017-11-24T13:05:09+02:00"],
    *["2017-11-24T13:05:09-0300", "2017-11-24T13:05:09.123456789Z", "2017-11-24T13:05:09+15:59"],
    *["2017-11-24T13:05:09+16:00", "2017-11-24 13:05:09 PST", "2017-11-24 13:05:09 America/Sao_Paulo"],
    *["2017-11-24 13:05:09 BC", "2017-11-24 24:00:00Z", "2017-02-29 10:00:00Z", "2017-11-24 13:05:60 UTC"],
    *["2017-11-24 13:05:09 UT", "2017-11-24Z", "now", "epoch", "infinity", "today", "2017-11-24 allballs"],
]
TRICKY_BOOLEANS = ["TRUE", "FALSE", "true", "t", "F", "yes", "0", " TRUE ", "tr", "maybe", "2", "TRUE1"]
UCI_HEADER = (
    "Administrative,Administrative_Duration,Informational,Informational_Duration,ProductRelated,"
    "ProductRelated_Duration,BounceRates,ExitRates,PageValues,SpecialDay,Month,OperatingSystems,Browser,"
    "Region,TrafficType,VisitorType,Weekend,Revenue"
)


def _tricky_files(tmp_path: Path) -> list[Path]:
    plain = {"order_item_id": "1", "price": "1", "shipping_limit_date": ""}
    items = [ITEMS_HEADER]
    for column, values in TRICKY_ITEMS.items():
        for value in values:
            row = plain | {column: value}
            items.append(
                f"o{len(items)},{row['order_item_id']},p,s,{row['shipping_limit_date']},{row['price']},2"
            )
    geo = [GEO_HEADER] + [f"z{i},{value},1,c,s" for i, value in enumerate(TRICKY_LATITUDES)]
    events = ["event_id,event_time,user_id,event_type"]
    events += [f"e{i},{value},u1,page_view" for i, value in enumerate(TRICKY_EVENT_TIMES)]
    uci = [UCI_HEADER] + [
        f"{i},0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,New_Visitor,{value},FALSE"
        for i, value in enumerate(TRICKY_BOOLEANS)
    ]
    paths = [tmp_path / "items.csv", tmp_path / "geo.csv", tmp_path / "events.csv", tmp_path / "uci.csv"]
    for path, lines in zip(paths, [items, geo, events, uci], strict=True):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def _cleared_yet_refused(conn, path: Path) -> list[str]:
    """Landed rows the cheap tests clear and the full checks refuse, whose casts succeed."""
    match = match_file(path)
    checks = ValueChecks.for_server(conn.info.server_version)
    create_landing_table(conn, match.width, first_line=match.first_data_line)
    land_file(conn, path, match, allow_fast=False)
    first = sql.Identifier(field_name(0))
    suspects = conn.execute(
        sql.SQL("select {} from {} where {} and {} is not null").format(
            first, LANDING_TABLE, cleared_expression(match, checks), row_reason_expression(match, checks)
        )
    ).fetchall()
    casts = sql.SQL(", ").join(
        cast_expression(c, sql.Identifier(field_name(match.field_of_column[c.name]))) for c in match.columns
    )
    wrong = []
    for (key,) in suspects:
        try:  # allowed only if the cast raises: the insert then falls back to the full checks
            with conn.transaction():
                conn.execute(
                    sql.SQL("select {} from {} where {} = %s").format(casts, LANDING_TABLE, first), (key,)
                )
            wrong.append(key)
        except psycopg.errors.DataError:
            pass
    return wrong


def test_cheap_tests_never_clear_a_castable_value_the_full_checks_refuse(
    any_warehouse, tmp_path: Path
) -> None:
    for path in _tricky_files(tmp_path):
        with any_warehouse.connect() as conn, conn.transaction(force_rollback=True):
            assert _cleared_yet_refused(conn, path) == [], path.name

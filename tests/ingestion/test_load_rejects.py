"""Files with bad rows: good rows load, bad ones are kept with their physical line and reason."""

from __future__ import annotations

from pathlib import Path

from ingestion.loader import load_paths
from ingestion.report import render_result

REVIEWS_HEADER = (
    "review_id,order_id,review_score,review_comment_title,review_comment_message,"
    "review_creation_date,review_answer_timestamp"
)
# Line 3 starts a record whose quoted message spans lines 3-5, so every later record starts two
# lines further down than its record number would suggest.
BAD_REVIEWS = "\n".join(
    [
        REVIEWS_HEADER,  # line 1
        "r1,o1,5,,fine,2018-01-01 00:00:00,2018-01-02 10:11:12",  # 2
        'r2,o2,4,title,"first line',  # 3
        "second line",  # 4
        'third line",2018-01-03 00:00:00,2018-01-04 00:00:00',  # 5
        "r3,o3,abc,,x,2018-01-05 00:00:00,",  # 6: bad integer
        "r4,o4,3,,x,2017-13-45,",  # 7: bad timestamp
        ",o5,3,,x,2018-01-05 00:00:00,",  # 8: missing required value
        "r6,o6,3,,x",  # 9: wrong field count
        "r7,o7,1,,ok,2018-02-28 23:59:59,",  # 10
        "",  # a final newline
    ]
)
EXPECTED_REJECTS = [
    (6, "column review_score: 'abc' is not an integer", "r3,o3,abc,,x,2018-01-05 00:00:00,"),
    (7, "column review_creation_date: '2017-13-45' is not a timestamp", "r4,o4,3,,x,2017-13-45,"),
    (8, "column review_id: required value is missing", ",o5,3,,x,2018-01-05 00:00:00,"),
    (9, "expected 7 fields, found 5", "r6,o6,3,,x"),
]

ITEMS = (
    "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
    "o1,1,p1,s1,2018-05-16 20:57:03,144.0,8.77\n"
    "o1,2,p2,s1,2018-05-16 20:57:03,abc,8.77\n"
    "o2,1.0,p1,s2,,16.5,14.1\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _rejected(warehouse, load_id: int) -> list[tuple]:
    with warehouse.connect() as conn:
        return conn.execute(
            "select line_number, reason, raw_line from raw.rejected_rows where load_id = %s order by 1",
            (load_id,),
        ).fetchall()


def test_bad_rows_are_rejected_with_physical_line_and_reason(
    any_warehouse, tmp_path: Path, raw_count, audit_rows
) -> None:
    path = _write(tmp_path, "reviews.csv", BAD_REVIEWS)
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 7, 3, 4)
    assert _rejected(any_warehouse, result.load_id) == EXPECTED_REJECTS
    assert [(r.line_number, r.reason) for r in result.first_rejects] == [e[:2] for e in EXPECTED_REJECTS]
    assert raw_count(any_warehouse, "olist_order_reviews") == 3
    with any_warehouse.connect() as conn:
        loaded = conn.execute(
            "select _line_number, review_id, review_comment_message from raw.olist_order_reviews order by 1"
        ).fetchall()
    assert loaded == [(2, "r1", "fine"), (3, "r2", "first line\nsecond line\nthird line"), (10, "r7", "ok")]
    [audit] = audit_rows(any_warehouse)
    assert (audit["status"], audit["rows_read"], audit["rows_loaded"], audit["rows_rejected"]) == (
        "loaded",
        7,
        3,
        4,
    )
    assert audit["format"] == "olist_order_reviews" and audit["file_name"] == "reviews.csv"


def test_bad_number_is_rejected_and_float_integers_are_accepted(warehouse, tmp_path: Path) -> None:
    path = _write(tmp_path, "items.csv", ITEMS)
    [result] = load_paths(warehouse.owner, [path])
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert _rejected(warehouse, result.load_id) == [
        (3, "column price: 'abc' is not a number", "o1,2,p2,s1,2018-05-16 20:57:03,abc,8.77")
    ]
    assert render_result(result) == [
        "items.csv: loaded 2 rows into raw.olist_order_items, rejected 1",
        "  line 3, column price: 'abc' is not a number",
    ]
    with warehouse.connect() as conn:
        items = conn.execute(
            "select order_item_id, price::text, shipping_limit_date from raw.olist_order_items order by 1"
        ).fetchall()
    assert [(i, p) for i, p, _ in items] == [(1, "144.0"), (1, "16.5")]
    assert items[1][2] is None  # an empty optional value is NULL


TIMESTAMPS = {
    "2016-02-29 23:59:59": None,
    "2017-01-01T10:00": None,
    "2017-08-01": None,
    "2017-08-01 10:00:00.25 ": None,
    " 2017-08-01 10:00:00": "is not a timestamp",
    "2016-04-31": "is not a timestamp",
    "2017-02-29 10:00:00": "is not a timestamp",
    "2017-01-01 24:00:00": "is not a timestamp",
    "2017-01-01 10:60:00": "is not a timestamp",
    "2017-01-01 23:59:60": "is not a timestamp",
    "0000-01-01 00:00:00": "is not a timestamp",
    "01/02/2017 10:00": "is not a timestamp",
    "now": "is not a timestamp",
    "infinity": "is not a timestamp",
    "epoch": "is not a timestamp",
}
NUMBERS = {  # (column, value): problem, or None when accepted
    ("price", "1e3"): None,
    ("price", "-0.5"): None,
    ("price", ".5"): None,
    ("price", " 12.5 "): None,
    ("price", "NaN"): "is not a number",
    ("price", "Infinity"): "is not a number",
    ("price", "1_000"): "is not a number",
    ("price", "1,5"): "is not a number",
    ("price", "1.2.3"): "is not a number",
    ("order_item_id", "7"): None,
    ("order_item_id", "7.0"): None,
    ("order_item_id", "7.5"): "is not an integer",
    ("order_item_id", "0x1F"): "is not an integer",
    ("order_item_id", "99999999999"): "is out of range for an integer",
}


def test_timestamp_checks_on_both_servers(any_warehouse, tmp_path: Path) -> None:
    header = (
        "order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
        "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n"
    )
    rows = [f"o{i},c1,delivered,2017-01-01 00:00:00,{value},,,\n" for i, value in enumerate(TIMESTAMPS)]
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "orders.csv", header + "".join(rows))])
    expected = [
        (line, f"column order_approved_at: '{value}' {problem}")
        for line, (value, problem) in enumerate(TIMESTAMPS.items(), start=2)
        if problem
    ]
    assert _reasons(any_warehouse, result.load_id) == expected
    assert result.rows_loaded == sum(problem is None for problem in TIMESTAMPS.values())


def test_number_checks_on_both_servers(any_warehouse, tmp_path: Path) -> None:
    lines = ["order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value"]
    for column, value in NUMBERS:
        row = {"order_item_id": "1", "price": "1", column: value}
        lines.append(f'o1,{row["order_item_id"]},p,s,,"{row["price"]}",2')
    path = _write(tmp_path, "items.csv", "\n".join(lines) + "\n")
    [result] = load_paths(any_warehouse.owner, [path])
    expected = [
        (line, f"column {column}: '{value}' {problem}")
        for line, ((column, value), problem) in enumerate(NUMBERS.items(), start=2)
        if problem
    ]
    assert _reasons(any_warehouse, result.load_id) == expected
    with any_warehouse.connect() as conn:
        loaded = conn.execute("select order_item_id, price from raw.olist_order_items order by _line_number")
        assert [(i, float(p)) for i, p in loaded] == [
            (1, 1000.0),
            (1, -0.5),
            (1, 0.5),
            (1, 12.5),
            (7, 1),
            (7, 1),
        ]


def _reasons(warehouse, load_id: int) -> list[tuple[int, str]]:
    return [(line, reason) for line, reason, _ in _rejected(warehouse, load_id)]


def test_geolocation_out_of_range_coordinate_is_rejected(any_warehouse, tmp_path: Path) -> None:
    text = (
        "geolocation_zip_code_prefix,geolocation_lat,geolocation_lng,geolocation_city,geolocation_state\n"
        "01037,-23.5,-46.6,sao paulo,SP\n"
        "01037,1e400,-46.6,sao paulo,SP\n"
        "01037,-23.5,-1e-400,sao paulo,SP\n"
    )
    [result] = load_paths(any_warehouse.owner, [_write(tmp_path, "geo.csv", text)])
    assert [(r.line_number, r.reason) for r in result.first_rejects] == [
        (3, "column geolocation_lat: '1e400' is out of range for a floating-point number"),
        (4, "column geolocation_lng: '-1e-400' is out of range for a floating-point number"),
    ]
    with any_warehouse.connect() as conn:
        assert conn.execute("select geolocation_zip_code_prefix from raw.olist_geolocation").fetchall() == [
            ("01037",)
        ]


def test_strict_mode_loads_nothing_but_keeps_the_rejects(
    warehouse, tmp_path: Path, raw_count, audit_rows
) -> None:
    path = _write(tmp_path, "reviews.csv", BAD_REVIEWS)
    [result] = load_paths(warehouse.owner, [path], strict=True)
    # Nothing is lost: the 4 bad rows and the 3 valid ones held back are all in raw.rejected_rows.
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("refused", 7, 0, 7)
    assert "strict mode" in (result.message or "") and result.message.startswith("reviews.csv:")
    assert raw_count(warehouse, "olist_order_reviews") == 0
    rejected = _rejected(warehouse, result.load_id)
    faults = [r[0] for r in rejected if not r[1].startswith("strict mode")]
    assert faults == [6, 7, 8, 9]
    assert len(rejected) == result.rows_read
    assert [r.line_number for r in result.first_rejects[:4]] == faults  # real faults are shown first
    assert [a["status"] for a in audit_rows(warehouse)] == ["refused"]

    # A refused content was not loaded, so a non-strict load of it is not skipped.
    [again] = load_paths(warehouse.owner, [path])
    assert (again.status, again.rows_loaded) == ("loaded", 3)


def test_strict_mode_loads_a_clean_file(warehouse, samples_dir: Path, raw_count) -> None:
    [result] = load_paths(warehouse.owner, [samples_dir / "olist" / "olist_sellers_dataset.csv"], strict=True)
    assert result.status == "loaded"
    assert raw_count(warehouse, "olist_sellers") == result.rows_read > 0


def test_extra_columns_are_ignored_and_the_result_says_so(warehouse, tmp_path: Path) -> None:
    text = "seller_id,seller_zip_code_prefix,seller_city,seller_state,Unnamed: 0\ns1,01037,sao paulo,SP,0\n"
    [result] = load_paths(warehouse.owner, [_write(tmp_path, "sellers.csv", text)])
    assert (result.status, result.rows_loaded) == ("loaded", 1)
    assert "ignored the columns unnamed: 0" in result.message
    with warehouse.connect() as conn:
        row = conn.execute("select seller_id, seller_zip_code_prefix, seller_state from raw.olist_sellers")
        assert row.fetchall() == [("s1", "01037", "SP")]


def test_header_only_file_loads_zero_rows(warehouse, tmp_path: Path, audit_rows) -> None:
    text = "seller_id,seller_zip_code_prefix,seller_city,seller_state\n"
    [result] = load_paths(warehouse.owner, [_write(tmp_path, "sellers.csv", text)])
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 0, 0, 0)
    assert [(a["status"], a["rows_read"]) for a in audit_rows(warehouse)] == [("loaded", 0)]

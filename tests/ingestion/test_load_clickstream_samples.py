"""Loading the real clickstream samples (REES46 with and without a header, UCI sessions) on both servers."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
from psycopg import sql

from ingestion.loader import load_paths
from ingestion.raw_tables import EVENT_TABLES

REES46_WITH_HEADER = "rees46_2019oct_head_sidatKSTX/2019-Oct-sample.csv"
REES46_WITHOUT_HEADER = "rees46_2019nov_head_ucsgamoraes/2019-Oct.csv"  # November data, despite the name
REES46_COLUMNS = [
    "event_time",
    "event_type",
    "product_id",
    "category_id",
    "category_code",
    "brand",
    "price",
    "user_id",
    "user_session",
]
# The samples README's figures: events by type, users, source sessions, purchase revenue.
README_REES46 = {
    REES46_WITH_HEADER: ({"view": 987, "cart": 3, "purchase": 10}, 330, 372, Decimal("2387.84")),
    REES46_WITHOUT_HEADER: ({"view": 678, "cart": 3, "purchase": 2}, 233, 240, Decimal("778.22")),
}
README_UCI_MONTHS = {
    "Feb": (184, 3),
    "Mar": (1_907, 192),
    "May": (3_364, 365),
    "June": (288, 29),
    "Jul": (432, 66),
    "Aug": (433, 76),
    "Sep": (448, 86),
    "Oct": (549, 115),
    "Nov": (2_998, 760),
    "Dec": (1_727, 216),
}


def _rees46_records(path: Path) -> list[dict[str, str]]:
    """The file's records read by the csv module, with the README's column names when it has no header."""
    with path.open(newline="", encoding="utf-8") as handle:
        first = handle.readline()
        handle.seek(0)
        has_header = first.startswith("event_time,")
        return list(csv.DictReader(handle, fieldnames=None if has_header else REES46_COLUMNS))


def test_both_rees46_samples_load_with_the_readme_figures_then_reload_adds_nothing(
    any_warehouse, samples_dir: Path, raw_count, audit_rows
) -> None:
    folder = samples_dir / "events"
    results = load_paths(any_warehouse.owner, [folder])
    by_file = {r.path.relative_to(folder).as_posix(): r for r in results}
    assert set(by_file) == set(README_REES46)
    assert by_file[REES46_WITH_HEADER].format == "rees46_events"
    assert by_file[REES46_WITHOUT_HEADER].format == "rees46_events_headerless"
    for name, result in by_file.items():
        records = _rees46_records(folder / name)
        assert (result.status, result.table) == ("loaded", "raw.rees46_events")
        assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (len(records), len(records), 0)
    assert raw_count(any_warehouse, "rees46_events") == 1_000 + 683

    with any_warehouse.connect() as conn:
        for name, (types, users, sessions, revenue) in README_REES46.items():
            load_id = by_file[name].load_id
            found_types = dict(
                conn.execute(
                    "select event_type, count(*) from raw.rees46_events where _load_id = %s group by 1",
                    (load_id,),
                ).fetchall()
            )
            figures = conn.execute(
                "select count(distinct user_id), count(distinct user_session),"
                " sum(price) filter (where event_type = 'purchase')"
                " from raw.rees46_events where _load_id = %s",
                (load_id,),
            ).fetchone()
            assert found_types == types, name
            assert figures == (users, sessions, revenue), name

    again = load_paths(any_warehouse.owner, [folder])
    assert [r.status for r in again] == ["skipped", "skipped"]
    assert raw_count(any_warehouse, "rees46_events") == 1_000 + 683
    assert all(a["rows_read"] == a["rows_loaded"] + a["rows_rejected"] for a in audit_rows(any_warehouse))


def test_headerless_rees46_reads_line_one_as_data_and_takes_its_dates_from_the_data(
    any_warehouse, samples_dir: Path
) -> None:
    path = samples_dir / "events" / REES46_WITHOUT_HEADER
    records = _rees46_records(path)
    [result] = load_paths(any_warehouse.owner, [path])
    assert result.rows_loaded == len(records) == 683
    with any_warehouse.connect() as conn:
        rows = conn.execute(
            "select _line_number, event_time, product_id, user_session from raw.rees46_events order by 1"
        ).fetchall()
    # Line 1 is the first event, and every time is the file's own (November, although the name says Oct).
    assert [r[0] for r in rows] == list(range(1, 684))
    expected_times = [
        datetime.strptime(r["event_time"], "%Y-%m-%d %H:%M:%S UTC").replace(tzinfo=UTC) for r in records
    ]
    assert [r[1] for r in rows] == expected_times
    assert {t.date().isoformat() for t in expected_times} == {"2019-11-01"}
    assert [(r[2], r[3]) for r in rows] == [(r["product_id"], r["user_session"]) for r in records]


def test_rees46_category_ids_keep_all_19_digits(any_warehouse, samples_dir: Path) -> None:
    folder = samples_dir / "events"
    load_paths(any_warehouse.owner, [folder])
    expected = {r["category_id"] for name in README_REES46 for r in _rees46_records(folder / name)}
    with any_warehouse.connect() as conn:
        loaded = {r[0] for r in conn.execute("select category_id from raw.rees46_events")}
    assert loaded == expected
    assert {len(c) for c in loaded} == {19}
    assert float(max(loaded)) != int(max(loaded))  # a float would have lost the last digits


def test_uci_sessions_load_every_row_with_booleans_and_the_readme_figures(
    any_warehouse, samples_dir: Path, raw_count
) -> None:
    path = samples_dir / "online_shoppers" / "online_shoppers_intention.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame.duplicated().sum() == 125  # identical rows: distinct sessions, all kept
    [result] = load_paths(any_warehouse.owner, [path])
    assert (result.status, result.format, result.table) == ("loaded", "uci_sessions", "raw.uci_sessions")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (12_330, 12_330, 0)
    assert raw_count(any_warehouse, "uci_sessions") == len(frame) == 12_330
    with any_warehouse.connect() as conn:
        revenue = conn.execute(
            "select count(*) filter (where revenue), count(*) from raw.uci_sessions"
        ).fetchone()
        weekend = dict(conn.execute("select weekend, count(*) from raw.uci_sessions group by 1").fetchall())
        visitors = dict(
            conn.execute("select visitortype, count(*) from raw.uci_sessions group by 1").fetchall()
        )
        months = {
            month: (sessions, converted)
            for month, sessions, converted in conn.execute(
                "select month, count(*), count(*) filter (where revenue) from raw.uci_sessions group by 1"
            )
        }
        totals = conn.execute(
            "select sum(productrelated), sum(productrelated_duration) from raw.uci_sessions"
        ).fetchone()
        columns = sql.SQL(", ").join(map(sql.Identifier, EVENT_TABLES["uci_sessions"].column_names))
        distinct = conn.execute(
            sql.SQL("select count(*) from (select distinct {} from raw.uci_sessions) as d").format(columns)
        ).fetchone()
    assert revenue == (1_908, 12_330)
    assert weekend == {False: 9_462, True: 2_868}
    assert visitors == {"New_Visitor": 1_694, "Returning_Visitor": 10_551, "Other": 85}
    assert months == README_UCI_MONTHS
    assert totals[0] == sum(int(v) for v in frame["ProductRelated"])
    assert totals[1] == sum(Decimal(v) for v in frame["ProductRelated_Duration"])
    assert distinct == (12_330 - 125,)  # the exact duplicates all loaded

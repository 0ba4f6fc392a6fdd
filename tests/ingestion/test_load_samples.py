"""Loading the real Olist samples, in both styles, on both servers; reloading adds nothing."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
from psycopg import sql

from ingestion.loader import load_paths
from ingestion.raw_tables import OLIST_TABLES
from tests.ingestion.sample_files import KAGGLE_NAMES

# The row counts the samples README states for olist/ (and olist_canonical_format/, same rows).
README_COUNTS = {
    "olist_orders": 2_000,
    "olist_order_items": 2_077,
    "olist_order_payments": 2_141,
    "olist_order_reviews": 2_021,
    "olist_customers": 2_000,
    "olist_products": 1_624,
    "olist_sellers": 761,
    "olist_geolocation": 17_826,
    "olist_category_translation": 71,
}


def _pandas_rows(path: Path) -> pd.DataFrame:
    """The file read independently of the loader: every value as text, empty stays empty."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _expected_counts(folder: Path) -> dict[str, int]:
    return {KAGGLE_NAMES[p.name]: len(_pandas_rows(p)) for p in sorted(folder.glob("*.csv"))}


def test_loading_olist_samples_then_reloading_adds_nothing(
    any_warehouse, samples_dir: Path, raw_count, audit_rows
) -> None:
    folder = samples_dir / "olist"
    expected = _expected_counts(folder)
    assert expected == README_COUNTS

    results = load_paths(any_warehouse.owner, [folder])
    assert [r.status for r in results] == ["loaded"] * 9
    assert {r.table: r.rows_loaded for r in results} == {f"raw.{t}": n for t, n in expected.items()}
    assert all(r.rows_read == r.rows_loaded and r.rows_rejected == 0 for r in results)
    assert {t: raw_count(any_warehouse, t) for t in OLIST_TABLES} == expected

    again = load_paths(any_warehouse.owner, [folder])
    assert [r.status for r in again] == ["skipped"] * 9
    assert all(r.rows_loaded == 0 for r in again)
    assert {t: raw_count(any_warehouse, t) for t in OLIST_TABLES} == expected
    audit = audit_rows(any_warehouse)
    assert [a["status"] for a in audit] == ["loaded"] * 9 + ["skipped"] * 9
    assert all(a["finished_at"] >= a["started_at"] for a in audit)


def test_canonical_kaggle_files_load_the_same_rows_as_the_rewritten_ones(
    warehouse, samples_dir: Path, raw_count
) -> None:
    canonical = samples_dir / "olist_canonical_format"
    results = load_paths(warehouse.owner, [canonical])
    assert [r.status for r in results] == ["loaded"] * 4
    expected = _expected_counts(canonical)
    assert {t: raw_count(warehouse, t) for t in expected} == expected
    with warehouse.connect() as conn:
        zips = {r[0] for r in conn.execute("select seller_zip_code_prefix from raw.olist_sellers")}
        total = conn.execute("select sum(payment_value) from raw.olist_order_payments").fetchone()
        first = conn.execute(
            "select product_category_name from raw.olist_category_translation where _line_number = 2"
        ).fetchone()
    sellers = _pandas_rows(canonical / "olist_sellers_dataset.csv")
    assert zips == set(sellers["seller_zip_code_prefix"])
    assert any(z.startswith("0") for z in zips)  # leading zeros kept
    payments = _pandas_rows(canonical / "olist_order_payments_dataset.csv")
    assert total == (sum(Decimal(v) for v in payments["payment_value"]),)
    assert first == ("beleza_saude",)  # the BOM did not leak into the first value or header


def test_every_value_round_trips_as_text(warehouse, samples_dir: Path) -> None:
    """Orders and reviews (timestamps, multi-line texts) come back equal to the file's values."""
    load_paths(warehouse.owner, [samples_dir / "olist"])
    for table, file_name in [
        ("olist_orders", "olist_orders_dataset.csv"),
        ("olist_order_reviews", "olist_order_reviews_dataset.csv"),
    ]:
        frame = _pandas_rows(samples_dir / "olist" / file_name)
        columns = list(frame.columns)
        with warehouse.connect() as conn:
            cast = sql.SQL(", ").join(
                sql.SQL("coalesce(to_char({}, 'YYYY-MM-DD HH24:MI:SS'), '')").format(sql.Identifier(c))
                if OLIST_TABLES[table].columns[i].pg_type == "timestamp"
                else sql.SQL("coalesce({}::text, '')").format(sql.Identifier(c))
                for i, c in enumerate(columns)
            )
            query = sql.SQL("select {} from raw.{} order by _line_number").format(cast, sql.Identifier(table))
            rows = conn.execute(query).fetchall()
        assert [list(r) for r in rows] == frame.to_numpy().tolist()


def test_review_records_are_numbered_by_their_first_physical_line(warehouse, samples_dir: Path) -> None:
    path = samples_dir / "olist" / "olist_order_reviews_dataset.csv"
    starts = _record_start_lines(path.read_text(encoding="utf-8"))
    comments = _pandas_rows(path)["review_comment_message"]
    with_newline = int(comments.str.contains("\n", regex=False).sum())
    load_paths(warehouse.owner, [path])
    with warehouse.connect() as conn:
        lines = [r[0] for r in conn.execute("select _line_number from raw.olist_order_reviews order by 1")]
        multiline = conn.execute(
            "select count(*) from raw.olist_order_reviews where review_comment_message like E'%\\n%'"
        ).fetchone()
    assert lines == starts
    assert multiline == (with_newline,) and with_newline > 0  # the README: some comments span lines


def _record_start_lines(text: str) -> list[int]:
    """Start lines of the data records, counted with quote parity (no csv module involved)."""
    starts, line, in_quotes, at_record_start = [], 1, False, True
    for char in text:
        if at_record_start:
            starts.append(line)
            at_record_start = False
        if char == '"':
            in_quotes = not in_quotes
        elif char == "\n":
            line += 1
            at_record_start = not in_quotes
    return starts[1:]  # the header is line 1


def test_same_content_under_another_name_is_skipped(warehouse, samples_dir: Path, tmp_path: Path) -> None:
    original = samples_dir / "olist" / "olist_sellers_dataset.csv"
    copy = tmp_path / "nested" / "sellers_backup.csv"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    first, second = load_paths(warehouse.owner, [original, tmp_path])
    assert (first.status, second.status) == ("loaded", "skipped")
    assert second.file_name == "sellers_backup.csv"
    assert f"same content as load {first.load_id}" in (second.message or "")


def test_load_ids_and_times_are_on_every_raw_row(warehouse, samples_dir: Path) -> None:
    results = load_paths(warehouse.owner, [samples_dir / "olist"])
    with warehouse.connect() as conn:
        for result in results:
            assert result.table is not None
            query = sql.SQL(
                "select count(*), count(distinct _load_id), min(_load_id),"
                " count(_loaded_at), count(distinct _line_number) from {}"
            ).format(sql.Identifier(*result.table.split(".")))
            row = conn.execute(query).fetchone()
            assert row == (result.rows_loaded, 1, result.load_id, result.rows_loaded, result.rows_loaded)

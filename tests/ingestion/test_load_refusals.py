"""Files refused as a whole: missing columns, unknown or near headers, empty files. Nothing loads."""

from __future__ import annotations

from pathlib import Path

from psycopg import sql

from ingestion.loader import load_paths
from ingestion.raw_tables import OLIST_TABLES

COUNT_RAW = sql.SQL("select count(*) from raw.{}")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _total_raw_rows(warehouse) -> int:
    with warehouse.connect() as conn:
        return sum(
            conn.execute(COUNT_RAW.format(sql.Identifier(t))).fetchone()[0]
            for t in [*OLIST_TABLES, "rejected_rows"]
        )


def test_file_missing_a_column_is_refused_by_name_and_nothing_loads(
    warehouse, samples_dir: Path, tmp_path: Path, audit_rows
) -> None:
    source = (samples_dir / "olist" / "olist_order_payments_dataset.csv").read_text(encoding="utf-8")
    # Drop the last column (payment_value) from every line.
    cut = "\n".join(line.rsplit(",", 1)[0] for line in source.splitlines()) + "\n"
    path = _write(tmp_path, "payments_2018.csv", cut)
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "refused"
    assert result.message.startswith("payments_2018.csv:")
    assert "olist_order_payments format" in result.message
    assert "lacks the column payment_value" in result.message
    assert _total_raw_rows(warehouse) == 0
    [audit] = audit_rows(warehouse)
    assert (audit["status"], audit["file_name"], audit["rows_loaded"]) == ("refused", "payments_2018.csv", 0)
    assert audit["message"] == result.message


def test_unknown_header_is_refused(warehouse, tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.csv", "when,what\n2018-01-01,hello\n")
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "refused"
    assert result.message.startswith("notes.csv: the header matches no known format (columns: when, what)")
    assert _total_raw_rows(warehouse) == 0


def test_empty_file_is_refused_with_a_clear_message(warehouse, tmp_path: Path, audit_rows) -> None:
    path = _write(tmp_path, "olist_orders_dataset.csv", "")
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "refused"
    assert result.message.startswith("olist_orders_dataset.csv: the file is empty")
    assert [a["status"] for a in audit_rows(warehouse)] == ["refused"]


def test_refused_file_does_not_stop_the_others(warehouse, samples_dir: Path, tmp_path: Path) -> None:
    bad = _write(tmp_path, "a_bad.csv", "x,y\n1,2\n")
    good = samples_dir / "olist" / "olist_sellers_dataset.csv"
    results = load_paths(warehouse.owner, [bad, good, tmp_path / "missing.csv"])
    assert [r.status for r in results] == ["refused", "loaded", "refused"]
    assert "no such file" in results[2].message


def test_file_that_breaks_mid_stream_is_refused_and_rolled_back(warehouse, tmp_path: Path) -> None:
    header = "seller_id,seller_zip_code_prefix,seller_city,seller_state\n"
    body = "".join(f"s{i},01037,sao paulo,SP\n" for i in range(1000))
    path = tmp_path / "sellers.csv"
    path.write_bytes((header + body).encode() + b"s9,01037,s\xe3o paulo,SP\n")
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "refused"
    assert "not valid UTF-8" in result.message
    assert _total_raw_rows(warehouse) == 0


def test_stray_quote_swallowing_the_file_is_refused(warehouse, tmp_path: Path) -> None:
    header = "seller_id,seller_zip_code_prefix,seller_city,seller_state\n"
    body = 's0,01037,"sao paulo,SP\n' + "".join(f"s{i},01037,sao paulo,SP\n" for i in range(1, 8000))
    path = _write(tmp_path, "sellers.csv", header + body)
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "refused"
    assert result.message.startswith("sellers.csv: the file is not valid CSV near line")
    assert "unbalanced quote" in result.message
    assert _total_raw_rows(warehouse) == 0

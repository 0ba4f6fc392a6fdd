"""The short lines `shoplens ingest` prints for load results."""

from __future__ import annotations

from pathlib import Path

from ingestion.loader import load_paths
from ingestion.report import render_result, render_results


def test_report_lines_for_loaded_skipped_and_refused_files(
    warehouse, samples_dir: Path, tmp_path: Path
) -> None:
    sellers = samples_dir / "olist" / "olist_sellers_dataset.csv"
    rows = sum(1 for _ in sellers.open(encoding="utf-8")) - 1  # no multi-line fields in this file
    unknown = tmp_path / "notes.csv"
    unknown.write_text("when,what\n", encoding="utf-8")
    loaded, skipped, refused = load_paths(warehouse.owner, [sellers, sellers, unknown])
    assert render_result(loaded) == [
        f"olist_sellers_dataset.csv: loaded {rows:,} rows into raw.olist_sellers"
    ]
    assert render_result(skipped)[0].startswith(
        f"olist_sellers_dataset.csv: skipped, same content as load {loaded.load_id}"
    )
    assert render_result(refused) == ["notes.csv: refused: " + refused.message.removeprefix("notes.csv: ")]
    assert refused.message.startswith("notes.csv: the header matches no known format")
    assert (
        render_results([loaded, skipped, refused])[-1]
        == f"1 loaded, 1 refused, 1 skipped; {rows:,} rows loaded"
    )


def test_report_shows_the_first_rejects_and_counts_the_rest(warehouse, tmp_path: Path) -> None:
    header = "seller_id,seller_zip_code_prefix,seller_city,seller_state\n"
    path = tmp_path / "sellers.csv"
    path.write_text(header + "s1,01037,sao paulo,SP\n" + ",01037,x,SP\n" * 7, encoding="utf-8")
    [result] = load_paths(warehouse.owner, [path])
    lines = render_result(result)
    assert lines[0] == "sellers.csv: loaded 1 row into raw.olist_sellers, rejected 7"
    assert lines[1:6] == [f"  line {n}, column seller_id: required value is missing" for n in range(3, 8)]
    assert lines[6] == f"  ... and 2 more in raw.rejected_rows (load_id {result.load_id})"

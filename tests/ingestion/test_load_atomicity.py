"""A load is one transaction: a crash leaves nothing; concurrent loads of one content load it once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from psycopg import sql

import ingestion.loader
from ingestion.loader import load_paths
from ingestion.raw_tables import OLIST_TABLES

COUNT_RAW = sql.SQL("select count(*) from raw.{}")

ITEMS = (
    "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
    "o1,1,p1,s1,2018-05-16 20:57:03,144.0,8.77\n"
    "o1,2,p2,s1,2018-05-16 20:57:03,abc,8.77\n"
)


def _counts(warehouse) -> dict[str, int]:
    with warehouse.connect() as conn:
        return {
            t: conn.execute(COUNT_RAW.format(sql.Identifier(t))).fetchone()[0]
            for t in [*OLIST_TABLES, "rejected_rows"]
        }


def test_crash_mid_load_leaves_nothing_and_is_audited_as_failed(
    warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audit_rows
) -> None:
    path = tmp_path / "items.csv"
    path.write_text(ITEMS, encoding="utf-8")

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    # The COPY and the good rows are in by then: the crash must undo both.
    monkeypatch.setattr(ingestion.loader, "record_rejects", crash)
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "failed"
    assert "disk on fire" in result.message and result.message.startswith("items.csv:")
    assert set(_counts(warehouse).values()) == {0}
    [audit] = audit_rows(warehouse)
    assert (audit["status"], audit["rows_loaded"], audit["load_id"]) == ("failed", 0, result.load_id)
    assert audit["finished_at"] is not None

    # A failed load does not count as loaded: the next attempt loads the file.
    monkeypatch.undo()
    [again] = load_paths(warehouse.owner, [path])
    assert (again.status, again.rows_loaded, again.rows_rejected) == ("loaded", 1, 1)
    assert [a["status"] for a in audit_rows(warehouse)] == ["failed", "loaded"]


def test_concurrent_loads_of_the_same_content_load_it_once(warehouse, samples_dir: Path, tmp_path) -> None:
    path = samples_dir / "olist" / "olist_geolocation_dataset.csv"
    with ThreadPoolExecutor(max_workers=3) as pool:
        outcomes = list(pool.map(lambda _: load_paths(warehouse.owner, [path])[0], range(3)))
    assert sorted(r.status for r in outcomes) == ["loaded", "skipped", "skipped"]
    loaded = next(r for r in outcomes if r.status == "loaded")
    assert _counts(warehouse)["olist_geolocation"] == loaded.rows_loaded


def test_file_changed_during_the_load_is_refused_and_nothing_loads(
    warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "items.csv"
    path.write_text(ITEMS, encoding="utf-8")
    real_land = ingestion.loader.land_file

    def land_then_append(*args, **kwargs):
        copied = real_land(*args, **kwargs)
        with path.open("a", encoding="utf-8") as handle:  # a writer still busy with the file
            handle.write("o2,1,p1,s1,2018-05-16 20:57:03,1.0,2.0\n")
        return copied

    monkeypatch.setattr(ingestion.loader, "land_file", land_then_append)
    [result] = load_paths(warehouse.owner, [path])
    assert result.status == "refused"
    assert "changed while it was being loaded" in result.message
    assert set(_counts(warehouse).values()) == {0}

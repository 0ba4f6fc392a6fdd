"""A generated shop loads into the real warehouse with the project's loader, without a single reject."""

from __future__ import annotations

from pathlib import Path

from psycopg import sql

from ingestion.generator import build_shop, write_shop
from ingestion.loader import LOADED, load_paths
from ingestion.raw_tables import OLIST_TABLES


def test_small_generated_shop_loads_with_zero_rejected_rows(warehouse, tmp_path: Path) -> None:
    shop = build_shop(scale=0.01, seed=11)
    paths = write_shop(shop, tmp_path)

    results = load_paths(warehouse.owner, [tmp_path], strict=True)

    assert sorted(r.file_name for r in results) == sorted(p.name for p in paths.values())
    assert all(r.status == LOADED for r in results), [(r.file_name, r.message) for r in results]
    assert all(r.rows_rejected == 0 for r in results)
    with warehouse.owner.connect() as conn:
        for table in OLIST_TABLES:
            query = sql.SQL("select count(*) from raw.{}").format(sql.Identifier(table))
            row = conn.execute(query).fetchone()
            assert row is not None and row[0] == len(shop[table]), table
        # The money survives the trip exactly: payments reconcile with items in the database too.
        paid, charged = conn.execute(
            """
            select
                (select sum(payment_value) from raw.olist_order_payments
                 where order_id in (select order_id from raw.olist_order_items)),
                (select sum(price + freight_value) from raw.olist_order_items)
            """
        ).fetchone()
    assert paid == charged


def test_a_generated_world_with_its_clickstream_loads_with_zero_rejected_rows(
    warehouse, tmp_path: Path
) -> None:
    from ingestion.generator import generate_world

    world = generate_world(tmp_path, scale=0.01, seed=12, events=8_000)

    results = load_paths(warehouse.owner, [tmp_path], strict=True)

    assert all(r.status == LOADED and r.rows_rejected == 0 for r in results), [
        (r.file_name, r.message) for r in results
    ]
    assert sorted(r.file_name for r in results if r.file_name.startswith("events_")) == sorted(
        p.name for p in world.event_files
    )
    with warehouse.owner.connect() as conn:
        events, purchases, orders_found = conn.execute(
            """
            select count(*), count(*) filter (where event_type = 'purchase'),
                count(*) filter (where event_type = 'purchase'
                    and order_id in (select order_id from raw.olist_orders))
            from raw.events
            """
        ).fetchone()
    assert events == 8_000
    assert purchases == orders_found > 0

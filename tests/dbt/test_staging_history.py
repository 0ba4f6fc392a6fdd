"""Raw is append-only; staging keeps the latest version of each key, so a newer export updates the marts."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from warehouse_marts import dbt_run, query

from ingestion.loader import load_paths
from shoplens.warehouse import Warehouse

ORDERS_FILE = "olist_orders_dataset.csv"
CUSTOMERS_FILE = "olist_customers_dataset.csv"
ITEMS_FILE = "olist_order_items_dataset.csv"
GEOLOCATION_FILE = "olist_geolocation_dataset.csv"
GEOLOCATION_HEADER = [
    "geolocation_zip_code_prefix",
    "geolocation_lat",
    "geolocation_lng",
    "geolocation_city",
    "geolocation_state",
]
# Only the models these tests read, so each rebuild stays small.
SELECTION = ["--select", "+fct_orders", "+dim_geography"]


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]] | list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[c] for c in header] if isinstance(row, dict) else row)


def _load(warehouse: Warehouse, folder: Path) -> None:
    results = load_paths(warehouse.owner, [folder])
    assert results and all(r.status == "loaded" and not r.rows_rejected for r in results), results


def _order_export(samples_dir: Path, out_dir: Path, count: int) -> tuple[list[str], list[dict[str, str]]]:
    """The first `count` sample orders and their customers, as a first export; returns the orders."""
    order_header, orders = _read(samples_dir / "olist" / ORDERS_FILE)
    customer_header, customers = _read(samples_dir / "olist" / CUSTOMERS_FILE)
    orders = orders[:count]
    wanted = {o["customer_id"] for o in orders}
    _write(out_dir / ORDERS_FILE, order_header, orders)
    _write(out_dir / CUSTOMERS_FILE, customer_header, [c for c in customers if c["customer_id"] in wanted])
    return order_header, orders


def test_newer_export_of_an_order_updates_staging_and_marts(
    warehouse: Warehouse, samples_dir: Path, tmp_path: Path
) -> None:
    header, orders = _order_export(samples_dir, tmp_path / "first", count=25)
    changed = next(o for o in orders if o["order_status"] == "shipped")
    _load(warehouse, tmp_path / "first")
    dbt_run(warehouse, tmp_path / "dbt", *SELECTION)
    status_of = "select order_status, delivered_at from marts.fct_orders where order_id = %(id)s"
    assert query(warehouse, status_of, {"id": changed["order_id"]}) == [("shipped", None)]

    # A later export holds only the changed order: delivered now.
    delivered = {
        **changed,
        "order_status": "delivered",
        "order_delivered_customer_date": "2018-09-01 10:00:00",
    }
    _write(tmp_path / "later" / ORDERS_FILE, header, [delivered])
    _load(warehouse, tmp_path / "later")
    dbt_run(warehouse, tmp_path / "dbt", *SELECTION)

    rows = query(warehouse, status_of, {"id": changed["order_id"]})
    assert [(status, str(at)) for status, at in rows] == [("delivered", "2018-09-01 10:00:00")]
    assert query(warehouse, "select count(*) from raw.olist_orders") == [(26,)]
    assert query(warehouse, "select count(*) from staging.stg_olist__orders") == [(25,)]
    assert query(warehouse, "select count(*), count(distinct order_id) from marts.fct_orders") == [(25, 25)]
    # The other orders kept their first version.
    unchanged = {o["order_id"]: o["order_status"] for o in orders if o is not changed}
    statuses = dict(query(warehouse, "select order_id, order_status from marts.fct_orders"))
    assert {k: statuses[k] for k in unchanged} == unchanged


def _items_of(samples_dir: Path) -> tuple[list[str], dict[str, list[dict[str, str]]]]:
    """The sample's items, grouped by order (in file order)."""
    header, items = _read(samples_dir / "olist" / ITEMS_FILE)
    by_order: dict[str, list[dict[str, str]]] = {}
    for item in items:
        by_order.setdefault(item["order_id"], []).append(item)
    return header, by_order


def _revenue(items: list[dict[str, str]]) -> Decimal:
    return sum((Decimal(i["price"]) + Decimal(i["freight_value"]) for i in items), Decimal(0))


def test_newer_export_of_an_order_with_an_item_fewer_drops_that_item(
    warehouse: Warehouse, samples_dir: Path, tmp_path: Path
) -> None:
    item_header, items_by_order = _items_of(samples_dir)
    order_header, orders = _read(samples_dir / "olist" / ORDERS_FILE)
    customer_header, customers = _read(samples_dir / "olist" / CUSTOMERS_FILE)
    # One order with several items (it will lose one) and one with a single item (left alone).
    shrinking = next(o for o in orders if len(items_by_order.get(o["order_id"], [])) >= 2)
    untouched = next(o for o in orders if len(items_by_order.get(o["order_id"], [])) == 1)
    chosen = [shrinking, untouched]
    wanted = {o["customer_id"] for o in chosen}
    first_items = items_by_order[shrinking["order_id"]] + items_by_order[untouched["order_id"]]
    _write(tmp_path / "first" / ORDERS_FILE, order_header, chosen)
    _write(
        tmp_path / "first" / CUSTOMERS_FILE,
        customer_header,
        [c for c in customers if c["customer_id"] in wanted],
    )
    _write(tmp_path / "first" / ITEMS_FILE, item_header, first_items)
    _load(warehouse, tmp_path / "first")
    dbt_run(warehouse, tmp_path / "dbt", *SELECTION)
    order_figures = "select order_id, item_count, revenue from marts.fct_orders order by order_id"
    before = {
        o["order_id"]: (len(items_by_order[o["order_id"]]), _revenue(items_by_order[o["order_id"]]))
        for o in chosen
    }
    assert {oid: (n, rev) for oid, n, rev in query(warehouse, order_figures)} == before

    # A later export of the order lists all its items but the last one.
    kept = items_by_order[shrinking["order_id"]][:-1]
    _write(tmp_path / "later" / ITEMS_FILE, item_header, kept)
    _load(warehouse, tmp_path / "later")
    dbt_run(warehouse, tmp_path / "dbt", *SELECTION)

    staged = "select order_item_id from staging.stg_olist__order_items where order_id = %(id)s order by 1"
    assert query(warehouse, staged, {"id": shrinking["order_id"]}) == [
        (int(i["order_item_id"]),) for i in kept
    ]
    after = {**before, shrinking["order_id"]: (len(kept), _revenue(kept))}
    assert after[shrinking["order_id"]][1] < before[shrinking["order_id"]][1]
    assert {oid: (n, rev) for oid, n, rev in query(warehouse, order_figures)} == after
    assert query(warehouse, "select count(*) from raw.olist_order_items") == [(len(first_items) + len(kept),)]


def test_newer_geolocation_export_replaces_the_points_of_its_zip_prefixes(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    first = [
        ["01037", "-23.5", "-46.6", "sao paulo", "SP"],
        ["01037", "-23.7", "-46.8", "São Paulo", "SP"],
        ["01037", "-23.6", "-46.7", "sao paulo", "SP"],
        ["01037", "48.85", "2.35", "paris", "SP"],  # outside Brazil: counted, not used for the centre
        ["69900", "-9.97", "-67.81", "rio branco", "AC"],
    ]
    _write(tmp_path / "first" / GEOLOCATION_FILE, GEOLOCATION_HEADER, first)
    _load(warehouse, tmp_path / "first")
    dbt_run(warehouse, tmp_path / "dbt", *SELECTION)
    geography = (
        "select zip_code_prefix, point_count, points_inside_brazil, latitude, longitude, city"
        " from marts.dim_geography order by zip_code_prefix"
    )
    assert query(warehouse, geography) == [
        ("01037", 4, 3, -23.6, -46.7, "sao paulo"),
        ("69900", 1, 1, -9.97, -67.81, "rio branco"),
    ]

    later = [["01037", "-23.55", "-46.63", "sao paulo", "SP"]]
    _write(tmp_path / "later" / GEOLOCATION_FILE, GEOLOCATION_HEADER, later)
    _load(warehouse, tmp_path / "later")
    dbt_run(warehouse, tmp_path / "dbt", *SELECTION)
    assert query(warehouse, geography) == [
        ("01037", 1, 1, -23.55, -46.63, "sao paulo"),
        ("69900", 1, 1, -9.97, -67.81, "rio branco"),
    ]

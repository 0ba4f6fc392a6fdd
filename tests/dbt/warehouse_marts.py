"""Helpers for the dbt tests: running dbt in its own folders, and reading the marts back from PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg import sql

from shoplens.dbt import run_dbt
from shoplens.warehouse import Warehouse

MARTS = (
    "fct_orders",
    "fct_order_items",
    "fct_order_payments",
    "fct_order_reviews",
    "dim_customers",
    "dim_products",
    "dim_sellers",
    "dim_geography",
    "mart_sales_daily",
    "mart_sales_monthly",
    "mart_payment_methods",
    "mart_category_performance",
    "mart_cohort_retention",
    "mart_customer_rfm",
    "mart_geo_revenue",
    "mart_orders_daily",
    "mart_zip_prefix_orders",
)


def query(warehouse: Warehouse, statement: str, params: dict[str, Any] | None = None) -> list[tuple]:
    """Every row of one select, as tuples."""
    with warehouse.connect() as conn:
        return conn.execute(statement, params).fetchall()  # type: ignore[arg-type]


def scalar(warehouse: Warehouse, statement: str) -> Any:
    rows = query(warehouse, statement)
    assert len(rows) == 1 and len(rows[0]) == 1, f"expected one value from {statement!r}, got {rows}"
    return rows[0][0]


def mart_contents(warehouse: Warehouse) -> dict[str, list[tuple]]:
    """Every row of every mart, sorted by all columns: equal dicts mean equal marts."""
    contents: dict[str, list[tuple]] = {}
    with warehouse.connect() as conn:
        for mart in MARTS:
            cur = conn.execute(sql.SQL("select * from marts.{}").format(sql.Identifier(mart)))
            contents[mart] = sorted(cur.fetchall(), key=lambda row: tuple((v is None, str(v)) for v in row))
    return contents


@dataclass(frozen=True)
class BuildOutcome:
    """What one `dbt build` did: the status of every node it ran, by unique_id, and its manifest."""

    statuses: dict[str, str]
    manifest: Path | None = None

    def of_kind(self, prefix: str) -> dict[str, str]:
        return {node: status for node, status in self.statuses.items() if node.startswith(prefix)}


def dbt_build(warehouse: Warehouse, work_dir: Path, *args: str) -> BuildOutcome:
    """Run `dbt build` with its own target and log folders (other tests may run dbt meanwhile)."""
    target = work_dir / "target"
    run_dbt(
        warehouse,
        ["build", "--target-path", str(target), *args],
        log_dir=work_dir / "logs",
        capture=True,
    )
    results = json.loads((target / "run_results.json").read_text())
    return BuildOutcome({r["unique_id"]: r["status"] for r in results["results"]}, target / "manifest.json")


def dbt_run(warehouse: Warehouse, work_dir: Path, *args: str) -> None:
    """Run `dbt run` (models only) with its own target and log folders."""
    run_dbt(
        warehouse,
        ["run", "--target-path", str(work_dir / "target"), *args],
        log_dir=work_dir / "logs",
        capture=True,
    )

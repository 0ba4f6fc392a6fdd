"""Helpers for the funnel tests: a throwaway warehouse, and building just the funnel marts in it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from psycopg import sql
from warehouse_marts import BuildOutcome, dbt_build

from shoplens.warehouse import Warehouse

FUNNEL_MODELS = {
    "int_funnel_session_products",
    "int_funnel_product_days",
    "int_funnel_category_days",
    "int_funnel_order_sessions",
    "fct_session_funnel",
    "mart_funnel_steps",
    "mart_funnel_dropoff",
    "mart_funnel_cube",
    "mart_funnel_dropoff_cube",
    "mart_dropped_sessions",
    "mart_dropped_session_events",
    "mart_cart_abandonment",
    "mart_product_performance",
    "mart_category_funnel",
    "mart_traffic_source_revenue",
}


def build_funnel(warehouse: Warehouse, work_dir: Path) -> BuildOutcome:
    """Build (seeds and models, no tests) everything the funnel marts are made from, then `dbt build`
    the funnel models with their unit tests and every data test on them (also those that read an
    upstream model). The rest of the project's tests are test_dbt_build's."""
    upstream = ("--select", "+models/marts/funnel", "--resource-type", "model", "--resource-type", "seed")
    dbt_build(warehouse, work_dir, *upstream)
    funnel = ("--select", "models/marts/funnel", "models/intermediate/funnel")
    return dbt_build(warehouse, work_dir, *funnel, "--indirect-selection", "buildable")


def failing_nodes(build: BuildOutcome) -> dict[str, str]:
    """The nodes of a build that did not succeed or pass."""
    return {node: status for node, status in build.statuses.items() if status not in ("success", "pass")}


def drop_database(warehouse: Warehouse) -> None:
    with replace(warehouse.owner, dbname="postgres").connect(autocommit=True) as conn:
        database = sql.Identifier(warehouse.owner.dbname)
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(database))

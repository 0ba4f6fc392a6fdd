"""No leakage, proven: delete every order, delivery, review and event from T on, rebuild the warehouse,
and every model's features, scores and metrics as of T come out identical."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from psycopg import sql

from ml.asof import AsOf
from ml.customer_features import customer_features
from ml.history import read_history
from ml.scoring import ScoreSettings, train_all
from shoplens.warehouse import Warehouse
from tests.conftest import SAMPLES_DIR, drop_database
from tests.generated_shop import build_warehouse

T = dt.date(2018, 8, 1)  # a month of orders and events comes after it in the test shop

DELETE_AFTER_T = [
    # orders placed from T on, with everything that hangs off them
    "delete from raw.olist_order_items where order_id in (select order_id from raw.olist_orders "
    "where order_purchase_timestamp >= %(t)s)",
    "delete from raw.olist_order_payments where order_id in (select order_id from raw.olist_orders "
    "where order_purchase_timestamp >= %(t)s)",
    "delete from raw.olist_order_reviews where order_id in (select order_id from raw.olist_orders "
    "where order_purchase_timestamp >= %(t)s)",
    "delete from raw.olist_customers where customer_id in (select customer_id from raw.olist_orders "
    "where order_purchase_timestamp >= %(t)s)",
    "delete from raw.olist_orders where order_purchase_timestamp >= %(t)s",
    # what happened from T on to the orders placed before it
    "delete from raw.olist_order_reviews "
    "where review_creation_date >= %(t)s or review_answer_timestamp >= %(t)s",
    "update raw.olist_orders set order_delivered_customer_date = null "
    "where order_delivered_customer_date >= %(t)s",
    "update raw.olist_orders set order_delivered_carrier_date = null "
    "where order_delivered_carrier_date >= %(t)s",
    "update raw.olist_orders set order_approved_at = null where order_approved_at >= %(t)s",
    # events from T on (T is midnight in the shop's time zone)
    "delete from raw.events where event_time >= %(t_utc)s",
]


@pytest.fixture(scope="module")
def truncated_warehouse(
    ml_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    """A copy of the ML test warehouse with nothing from T on, rebuilt from its raw tables."""
    copy = replace(
        ml_warehouse, owner=replace(ml_warehouse.owner, dbname=ml_warehouse.owner.dbname + "_before_t")
    )
    with replace(ml_warehouse.owner, dbname="postgres").connect(autocommit=True) as conn:
        conn.execute(
            sql.SQL("create database {} template {}").format(
                sql.Identifier(copy.owner.dbname), sql.Identifier(ml_warehouse.owner.dbname)
            )
        )
    try:
        with copy.connect() as conn:
            deleted = 0
            for statement in DELETE_AFTER_T:
                deleted += conn.execute(
                    statement, {"t": T, "t_utc": AsOf(T).instant.to_pydatetime()}
                ).rowcount
            assert deleted > 1000, "the test must delete something"
        build_warehouse(copy, tmp_path_factory.mktemp("truncated"), "--full-refresh")
        yield copy
    finally:
        drop_database(copy)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns[:2])).reset_index(drop=True)


def test_features_and_scores_as_of_t_ignore_everything_after_it(ml_warehouse, truncated_warehouse) -> None:
    results = {}
    for name, warehouse in (("full", ml_warehouse), ("truncated", truncated_warehouse)):
        with warehouse.connect() as conn:
            as_of, runs = train_all(conn, ScoreSettings(as_of=T))
            features = customer_features(read_history(conn, as_of), as_of)
        results[name] = (features, {r.model: r for r in runs})
    (full_features, full_runs), (cut_features, cut_runs) = results["full"], results["truncated"]
    with ml_warehouse.connect() as conn:
        later = conn.execute(
            "select count(*) from marts.fct_orders where purchased_at >= %s", (T,)
        ).fetchone()[0]
    assert later > 100, "the full warehouse does hold orders after T"

    assert_frame_equal(full_features, cut_features)
    # Every model trains; the UCI intent model only where the UCI sample was loaded (generated_shop).
    must_train = [m for m in full_runs if m != "intent_uci" or (SAMPLES_DIR / "online_shoppers").is_dir()]
    assert all(full_runs[m].trained for m in must_train), [r.message for r in full_runs.values()]
    for model, full in full_runs.items():
        cut = cut_runs[model]
        assert (full.status, full.message, full.metrics) == (cut.status, cut.message, cut.metrics), model
        assert full.tables.keys() == cut.tables.keys()
        for table, frame in full.tables.items():
            # The rule-based RFM segment is mart_customer_rfm's, as of that mart's own last day.
            ml_columns = [c for c in frame.columns if not c.startswith("rfm_")]
            assert_frame_equal(_sorted(frame[ml_columns]), _sorted(cut.tables[table][ml_columns]), obj=table)
        for extra in ("importances", "calibration"):
            if getattr(full, extra) is not None:
                assert_frame_equal(getattr(full, extra), getattr(cut, extra), obj=f"{model} {extra}")


def test_the_copy_really_has_nothing_from_t_on(truncated_warehouse) -> None:
    with truncated_warehouse.connect() as conn:
        orders = conn.execute(
            "select count(*) from marts.fct_orders where purchased_at >= %s", (T,)
        ).fetchone()[0]
        sessions = conn.execute(
            "select count(*) from marts.fct_sessions where ended_at >= %s", (AsOf(T).instant.to_pydatetime(),)
        ).fetchone()[0]
    assert (orders, sessions) == (0, 0)

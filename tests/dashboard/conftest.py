"""Fixtures for the dashboard: one built warehouse with orders and clickstream, seen through the read-only
dashboard login.

The warehouse holds the real Olist sample (so the orders pages keep the sample's reference figures),
the whole UCI Online Shoppers file, both REES46 samples, events generated on the Olist sample (their
purchases name sample orders), and `fixtures/canonical_events.csv`: six hand-written sessions in the
week of 2019-03-11, which no other file touches, whose funnel is known by construction:

- ann-1 (Mon 11): product view, add to cart, cart, checkout, purchase: converted, R$ 100.00.
- bob-1 (Mon 11): product view only: dropped after product view, no error.
- eve-1 (Mon 11): one page view: a bounce that never entered the funnel.
- cid-1 (Sat 16): product view, add to cart, both units removed: dropped after add to cart, emptied cart.
- dan-1 (Sat 16): up to checkout, then 'Payment declined': dropped after checkout, payment failure,
  R$ 100.00 left in the cart.
- ann-2 (Sat 16, ann's second session: returning): up to the cart page: dropped after cart, no error,
  R$ 50.00 left in the cart.

`scored_shop` is a second warehouse: a generated shop large enough for every model to train, scored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.data import DATABASE_URL_ENV
from shoplens.warehouse import Warehouse, ensure_warehouse
from tests.conftest import drop_database, make_settings
from tests.dashboard.clickstream_shop import write_sample_clickstream
from tests.dashboard.dashboard_support import APP_PATH, HAND_EVENTS
from tests.generated_shop import build_warehouse


@pytest.fixture(scope="session")
def clickstream_warehouse(
    shoplens_home: Path, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    """Orders and clickstream loaded and built: read-only tests share it, so don't mutate it."""
    from ingestion.loader import LOADED, load_paths
    from shoplens.build_results import persist_build_results
    from shoplens.dbt import run_dbt

    work = tmp_path_factory.mktemp("clickstream_warehouse")
    write_sample_clickstream(samples_dir / "olist", work / "events")
    wh = ensure_warehouse(make_settings("embedded", shoplens_home))
    files = [
        samples_dir / "olist",
        samples_dir / "online_shoppers",
        samples_dir / "events",
        work / "events",
        HAND_EVENTS,
    ]
    results = load_paths(wh.owner, files)
    problems = [r for r in results if r.status != LOADED or r.rows_rejected]
    assert not problems, f"the dashboard's files did not load cleanly: {problems}"
    # Models and data tests, with dbt's files in this test's folders (other tests run dbt meanwhile).
    # dbt's unit tests belong to tests/dbt; here they would only slow every dashboard run down.
    run_dbt(
        wh,
        ["build", "--exclude", "test_type:unit", "--target-path", str(work / "target")],
        log_dir=work / "logs",
        capture=True,
    )
    # As `shoplens build` does, so the Data health page has a build to show.
    persist_build_results(wh.owner, work / "target")
    yield wh
    drop_database(wh)


@pytest.fixture
def dashboard_warehouse(
    clickstream_warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Warehouse]:
    """Points the dashboard at the built warehouse, with empty caches before and after."""
    monkeypatch.setenv(DATABASE_URL_ENV, clickstream_warehouse.dashboard.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield clickstream_warehouse
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(dashboard_warehouse: Warehouse) -> AppTest:
    return AppTest.from_file(APP_PATH, default_timeout=120)


@pytest.fixture(scope="session")
def scored_shop(ml_warehouse: Warehouse, scored, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The generated shop of tests/generated_shop.py, scored as of its default T, with its
    mart_insights rebuilt so the segment statement (which reads the ML marts) is in it. The ML tests
    read the same shop: one per session, since each takes about a minute to build and score."""
    assert {r.model: r.status for r in scored.runs if r.model != "intent_uci"} == dict.fromkeys(
        ("churn", "intent_events", "segments", "clv"), "trained"
    ), scored.lines()
    build_warehouse(
        ml_warehouse, tmp_path_factory.mktemp("ml_dashboard_insights"), "--select", "mart_insights"
    )
    return ml_warehouse

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
from ml.scoring import score_all
from shoplens.warehouse import Warehouse, ensure_warehouse
from tests.conftest import SAMPLES_DIR, drop_database, make_settings
from tests.dashboard.clickstream_shop import write_sample_clickstream
from tests.dashboard.dashboard_support import APP_PATH, HAND_EVENTS
from tests.ml.conftest import build_warehouse


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


# The smallest generated shop whose models all train (measured: churn 136 of 13,933 held-out customers
# came back, intent 46 of 865 held-out sessions bought); about 40 s to generate, load, build and score.
SHOP_SCALE = 0.2
SHOP_EVENTS = 30_000
SHOP_SEED = 5


@pytest.fixture(scope="session")
def scored_shop(shoplens_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """A generated shop (and the UCI sample, when there), built, scored as of its default T, and its
    mart_insights rebuilt so the segment statement (which reads the ML marts) is in it."""
    from ingestion.generator import generate_world
    from ingestion.loader import LOADED, load_paths

    work = tmp_path_factory.mktemp("ml_dashboard_shop")
    generate_world(work / "landing", scale=SHOP_SCALE, seed=SHOP_SEED, events=SHOP_EVENTS)
    paths = [work / "landing"]
    if (SAMPLES_DIR / "online_shoppers").is_dir():
        paths.append(SAMPLES_DIR / "online_shoppers")
    wh = ensure_warehouse(make_settings("embedded", shoplens_home))
    problems = [r for r in load_paths(wh.owner, paths) if r.status != LOADED or r.rows_rejected]
    assert not problems, problems
    build_warehouse(wh, work)
    with wh.connect() as conn:
        report = score_all(conn)
    assert {r.model: r.status for r in report.runs if r.model != "intent_uci"} == dict.fromkeys(
        ("churn", "intent_events", "segments", "clv"), "trained"
    ), report.lines()
    build_warehouse(wh, work, "--select", "mart_insights")
    yield wh
    drop_database(wh)

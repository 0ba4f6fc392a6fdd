"""The Live page through Streamlit's AppTest: the last hour of simulated events, counted from the live mart.

A warehouse gets ten minutes of simulated traffic that ended a minute ago (the simulator on a clock
moved back), loaded and built up to the live mart. The page's figures must match the events in the
raw table, counted here independently; a second rebuild after more events must show them (the
fragment's refresh is a rerun: AppTest does not tick run_every by itself).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.data import DATABASE_URL_ENV
from ingestion.generator import build_shop
from ingestion.generator.live import simulate
from ingestion.loader import LOADED, load_paths
from shoplens.dbt import run_dbt
from shoplens.warehouse import Warehouse, ensure_warehouse
from tests.conftest import drop_database, make_settings
from tests.dashboard.dashboard_support import APP_PATH, assert_clean, metrics, owner_rows

LIVE_PAGE = "views/live.py"
LAST_HOUR_EVENTS = "select count(*) from raw.events where event_time >= now() - interval '60 minutes'"


def _simulate(out: Path, *, seconds: float, ended_ago: float, seed: int) -> list[Path]:
    """Files of `seconds` of traffic that ended `ended_ago` seconds ago, written at once."""
    clock = [time.time() - ended_ago - seconds]

    def sleep(duration: float) -> None:
        clock[0] += duration

    shop = build_shop(scale=0.02, seed=3)
    written = simulate(
        shop, out, rate=5, duration=seconds, every=10, seed=seed, clock=lambda: clock[0], sleep=sleep
    )
    return [file.path for file in written]


def _load_and_build(warehouse: Warehouse, files: list[Path], work: Path) -> None:
    results = load_paths(warehouse.owner, files)
    assert all(r.status == LOADED and not r.rows_rejected for r in results), results
    run_dbt(
        warehouse,
        ["build", "--select", "+mart_live_minutes", "--exclude", "test_type:unit"]
        + ["--target-path", str(work / "target")],
        capture=True,
    )


@pytest.fixture(scope="module")
def live_warehouse(shoplens_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    work = tmp_path_factory.mktemp("live")
    warehouse = ensure_warehouse(make_settings("embedded", shoplens_home))
    _load_and_build(warehouse, _simulate(work / "events" / "live", seconds=600, ended_ago=60, seed=1), work)
    yield warehouse
    drop_database(warehouse)


@pytest.fixture
def live_app(live_warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv(DATABASE_URL_ENV, live_warehouse.dashboard.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield AppTest.from_file(APP_PATH, default_timeout=120)
    st.cache_data.clear()
    st.cache_resource.clear()


def _events_shown(at: AppTest) -> int:
    return int(metrics(at)["Events (last hour)"].replace(",", ""))


def test_live_page_counts_the_last_hour_of_events(live_app: AppTest, live_warehouse: Warehouse) -> None:
    at = live_app.run()
    at.switch_page(LIVE_PAGE).run()
    assert_clean(at)
    [(expected,)] = owner_rows(live_warehouse, LAST_HOUR_EVENTS)
    assert expected > 1000  # ten minutes at 5 events per second
    assert _events_shown(at) == expected
    assert {"Active sessions (last hour)", "Converting sessions (last hour)", "Revenue (last hour)"} <= set(
        metrics(at)
    )
    assert len(at.get("plotly_chart")) == 4
    assert any("Live mart built" in caption.value for caption in at.caption)


def test_new_events_show_on_the_next_refresh(
    live_app: AppTest, live_warehouse: Warehouse, tmp_path: Path
) -> None:
    at = live_app.run()
    at.switch_page(LIVE_PAGE).run()
    before = _events_shown(at)
    _load_and_build(
        live_warehouse, _simulate(tmp_path / "events" / "live", seconds=60, ended_ago=5, seed=2), tmp_path
    )
    time.sleep(4)  # the page's cache lives a few seconds: a refresh after that reads the rebuilt mart
    at.run()
    assert_clean(at)
    [(expected,)] = owner_rows(live_warehouse, LAST_HOUR_EVENTS)
    assert _events_shown(at) == expected > before


def test_without_recent_events_the_page_says_how_to_get_some(app: AppTest) -> None:
    """The shared dashboard warehouse holds history only: nothing in the last hour."""
    at = app.run()
    at.switch_page(LIVE_PAGE).run()
    assert_clean(at)
    assert any("shoplens simulate" in info.value for info in at.info)
    assert not at.get("plotly_chart")

"""Fixtures for the dashboard: the built sample warehouse seen through the read-only dashboard login."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.data import DATABASE_URL_ENV
from shoplens.warehouse import Warehouse
from tests.dashboard.dashboard_support import APP_PATH


@pytest.fixture
def dashboard_warehouse(
    built_sample_warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Warehouse]:
    """Points the dashboard at the built sample warehouse, with empty caches before and after."""
    monkeypatch.setenv(DATABASE_URL_ENV, built_sample_warehouse.dashboard.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield built_sample_warehouse
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(dashboard_warehouse: Warehouse) -> AppTest:
    return AppTest.from_file(APP_PATH, default_timeout=120)

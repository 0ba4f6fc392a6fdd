"""Helpers shared by the dashboard tests: the app path, its pages, owner-side figures, chart specs."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from psycopg import sql
from streamlit.testing.v1 import AppTest

from shoplens.settings import PROJECT_ROOT
from shoplens.warehouse import Warehouse

APP_PATH = PROJECT_ROOT / "dashboard" / "app.py"
ORDER_PAGES = ("views/overview.py", "views/customers.py", "views/geography.py")
VISITOR_PAGES = ("views/conversion.py", "views/funnel.py", "views/carts.py", "views/time_patterns.py")
PAGES = ORDER_PAGES + VISITOR_PAGES

# The hand-written sessions (see conftest): the only ones in the week of Monday 2019-03-11.
HAND_EVENTS = Path(__file__).parent / "fixtures" / "canonical_events.csv"
HAND_WEEK = (date(2019, 3, 11), date(2019, 3, 16))
DAY_WITHOUT_SESSIONS = date(2019, 3, 13)  # inside the hand-written week, between its two days


def owner_rows(
    warehouse: Warehouse, query: str | sql.Composable, params: dict[str, Any] | None = None
) -> list[tuple]:
    """Independent figures: the owner login reads raw tables the dashboard role cannot."""
    with warehouse.owner.connect() as conn:
        return conn.execute(query, params).fetchall()


def _decoded(value: Any) -> Any:
    """Plotly's JSON packs numeric arrays as base64 typed arrays; turn them back into lists."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, dict):
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Plotly figures the page drew, as JSON specs with plain lists."""
    return [_decoded(json.loads(element.proto.spec)) for element in at.get("plotly_chart")]


def chart_titled(at: AppTest, title: str) -> dict[str, Any]:
    """The one chart of the page whose title starts with `title`."""
    found = [spec for spec in chart_specs(at) if spec["layout"]["title"]["text"].startswith(title)]
    assert len(found) == 1, [spec["layout"]["title"]["text"] for spec in chart_specs(at)]
    return found[0]


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


def markdown(at: AppTest) -> list[str]:
    return [block.value for block in at.markdown]


def open_visitor_page(at: AppTest, page: str, *, source: str | None = None, days=None) -> AppTest:
    """Switch to a visitors page and set the session filters (the sidebar draws them there).

    A narrowed date range without a source picks 'events': the hand-written sessions are event
    sessions, and the default source is the one with the most sessions.
    """
    at.switch_page(page).run()
    if source is None and days is not None:
        source = "events"
    if source is not None:
        at.selectbox(key="filter_session_source").set_value(source).run()
    if days is not None:
        at.date_input(key="filter_session_date").set_value(days).run()
    return at


def chips(at: AppTest) -> str:
    """The active-filter chips at the top of the page, as one text (removable ones are buttons)."""
    removable = [button.label for button in at.button if str(button.key).startswith("chip_")]
    badges = [block.value for block in at.markdown if ":blue-badge[" in block.value]
    return " | ".join([*badges, *removable])


def warnings(at: AppTest) -> list[str]:
    return [block.value for block in at.warning]

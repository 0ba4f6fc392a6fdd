"""Helpers shared by the dashboard tests: the app path, its pages, owner-side figures, chart specs."""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
from psycopg import sql
from streamlit.testing.v1 import AppTest

from shoplens.settings import PROJECT_ROOT
from shoplens.warehouse import Warehouse

APP_PATH = PROJECT_ROOT / "dashboard" / "app.py"
PAGES = ("views/overview.py", "views/customers.py", "views/geography.py")


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

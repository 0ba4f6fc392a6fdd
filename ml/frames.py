"""Reading query results into pandas, with parameterised SQL only."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pandas as pd
import psycopg


def read_frame(conn: psycopg.Connection, query: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Every row of one select as a DataFrame; numeric (Decimal) columns become floats."""
    cursor = conn.execute(query, params)  # type: ignore[arg-type]
    columns = [c.name for c in cursor.description or []]
    frame = pd.DataFrame(cursor.fetchall(), columns=columns)
    for column in frame.columns:
        values = frame[column].dropna()
        if len(values) and isinstance(values.iloc[0], Decimal):
            frame[column] = frame[column].astype(float)
    return frame

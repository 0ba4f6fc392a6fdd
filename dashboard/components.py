"""Building blocks every page uses: a chart with its data table and CSV download, KPIs with counts.

Keeping these in one place is what makes "every chart has its data and a download" and "no
traceback on an empty selection" true for every page, including the ones later issues add.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.filters import ALL_FILTERS, Filters, FilterScope

EMPTY_MESSAGE = "No data for the selected filters. Widen the date range or clear the state filter."


def chart_panel(
    key: str,
    frame: pd.DataFrame,
    build: Callable[[pd.DataFrame], go.Figure],
    *,
    filters: Filters,
    scope: FilterScope = ALL_FILTERS,
    caption: str | None = None,
    table: pd.DataFrame | None = None,
) -> None:
    """A chart, the filters it does not apply, its data table and its CSV download; or a message if empty.

    `table` is what the expander and the CSV show, when it should differ from the chart's frame
    (for example, readable columns); `key` names the widgets and the downloaded file.
    """
    with st.container(border=True):
        if frame.empty:
            st.info(EMPTY_MESSAGE)
            return
        st.plotly_chart(build(frame), key=f"chart_{key}", config={"displaylogo": False})
        notes = [text for text in (caption, scope.note(filters)) if text]
        for text in notes:
            st.caption(text)
        data_table(key, frame if table is None else table)


def data_table(key: str, table: pd.DataFrame) -> None:
    """The rows behind a chart, in an expander, with a CSV download of exactly those rows."""
    with st.expander("Data table"):
        st.dataframe(table, hide_index=True, key=f"table_{key}")
    st.download_button(
        "Download CSV",
        data=table.to_csv(index=False).encode("utf-8"),
        file_name=f"shoplens_{key}.csv",
        mime="text/csv",
        key=f"download_{key}",
        on_click="ignore",  # a download must not rerun the page and re-query
        icon=":material/download:",
    )


def kpi(label: str, value: str, detail: str | None = None, help_text: str | None = None) -> None:
    """One KPI card; `detail` carries the count behind a rate or an average."""
    with st.container(border=True):
        st.metric(label, value, help=help_text)
        if detail:
            st.caption(detail)

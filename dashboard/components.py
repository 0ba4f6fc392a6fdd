"""Building blocks every page uses: a chart with its data table and CSV download, KPIs with counts.

Keeping these in one place is what makes "every chart has its data and a download" and "no
traceback on an empty selection" true for every page, including the ones later issues add.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import sidebar
from dashboard.chart_catalog import CHARTS
from dashboard.filters import AnyFilters, Filter, FilterScope

EMPTY_MESSAGE = "No data for the selected filters. Widen the date range or clear a filter in the sidebar."
SESSION_EMPTY_MESSAGE = (
    "No sessions for the selected filters. Widen the session date range or clear a filter in the sidebar."
)


def chart_panel(
    key: str,
    frame: pd.DataFrame,
    build: Callable[[pd.DataFrame], go.Figure],
    *,
    filters: AnyFilters,
    caption: str | None = None,
    table: pd.DataFrame | None = None,
    empty_message: str = EMPTY_MESSAGE,
    scope: FilterScope | None = None,
    on_click: Callable[[list[str]], None] | None = None,
    click_hint: str | None = None,
) -> None:
    """A chart, the filters it does not apply, its data table and its CSV download; or a message if empty.

    `table` is what the expander and the CSV show, when it should differ from the chart's frame
    (for example, readable columns); `key` names the widgets and the downloaded file. With
    `on_click`, clicking a bar passes its category (a state, a step ...) to it: `filter_by` adds it to
    a sidebar filter; `click_hint` tells the reader.
    """
    scope, filters = _scope_of(key, scope), filters.for_chart(key)
    with st.container(border=True):
        blocked = scope.blocked_note(filters)
        if blocked:  # dimmed, never drawn unfiltered under chips that say otherwise
            st.markdown(f"**{CHARTS[key].title}**")
            st.warning(blocked, icon=":material/filter_alt_off:")
            return
        if frame.empty:
            st.info(empty_message)
            return
        chart_key = f"chart_{key}"
        if on_click is None:
            st.plotly_chart(build(frame), key=chart_key, config={"displaylogo": False})
        else:
            st.plotly_chart(
                build(frame),
                key=chart_key,
                config={"displaylogo": False},
                on_select=partial(_pass_clicked, chart_key, on_click),
                selection_mode="points",
            )
            caption = " ".join(text for text in (caption, click_hint) if text)
        notes = [text for text in (caption, scope.note(filters)) if text]
        for text in notes:
            st.caption(text)
        data_table(key, frame if table is None else table)


def _pass_clicked(chart_key: str, on_click: Callable[[list[str]], None]) -> None:
    """The clicked bars' categories: the text axis, y of horizontal bars and x of vertical ones."""
    points = st.session_state[chart_key]["selection"]["points"]
    values = [next((p[axis] for axis in ("y", "x") if isinstance(p.get(axis), str)), None) for p in points]
    on_click([value for value in values if value is not None])


def filter_by(which: Filter) -> dict:
    """chart_panel arguments that make a click on a bar add its category to the filter `which`."""
    return {
        "on_click": partial(sidebar.add_values, which),
        "click_hint": f"Click a bar to filter by its {which.value}.",
    }


def _scope_of(key: str, scope: FilterScope | None) -> FilterScope:
    """A chart's scope: its entry in the chart catalog (so a filter can target it), or, for what no
    filter selects (a model's evaluation, the build), an independent scope given by the page."""
    if scope is not None and scope.independent:
        return scope
    if key not in CHARTS:
        raise KeyError(f"chart {key!r} is not in dashboard.chart_catalog: add it so filters can target it")
    return CHARTS[key].scope


def data_table(key: str, table: pd.DataFrame) -> None:
    """The rows behind a chart, in an expander, with a CSV download of exactly those rows."""
    with st.expander("Data table"):
        st.dataframe(table, hide_index=True, key=f"table_{key}", column_config=column_formats(table))
    download(key, table)


def kpis_blocked(scope: FilterScope, filters: AnyFilters) -> bool:
    """KPI cards whose filters include one they cannot apply: one banner instead of unfiltered figures."""
    note = scope.blocked_note(filters.for_kpis(), what="These KPIs")
    if note:
        st.warning(note, icon=":material/filter_alt_off:")
    return note is not None


def kpi(
    label: str,
    value: str,
    detail: str | None = None,
    help_text: str | None = None,
    *,
    change: str | None = None,
    since: str | None = None,
    lower_is_better: bool = False,
) -> None:
    """One KPI card; `detail` carries the count behind a rate or an average, `change` its change
    against the previous period that `since` names (dashboard.period_change)."""
    with st.container(border=True):
        st.metric(
            label,
            value,
            delta=change,
            delta_color="inverse" if lower_is_better else "normal",
            delta_description=since if change else None,
            help=help_text,
        )
        if detail:
            st.caption(detail)


def table_panel(
    key: str,
    title: str,
    table: pd.DataFrame,
    *,
    filters: AnyFilters,
    caption: str | None = None,
    empty_message: str = EMPTY_MESSAGE,
    scope: FilterScope | None = None,
) -> None:
    """A table that is the finding itself (no chart): shown open, with its scope note and CSV download."""
    scope, filters = _scope_of(key, scope), filters.for_chart(key)
    with st.container(border=True):
        st.markdown(f"**{title}**")
        blocked = scope.blocked_note(filters)
        if blocked:
            st.warning(blocked, icon=":material/filter_alt_off:")
            return
        if table.empty:
            st.info(empty_message)
            return
        st.dataframe(table, hide_index=True, key=f"table_{key}", column_config=column_formats(table))
        for text in (caption, scope.note(filters)):
            if text:
                st.caption(text)
        download(key, table)


MONEY_COLUMNS = ("revenue", "value", "aov", "monetary", "price", "clv")


def column_formats(table: pd.DataFrame) -> dict[str, object]:
    """How the screen shows a table: rates as percentages, money in R$, times to the minute.

    The CSV keeps the plain numbers and ISO timestamps.
    """
    formats: dict[str, object] = {}
    for column in table.columns:
        name = str(column)
        if name.endswith(("_rate", "_share", "_low", "_high")):
            formats[column] = st.column_config.NumberColumn(format="percent")
        elif any(part in MONEY_COLUMNS for part in name.split("_")) and not name.endswith("_score"):
            formats[column] = st.column_config.NumberColumn(format="R$ %.2f")
        elif pd.api.types.is_datetime64_any_dtype(table[column]):
            formats[column] = st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")
    return formats


def download(key: str, table: pd.DataFrame) -> None:
    st.download_button(
        "Download CSV",
        data=table.to_csv(index=False).encode("utf-8"),
        file_name=f"shoplens_{key}.csv",
        mime="text/csv",
        key=f"download_{key}",
        on_click="ignore",  # a download must not rerun the page and re-query
        icon=":material/download:",
    )


def pager(key: str, total: int, selection: Hashable) -> int:
    """Previous / next buttons and 'Session k of n' over `total` items; returns the 0-based index.

    The position lives in session state under `key` and goes back to the first item when
    `selection` (what is being paged through: filters, step, reason) changes.
    """
    state = st.session_state.setdefault(f"pager_{key}", {"selection": selection, "index": 0})
    if state["selection"] != selection:
        state.update(selection=selection, index=0)
    state["index"] = max(0, min(state["index"], total - 1))
    back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(
        "Previous",
        key=f"{key}_previous",
        disabled=state["index"] == 0,
        on_click=_move,
        args=(key, -1),
        icon=":material/chevron_left:",
        width="stretch",
    )
    where.markdown(f"**Session {state['index'] + 1:,} of {total:,}**", text_alignment="center")
    forward.button(
        "Next",
        key=f"{key}_next",
        disabled=state["index"] >= total - 1,
        on_click=_move,
        args=(key, 1),
        icon=":material/chevron_right:",
        icon_position="right",
        width="stretch",
    )
    return state["index"]


def _move(key: str, step: int) -> None:
    st.session_state[f"pager_{key}"]["index"] += step

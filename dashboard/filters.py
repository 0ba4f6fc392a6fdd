"""The sidebar filters, what each chart does with them, and the always-visible list of active filters.

Two groups of filters: the orders pages filter orders (purchase date, customer state), the visitors
pages filter sessions (session date, source and the session dimensions). The app entry draws the
group of the current page's section (`sidebar` or `session_sidebar`) and pages read the selection
through `active()` / `active_sessions()`. A selection survives page switches, also across sections.

A chart declares which filters it honours (`FilterScope`); the ones it cannot apply are named under
it instead of being silently ignored, and a date range applied by whole weeks or months says so.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import Enum

import pandas as pd
import streamlit as st

_STATE_KEY = "shoplens_active_filters"
_SESSION_STATE_KEY = "shoplens_active_session_filters"


class Filter(Enum):
    """Every sidebar filter, with the label shown in chips and scope notes."""

    PURCHASE_DATE = "purchase date"
    CUSTOMER_STATE = "customer state"
    SESSION_DATE = "session date"
    SESSION_SOURCE = "source"
    DEVICE = "device"
    TRAFFIC_SOURCE = "traffic source"
    BROWSER = "browser"
    REGION = "region"
    VISITOR_TYPE = "visitor type"


@dataclass(frozen=True)
class Filters:
    """The current selection of the orders pages. `states` empty means every state."""

    start: date
    end: date
    states: tuple[str, ...] = ()
    first_date: date | None = None  # the data's own bounds, to tell a narrowed range from the full one
    last_date: date | None = None

    @property
    def narrows_dates(self) -> bool:
        return (self.first_date, self.last_date) != (self.start, self.end)

    def set_filters(self) -> list[Filter]:
        """The filters of this group that narrow the data now."""
        narrowing = [(Filter.PURCHASE_DATE, self.narrows_dates), (Filter.CUSTOMER_STATE, bool(self.states))]
        return [which for which, is_set in narrowing if is_set]

    def chips(self) -> list[str]:
        """One short text per filter, e.g. 'purchase date: 2017-01-01 – 2017-12-31'."""
        dates = f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"
        if not self.narrows_dates:
            dates += " (all)"
        states = ", ".join(self.states) if self.states else "all"
        return [f"{Filter.PURCHASE_DATE.value}: {dates}", f"{Filter.CUSTOMER_STATE.value}: {states}"]


# The session dimensions a multiselect narrows, with the SessionFilters field holding its values.
SESSION_DIMENSIONS: dict[Filter, str] = {
    Filter.SESSION_SOURCE: "sources",
    Filter.DEVICE: "devices",
    Filter.TRAFFIC_SOURCE: "traffic_sources",
    Filter.BROWSER: "browsers",
    Filter.REGION: "regions",
    Filter.VISITOR_TYPE: "visitor_types",
}


@dataclass(frozen=True)
class SessionFilters:
    """The current selection of the visitors pages; an empty tuple means every value.

    `start`/`end` are None when no session has a date (only UCI sessions are loaded). A narrowed
    date range keeps dated sessions only: UCI sessions have no date, so they cannot be in it.
    """

    start: date | None = None
    end: date | None = None
    first_date: date | None = None
    last_date: date | None = None
    sources: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    traffic_sources: tuple[str, ...] = ()
    browsers: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    visitor_types: tuple[str, ...] = ()

    @property
    def narrows_dates(self) -> bool:
        return self.start is not None and (self.first_date, self.last_date) != (self.start, self.end)

    def values(self, which: Filter) -> tuple[str, ...]:
        return getattr(self, SESSION_DIMENSIONS[which])

    def set_filters(self) -> list[Filter]:
        dims = [which for which in SESSION_DIMENSIONS if self.values(which)]
        return [Filter.SESSION_DATE, *dims] if self.narrows_dates else dims

    def chips(self) -> list[str]:
        """Session date and source always; the other dimensions when they narrow the data."""
        if self.start is None:
            dates = "no dated sessions"
        elif self.narrows_dates:
            dates = f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d} (UCI sessions have no date: left out)"
        else:
            dates = f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d} (all, with undated UCI sessions)"
        chips = [f"{Filter.SESSION_DATE.value}: {dates}"]
        for which in SESSION_DIMENSIONS:
            chosen = self.values(which)
            if chosen or which is Filter.SESSION_SOURCE:
                chips.append(f"{which.value}: {', '.join(chosen) if chosen else 'all'}")
        return chips


AnyFilters = Filters | SessionFilters


@dataclass(frozen=True)
class FilterScope:
    """Which filters one chart applies; the rest are listed under it as not applied, with the reason.

    `date_grain` ('week' or 'month') says the chart's data can only be cut at whole weeks or months:
    a narrowed range then takes every period it touches, and the note names that span.
    """

    applies: frozenset[Filter]
    reason: str = ""
    date_grain: str | None = None

    def note(self, filters: AnyFilters) -> str | None:
        notes = [text for text in (self._ignored_note(filters), self._grain_note(filters)) if text]
        return " ".join(notes) or None

    def _ignored_note(self, filters: AnyFilters) -> str | None:
        ignored = [f for f in filters.set_filters() if f not in self.applies]
        if not ignored:
            return None
        names = " and ".join(f.value for f in ignored)
        return f"Not filtered by {names}: {self.reason}" if self.reason else f"Not filtered by {names}."

    def _grain_note(self, filters: AnyFilters) -> str | None:
        if self.date_grain is None or not filters.narrows_dates or filters.start is None:
            return None
        if not {Filter.PURCHASE_DATE, Filter.SESSION_DATE} & self.applies:
            return None
        first, last = period_span(filters.start, filters.end, self.date_grain)
        return f"Dates by whole {self.date_grain}s here: {first:%Y-%m-%d} – {last:%Y-%m-%d}."


ALL_FILTERS = FilterScope(frozenset(Filter))


def period_start(day: date, grain: str) -> date:
    """The first day of the ISO week (Monday) or month that holds `day`."""
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    return day


def period_span(start: date, end: date, grain: str) -> tuple[date, date]:
    """The whole weeks or months a date range touches: (first day of the first, last day of the last)."""
    last_start = period_start(end, grain)
    if grain == "week":
        return period_start(start, grain), last_start + timedelta(days=6)
    next_month = (last_start + timedelta(days=32)).replace(day=1)
    return period_start(start, grain), next_month - timedelta(days=1)


# --- widgets ----------------------------------------------------------------------------------------

_ORDER_KEYS = ("filter_purchase_date", "filter_customer_state")
_SESSION_KEYS = {
    Filter.SESSION_SOURCE: "filter_session_source",
    Filter.DEVICE: "filter_device",
    Filter.TRAFFIC_SOURCE: "filter_traffic_source",
    Filter.BROWSER: "filter_browser",
    Filter.REGION: "filter_region",
    Filter.VISITOR_TYPE: "filter_visitor_type",
}
_SESSION_DATE_KEY = "filter_session_date"
_HELP = {
    Filter.SESSION_SOURCE: "events, rees46 and journey are event files; uci is the UCI Online Shoppers file "
    "(sessions without dates, events or amounts).",
    Filter.BROWSER: "UCI gives codes, not names: they read 'UCI 2'.",
    Filter.REGION: "Brazilian states for event sessions; UCI gives codes ('UCI 1').",
    Filter.TRAFFIC_SOURCE: "UCI gives traffic type codes ('UCI 2').",
}


def keep_selection() -> None:
    """Keep every filter's value while its widget is not drawn (the other section's pages).

    Streamlit forgets the state of a widget that a run does not draw; writing the value back to
    session state each run makes it a plain value that survives until the widget returns.
    """
    for key in (*_ORDER_KEYS, _SESSION_DATE_KEY, *_SESSION_KEYS.values()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _date_range(label: str, key: str, first: date, last: date, help_text: str) -> tuple[date, date]:
    """A date-range input within [first, last]; a kept selection outside the data's bounds is reset."""
    kept = st.session_state.get(key)
    if kept is not None and not all(first <= day <= last for day in kept):
        del st.session_state[key]
    # Without a kept value the widget starts on the whole range (value= only then: Streamlit warns
    # when a widget gets both a default and a value through session state).
    default = {} if key in st.session_state else {"value": (first, last)}
    picked = st.date_input(label, min_value=first, max_value=last, key=key, help=help_text, **default)
    # While the user is picking a range the widget holds one date: treat it as a single day.
    dates = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    start = dates[0] if dates else first
    return start, dates[1] if len(dates) > 1 else start


def _multiselect(label: str, key: str, options: list[str], help_text: str | None = None) -> tuple[str, ...]:
    kept = st.session_state.get(key)
    if kept is not None and not set(kept) <= set(options):  # values the data no longer has
        st.session_state[key] = [value for value in kept if value in options]
    chosen = st.multiselect(label, options=options, key=key, placeholder="All", help=help_text)
    return tuple(chosen)


def sidebar(options: pd.DataFrame) -> Filters:
    """Draw the orders filters from the data's states and date bounds, and remember the selection."""
    first = options["first_date"].min() if not options.empty else date.today()
    last = options["last_date"].max() if not options.empty else date.today()
    with st.sidebar:
        st.header("Filters")
        start, end = _date_range(
            "Purchase date",
            "filter_purchase_date",
            first,
            last,
            "Orders purchased on these days (the shop's local time), both ends included.",
        )
        states = st.multiselect(
            "Customer state",
            options=options["customer_state"].tolist(),
            key="filter_customer_state",
            placeholder="All states",
            help="Leave empty for every state.",
        )
    filters = Filters(start=start, end=end, states=tuple(states), first_date=first, last_date=last)
    st.session_state[_STATE_KEY] = filters
    return filters


def session_sidebar(options: pd.DataFrame, dates: pd.DataFrame) -> SessionFilters:
    """Draw the session filters: `options` has (dimension, value) rows named like SESSION_DIMENSIONS'
    fields, `dates` one row with the first and last session date (NULL when no session has one)."""
    first = _date_or_none(dates, "first_date")
    last = _date_or_none(dates, "last_date")
    chosen: dict[str, tuple[str, ...]] = {}
    with st.sidebar:
        st.header("Filters")
        if first is None or last is None:
            start = end = None
            st.caption("No session has a date (UCI sessions only): there is no date range to pick.")
        else:
            start, end = _date_range(
                "Session date",
                _SESSION_DATE_KEY,
                first,
                last,
                "Sessions that started on these days (the shop's local time), both ends included. "
                "UCI sessions have no date: a narrowed range leaves them out.",
            )
        for which, field in SESSION_DIMENSIONS.items():
            values = options.loc[options["dimension"] == field, "value"].tolist()
            label = which.value[0].upper() + which.value[1:]
            chosen[field] = _multiselect(label, _SESSION_KEYS[which], values, _HELP.get(which))
    filters = SessionFilters(start=start, end=end, first_date=first, last_date=last, **chosen)
    st.session_state[_SESSION_STATE_KEY] = filters
    return filters


def _date_or_none(frame: pd.DataFrame, column: str) -> date | None:
    if frame.empty or pd.isna(frame[column].iloc[0]):
        return None
    return frame[column].iloc[0]


def active() -> Filters:
    """The orders selection the app entry drew in this run; pages call this instead of drawing widgets."""
    filters = st.session_state.get(_STATE_KEY)
    if filters is None:
        raise RuntimeError("filters.sidebar() must run in the app entry before a page reads the filters")
    return filters


def active_sessions() -> SessionFilters:
    """The session selection the app entry drew in this run (visitors pages)."""
    filters = st.session_state.get(_SESSION_STATE_KEY)
    if filters is None:
        raise RuntimeError("filters.session_sidebar() must run in the app entry before a visitors page")
    return filters


def show_active(filters: AnyFilters) -> None:
    """The active filters as chips at the top of a page, so a number is never read without its scope."""
    st.markdown(" ".join(f":blue-badge[{chip}]" for chip in filters.chips()))


def session_filter_fields() -> list[str]:
    """The SessionFilters fields that hold dimension values (the options query returns these names)."""
    return [f.name for f in fields(SessionFilters) if f.name in SESSION_DIMENSIONS.values()]

"""The sidebar filters, what each chart does with them, and the always-visible list of active filters.

Filters are drawn once by the app entry (so they survive page switches) and read by pages through
`active()`. A chart declares which filters it honours (`FilterScope`); the ones it cannot apply are
named under it instead of being silently ignored. Later issues add dimensions and per-chart scopes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

import pandas as pd
import streamlit as st

_STATE_KEY = "shoplens_active_filters"


class Filter(Enum):
    """Every sidebar filter, with the label shown in chips and scope notes."""

    PURCHASE_DATE = "purchase date"
    CUSTOMER_STATE = "customer state"


@dataclass(frozen=True)
class Filters:
    """The current selection. `states` empty means every state."""

    start: date
    end: date
    states: tuple[str, ...] = ()
    first_date: date | None = None  # the data's own bounds, to tell a narrowed range from the full one
    last_date: date | None = None

    @property
    def narrows_dates(self) -> bool:
        return (self.first_date, self.last_date) != (self.start, self.end)

    def chips(self) -> list[str]:
        """One short text per filter, e.g. 'purchase date: 2017-01-01 – 2017-12-31'."""
        dates = f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"
        if not self.narrows_dates:
            dates += " (all)"
        states = ", ".join(self.states) if self.states else "all"
        return [f"{Filter.PURCHASE_DATE.value}: {dates}", f"{Filter.CUSTOMER_STATE.value}: {states}"]


@dataclass(frozen=True)
class FilterScope:
    """Which filters one chart applies; the rest are listed under it as not applied, with the reason."""

    applies: frozenset[Filter]
    reason: str = ""

    def note(self, filters: Filters) -> str | None:
        ignored = [f for f in Filter if f not in self.applies and _is_set(f, filters)]
        if not ignored:
            return None
        names = " and ".join(f.value for f in ignored)
        return f"Not filtered by {names}: {self.reason}" if self.reason else f"Not filtered by {names}."


ALL_FILTERS = FilterScope(frozenset(Filter))


def _is_set(which: Filter, filters: Filters) -> bool:
    if which is Filter.CUSTOMER_STATE:
        return bool(filters.states)
    return filters.narrows_dates


def sidebar(options: pd.DataFrame) -> Filters:
    """Draw the filters in the sidebar from the data's states and date bounds, and remember the selection."""
    first = options["first_date"].min() if not options.empty else date.today()
    last = options["last_date"].max() if not options.empty else date.today()
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input(
            "Purchase date",
            value=(first, last),
            min_value=first,
            max_value=last,
            key="filter_purchase_date",
            help="Orders purchased on these days (the shop's local time), both ends included.",
        )
        states = st.multiselect(
            "Customer state",
            options=options["customer_state"].tolist(),
            key="filter_customer_state",
            placeholder="All states",
            help="Leave empty for every state.",
        )
    # While the user is picking a range the widget holds one date: treat it as a single day.
    dates = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    start = dates[0] if dates else first
    end = dates[1] if len(dates) > 1 else start
    filters = Filters(start=start, end=end, states=tuple(states), first_date=first, last_date=last)
    st.session_state[_STATE_KEY] = filters
    return filters


def active() -> Filters:
    """The selection the app entry drew in this run; pages call this instead of drawing widgets."""
    filters = st.session_state.get(_STATE_KEY)
    if filters is None:
        raise RuntimeError("filters.sidebar() must run in the app entry before a page reads the filters")
    return filters


def show_active(filters: Filters) -> None:
    """The active filters as chips at the top of a page, so a number is never read without its scope."""
    st.markdown(" ".join(f":blue-badge[{chip}]" for chip in filters.chips()))

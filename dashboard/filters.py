"""The sidebar's filters as values: what is selected, which charts each filter targets, what a chart applies.

Two groups of filters: the orders pages filter orders (purchase date, customer state, order status,
customer segment, product category), the visitors
pages filter sessions (session date, source and the session dimensions). The app entry draws the
group of the current page's section (`dashboard.sidebar`) and pages read the selection through
`active()` / `active_sessions()`.

Every filter has a target (`Target`): all charts, the KPIs only, or one chart (by its key in
`dashboard.chart_catalog`). A page asks for the selection one chart or the KPIs see (`for_chart`,
`for_kpis`) and queries with that, so a filter scoped to one chart changes that chart's numbers only.
A chart declares which filters it can apply (`FilterScope`); one that is asked to apply a filter it
cannot is not drawn (`FilterScope.blocked`), never drawn unfiltered under a chip that says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import Enum

import streamlit as st

_STATE_KEY = "shoplens_active_filters"
_SESSION_STATE_KEY = "shoplens_active_session_filters"

# A filter's target: every chart (the default), the KPI cards only, or one chart's key.
ALL_CHARTS = "all"
KPIS_ONLY = "kpis"


class Filter(Enum):
    """Every sidebar filter, with the label shown in chips, scope notes and the URL."""

    PURCHASE_DATE = "purchase date"
    CUSTOMER_STATE = "customer state"
    ORDER_STATUS = "order status"
    CUSTOMER_SEGMENT = "customer segment"
    PRODUCT_CATEGORY = "product category"
    SESSION_DATE = "session date"
    SESSION_SOURCE = "source"
    WEEKPART = "weekday or weekend"
    DEVICE = "device"
    TRAFFIC_SOURCE = "traffic source"
    BROWSER = "browser"
    OS = "operating system"
    REGION = "region"
    VISITOR_TYPE = "visitor type"
    PAGE_TYPE = "page type"

    @property
    def param(self) -> str:
        """Its name in the URL query string, e.g. 'traffic_source'."""
        return self.name.lower()


DATE_FILTERS = frozenset({Filter.PURCHASE_DATE, Filter.SESSION_DATE})


class _Targeted:
    """What both filter groups share: targets per filter, and the selection one chart or the KPIs see."""

    targets: tuple[tuple[Filter, str], ...]

    def set_filters(self) -> list[Filter]:  # pragma: no cover - each group defines it
        raise NotImplementedError

    def _cleared(self, which: Filter) -> _Targeted:  # pragma: no cover - each group defines it
        raise NotImplementedError

    def target(self, which: Filter) -> str:
        return dict(self.targets).get(which, ALL_CHARTS)

    def for_chart(self, key: str):
        """The selection the chart `key` sees: filters targeted at the KPIs or another chart left out."""
        return self._only({ALL_CHARTS, key})

    def for_kpis(self):
        """The selection the KPI cards see: filters targeted at one chart left out."""
        return self._only({ALL_CHARTS, KPIS_ONLY})

    def _only(self, targets: set[str]):
        return self.without({which for which in self.set_filters() if self.target(which) not in targets})

    def without(self, cleared: set[Filter]):
        """The selection with the filters in `cleared` set back to every value (and no targets)."""
        seen = self
        for which in cleared:
            seen = seen._cleared(which)
        return replace(seen, targets=())

    def target_note(self, which: Filter, chart_titles: dict[str, str]) -> str:
        """' (KPIs only)' or ' (only: By device)' after a chip; nothing for all charts."""
        target = self.target(which)
        if target == ALL_CHARTS:
            return ""
        if target == KPIS_ONLY:
            return " (KPIs only)"
        return f" (only: {chart_titles.get(target, target)})"


# The order dimensions a multiselect narrows, with the Filters field holding its values: the one list
# the sidebar, the URL and the options query read.
ORDER_DIMENSIONS: dict[Filter, str] = {
    Filter.CUSTOMER_STATE: "states",
    Filter.ORDER_STATUS: "statuses",
    Filter.CUSTOMER_SEGMENT: "segments",
    Filter.PRODUCT_CATEGORY: "categories",
}


@dataclass(frozen=True)
class Filters(_Targeted):
    """The current selection of the orders pages; an empty tuple means every value, except `statuses`:
    empty means the headline orders (placed: every status but canceled and unavailable), and chosen
    statuses mean exactly those orders."""

    start: date
    end: date
    states: tuple[str, ...] = ()
    first_date: date | None = None  # the data's own bounds, to tell a narrowed range from the full one
    last_date: date | None = None
    targets: tuple[tuple[Filter, str], ...] = ()
    statuses: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @property
    def narrows_dates(self) -> bool:
        return (self.first_date, self.last_date) != (self.start, self.end)

    def values(self, which: Filter) -> tuple[str, ...]:
        return getattr(self, ORDER_DIMENSIONS[which])

    def orders_scope(self) -> tuple:
        """(start, end, states, statuses, segments): the arguments of every orders query."""
        return self.start, self.end, self.states, self.statuses, self.segments

    def set_filters(self) -> list[Filter]:
        """The filters of this group that narrow the data now."""
        dims = [which for which in ORDER_DIMENSIONS if self.values(which)]
        return [Filter.PURCHASE_DATE, *dims] if self.narrows_dates else dims

    def _cleared(self, which: Filter) -> Filters:
        if which is Filter.PURCHASE_DATE:
            return replace(self, start=self.first_date or self.start, end=self.last_date or self.end)
        return replace(self, **{ORDER_DIMENSIONS[which]: ()})

    def chips(self) -> dict[Filter, str]:
        """One short text per filter that narrows the data, e.g. 'purchase date: 2017-01-01 – 2017-12-31'."""
        chips = {}
        if self.narrows_dates:
            chips[Filter.PURCHASE_DATE] = (
                f"{Filter.PURCHASE_DATE.value}: {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"
            )
        for which in ORDER_DIMENSIONS:
            if self.values(which):
                chips[which] = f"{which.value}: {', '.join(self.values(which))}"
        return chips


# The session dimensions a multiselect narrows, with the SessionFilters field holding its values:
# the one list the sidebar, the URL, the options query and every session mart's scope read.
SESSION_DIMENSIONS: dict[Filter, str] = {
    Filter.SESSION_SOURCE: "sources",
    Filter.WEEKPART: "weekparts",
    Filter.DEVICE: "devices",
    Filter.TRAFFIC_SOURCE: "traffic_sources",
    Filter.BROWSER: "browsers",
    Filter.OS: "oses",
    Filter.REGION: "regions",
    Filter.VISITOR_TYPE: "visitor_types",
    Filter.PAGE_TYPE: "page_types",
}


@dataclass(frozen=True)
class SessionFilters(_Targeted):
    """The current selection of the visitors pages; an empty tuple means every value.

    `start`/`end` are None when no session has a date (only UCI sessions are loaded). A narrowed
    date range keeps dated sessions only: UCI sessions have no date, so they cannot be in it.
    """

    start: date | None = None
    end: date | None = None
    first_date: date | None = None
    last_date: date | None = None
    sources: tuple[str, ...] = ()
    weekparts: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    traffic_sources: tuple[str, ...] = ()
    browsers: tuple[str, ...] = ()
    oses: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    visitor_types: tuple[str, ...] = ()
    page_types: tuple[str, ...] = ()
    targets: tuple[tuple[Filter, str], ...] = ()

    @property
    def narrows_dates(self) -> bool:
        return self.start is not None and (self.first_date, self.last_date) != (self.start, self.end)

    @property
    def shows_uci(self) -> bool:
        """Whether the UCI file is the source shown, so its own wording (codes, no dates) applies."""
        return UCI_SOURCE in self.sources

    def values(self, which: Filter) -> tuple[str, ...]:
        return getattr(self, SESSION_DIMENSIONS[which])

    def set_filters(self) -> list[Filter]:
        dims = [which for which in SESSION_DIMENSIONS if self.values(which)]
        return [Filter.SESSION_DATE, *dims] if self.narrows_dates else dims

    def _cleared(self, which: Filter) -> SessionFilters:
        if which is Filter.SESSION_DATE:
            return replace(self, start=self.first_date, end=self.last_date)
        return replace(self, **{SESSION_DIMENSIONS[which]: ()})

    def chips(self) -> dict[Filter, str]:
        """One short text per filter that narrows the data."""
        chips = {}
        if self.narrows_dates:
            chips[Filter.SESSION_DATE] = (
                f"{Filter.SESSION_DATE.value}: {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"
                + (" (UCI sessions have no date: left out)" if self.shows_uci else "")
            )
        for which in SESSION_DIMENSIONS:
            if self.values(which):
                chips[which] = f"{which.value}: {', '.join(self.values(which))}"
        return chips


AnyFilters = Filters | SessionFilters

# The UCI Online Shoppers file's source name: sessions with no date, events or amounts.
UCI_SOURCE = "uci"


@dataclass(frozen=True)
class FilterScope:
    """Which filters one chart can apply, and why it cannot apply the others.

    `date_grain` ('week' or 'month') says the chart's data can only be cut at whole weeks or months:
    a narrowed range then takes every period it touches, and the note names that span.
    """

    applies: frozenset[Filter]
    reason: str = ""
    date_grain: str | None = None
    # What the chart shows no filter selects (a model's evaluation, the warehouse's own build): it is
    # drawn under any selection, and its note says why the filters do not change it.
    independent: bool = False

    @classmethod
    def of_no_selection(cls, reason: str) -> FilterScope:
        return cls(frozenset(), reason, independent=True)

    def blocked(self, filters: AnyFilters) -> list[Filter]:
        """The filters set for this chart that it cannot apply: it must not be drawn then."""
        if self.independent:
            return []
        return [which for which in filters.set_filters() if which not in self.applies]

    def blocked_note(self, filters: AnyFilters, what: str = "This chart") -> str | None:
        blocked = self.blocked(filters)
        if not blocked:
            return None
        names = " and ".join(which.value for which in blocked)
        why = f": {self.reason}" if self.reason else "."
        return (
            f"{what} cannot be filtered by {names}{why} Clear that filter, or target it at another "
            "chart in the sidebar, to see it."
        )

    def note(self, filters: AnyFilters) -> str | None:
        """What a drawn chart's reader must know about the filters: dates taken by whole periods, or
        why no filter changes it."""
        if self.independent:
            return f"No filter changes this: {self.reason}" if filters.set_filters() else None
        if self.date_grain is None or not filters.narrows_dates or filters.start is None:
            return None
        if not DATE_FILTERS & self.applies:
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
    """The whole days, weeks or months a range touches: (first day of the first, last day of the last)."""
    if grain == "day":
        return start, end
    last_start = period_start(end, grain)
    if grain == "week":
        return period_start(start, grain), last_start + timedelta(days=6)
    next_month = (last_start + timedelta(days=32)).replace(day=1)
    return period_start(start, grain), next_month - timedelta(days=1)


def remember(filters: AnyFilters) -> None:
    """Keep the selection the sidebar drew in this run, for the page to read."""
    st.session_state[_STATE_KEY if isinstance(filters, Filters) else _SESSION_STATE_KEY] = filters


def active() -> Filters:
    """The orders selection the app entry drew in this run; pages call this instead of drawing widgets."""
    filters = st.session_state.get(_STATE_KEY)
    if filters is None:
        raise RuntimeError("the sidebar must run in the app entry before a page reads the filters")
    return filters


def active_sessions() -> SessionFilters:
    """The session selection the app entry drew in this run (visitors pages)."""
    filters = st.session_state.get(_SESSION_STATE_KEY)
    if filters is None:
        raise RuntimeError("the session sidebar must run in the app entry before a visitors page")
    return filters


def session_filter_fields() -> list[str]:
    """The SessionFilters fields that hold dimension values (the options query returns these names)."""
    return [f.name for f in fields(SessionFilters) if f.name in SESSION_DIMENSIONS.values()]

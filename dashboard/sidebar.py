"""The sidebar: a widget per filter and its target, the URL that mirrors them, and the removable chips.

The selection lives in three places that must agree: the widgets (session state, kept across page
switches), the URL query string (so a view can be shared as a link) and the `Filters` value pages
read. A session's first run takes the selection from the URL, checking every value against the
values the marts hold: an unknown value or target is dropped with a visible note, never passed into
SQL. Every run then writes the selection back into the URL.

URL parameters: `<filter>=<value>` once per value (dates: from and to), `<filter>_target=kpis` or
`<filter>_target=<chart key>` for a filter not aimed at every chart, e.g.
`?device=mobile&device_target=funnel_sessions&session_date=2019-03-01&session_date=2019-03-31`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import chart_catalog
from dashboard.filters import (
    ALL_CHARTS,
    KPIS_ONLY,
    ORDER_DIMENSIONS,
    SESSION_DIMENSIONS,
    UCI_SOURCE,
    AnyFilters,
    Filter,
    Filters,
    SessionFilters,
    remember,
)

ORDER_FILTERS = (Filter.PURCHASE_DATE, *ORDER_DIMENSIONS)
SESSION_FILTERS = (Filter.SESSION_DATE, *SESSION_DIMENSIONS)
_NOTES_KEY = "shoplens_url_notes"
_SEEDED_KEY = "shoplens_url_seeded_{}"
_HELP = {
    Filter.SESSION_SOURCE: "Two sources are two shops: pick one to read like with like. events, rees46 and "
    "journey are event files; uci is the UCI Online Shoppers file (no dates, events or amounts).",
    Filter.REGION: "Brazilian states, from the visitor's location.",
    Filter.CUSTOMER_STATE: "Leave empty for every state.",
    Filter.ORDER_STATUS: "Empty: the headline, placed orders (every status but canceled and unavailable). "
    "Choose statuses to see exactly those orders, e.g. canceled and unavailable to see what is left out.",
    Filter.CUSTOMER_SEGMENT: "The buyer's RFM segment today (mart_customer_rfm), over their whole history.",
    Filter.PRODUCT_CATEGORY: "Orders with an item of these categories; only the top-categories chart "
    "has items, so the other charts cannot apply it.",
}
# The UCI file's own wording, shown only while UCI is the source: it gives codes, not names.
_UCI_HELP = {
    Filter.BROWSER: "UCI gives codes, not names: they read 'UCI 2'.",
    Filter.OS: "UCI gives codes, not names: they read 'UCI 2'.",
    Filter.REGION: "UCI gives region codes ('UCI 1').",
    Filter.TRAFFIC_SOURCE: "UCI gives traffic type codes ('UCI 2').",
    Filter.PAGE_TYPE: "UCI page groups a session visited; only the page-type chart can apply it.",
}
# What an empty multiselect means, where it is not 'every value'.
_PLACEHOLDERS = {Filter.ORDER_STATUS: "Placed orders"}


def value_key(which: Filter) -> str:
    return f"filter_{which.param}"


def target_key(which: Filter) -> str:
    return f"target_{which.param}"


def _target_param(which: Filter) -> str:
    return f"{which.param}_target"


def keep_selection() -> None:
    """Keep every filter's value while its widget is not drawn (the other section's pages).

    Streamlit forgets the state of a widget that a run does not draw; writing the value back to
    session state each run makes it a plain value that survives until the widget returns.
    """
    for which in Filter:
        for key in (value_key(which), target_key(which)):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]


# --- the URL ----------------------------------------------------------------------------------------


def _seed_from_url(group: tuple[Filter, ...], allowed: Callable[[Filter], list[str] | None], bounds) -> None:
    """On a session's first run of this group: widget values from the URL, each checked against the data.

    `allowed(filter)` lists the values a dimension may take; `bounds` is (first, last) day of the data
    or None.
    """
    seeded = _SEEDED_KEY.format(group[0].param)
    if st.session_state.get(seeded):
        return
    st.session_state[seeded] = True
    notes = st.session_state.setdefault(_NOTES_KEY, [])
    params = st.query_params
    for which in group:
        raw = params.get_all(which.param)
        if raw:
            if which in (Filter.PURCHASE_DATE, Filter.SESSION_DATE):
                days = _dates_within(raw, bounds)
                if days is None:
                    notes.append(
                        f"Ignored {which.value} '{' – '.join(raw)}' from the link: not days within the data."
                    )
                else:
                    st.session_state[value_key(which)] = days
            else:
                options = allowed(which) or []
                kept = [value for value in raw if value in options]
                dropped = [value for value in raw if value not in options]
                if dropped:
                    notes.append(
                        f"Ignored {which.value} {', '.join(map(repr, dropped))} from the link: no such value."
                    )
                if kept:
                    st.session_state[value_key(which)] = kept
        target = params.get(_target_param(which))
        if target is not None:
            if target in _targets(which):
                st.session_state[target_key(which)] = target
            else:
                notes.append(f"Ignored the target '{target}' of the {which.value} filter from the link.")


def _dates_within(raw: list[str], bounds: tuple[date, date] | None) -> tuple[date, date] | None:
    if bounds is None or len(raw) != 2:
        return None
    try:
        start, end = (date.fromisoformat(text) for text in raw)
    except ValueError:
        return None
    first, last = bounds
    return (start, end) if first <= start <= end <= last else None


def _write_url(filters: AnyFilters, group: tuple[Filter, ...]) -> None:
    """Mirror this group's selection in the URL; the other group's parameters stay as they are."""
    wanted: dict[str, list[str] | str] = {}
    for which in filters.set_filters():
        if which in (Filter.PURCHASE_DATE, Filter.SESSION_DATE):
            wanted[which.param] = [f"{filters.start:%Y-%m-%d}", f"{filters.end:%Y-%m-%d}"]
        else:
            wanted[which.param] = list(filters.values(which))
        if filters.target(which) != ALL_CHARTS:
            wanted[_target_param(which)] = filters.target(which)
    for which in group:
        for name in (which.param, _target_param(which)):
            current = st.query_params.get_all(name)
            value = wanted.get(name)
            if value is None:
                if current:
                    del st.query_params[name]
            elif current != (value if isinstance(value, list) else [value]):
                st.query_params[name] = value


def url_notes() -> None:
    """The values a shared link carried that the data does not have, once, at the top of the page."""
    for note in st.session_state.pop(_NOTES_KEY, []):
        st.warning(note, icon=":material/link_off:")


# --- widgets ----------------------------------------------------------------------------------------


def _targets(which: Filter) -> list[str]:
    kpis = [] if which in chart_catalog.NOT_ON_KPIS else [KPIS_ONLY]
    return [ALL_CHARTS, *kpis, *(chart.key for chart in chart_catalog.targets_for(which))]


def _target_widget(which: Filter) -> str:
    """'Applies to': all charts, the KPIs only, or one chart that can apply the filter."""
    titles = chart_catalog.titles()
    names = {ALL_CHARTS: "All charts", KPIS_ONLY: "KPIs only", **titles}
    return st.selectbox(
        f"{which.value[0].upper()}{which.value[1:]}: applies to",
        _targets(which),
        format_func=names.__getitem__,
        key=target_key(which),
        label_visibility="collapsed",
        help="Which numbers this filter narrows: every chart, the KPI cards only, or one chart.",
    )


def _date_range(label: str, which: Filter, first: date, last: date, help_text: str) -> tuple[date, date]:
    """A date-range input within [first, last]; a kept selection outside the data's bounds is reset."""
    key = value_key(which)
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


def _multiselect(which: Filter, options: list[str], help_text: str | None = None) -> tuple[str, ...]:
    key = value_key(which)
    kept = st.session_state.get(key)
    if kept is not None and not set(kept) <= set(options):  # values the data no longer has
        st.session_state[key] = [value for value in kept if value in options]
    label = which.value[0].upper() + which.value[1:]
    placeholder = _PLACEHOLDERS.get(which, "All")
    help_text = help_text or _HELP.get(which)
    return tuple(st.multiselect(label, options=options, key=key, placeholder=placeholder, help=help_text))


def _targets_of(chosen: dict[Filter, bool]) -> tuple[tuple[Filter, str], ...]:
    """A target widget under each filter that narrows the data; the targets other than 'all charts'."""
    targets = []
    for which, is_set in chosen.items():
        if is_set:
            target = _target_widget(which)
            if target != ALL_CHARTS:
                targets.append((which, target))
    return tuple(targets)


def orders_sidebar(options: pd.DataFrame, dimensions: pd.DataFrame) -> Filters:
    """Draw the orders filters from the data's states and date bounds (`options`) and the other order
    dimensions' values (`dimensions`: (dimension, value) rows named like ORDER_DIMENSIONS' fields)."""
    first = options["first_date"].min() if not options.empty else date.today()
    last = options["last_date"].max() if not options.empty else date.today()

    def allowed(which: Filter) -> list[str]:
        if which is Filter.CUSTOMER_STATE:
            return options["customer_state"].tolist()
        return dimensions.loc[dimensions["dimension"] == ORDER_DIMENSIONS[which], "value"].tolist()

    _seed_from_url(ORDER_FILTERS, allowed, (first, last))
    chosen: dict[str, tuple[str, ...]] = {}
    with st.sidebar:
        st.header("Filters")
        start, end = _date_range(
            "Purchase date",
            Filter.PURCHASE_DATE,
            first,
            last,
            "Orders purchased on these days (the shop's local time), both ends included.",
        )
        targets = _targets_of({Filter.PURCHASE_DATE: (start, end) != (first, last)})
        for which, field in ORDER_DIMENSIONS.items():
            chosen[field] = _multiselect(which, allowed(which))
            targets += _targets_of({which: bool(chosen[field])})
    filters = Filters(start, end, first_date=first, last_date=last, targets=targets, **chosen)
    remember(filters)
    _write_url(filters, ORDER_FILTERS)
    return filters


def session_sidebar(options: pd.DataFrame, dates: pd.DataFrame) -> SessionFilters:
    """Draw the session filters: `options` has (dimension, source, value) rows, dimensions named like
    SESSION_DIMENSIONS' fields; `dates` one row with the first and last session date (NULL when no
    session has one). A dimension offers the values of the chosen source only."""
    first = _date_or_none(dates, "first_date")
    last = _date_or_none(dates, "last_date")

    def allowed(which: Filter, source: str | None = None) -> list[str]:
        rows = options[options["dimension"] == SESSION_DIMENSIONS[which]]
        if source is not None:
            rows = rows[rows["source"] == source]
        return list(dict.fromkeys(rows["value"]))  # a link's values are checked against every source's

    sources = allowed(Filter.SESSION_SOURCE)
    _seed_from_url(SESSION_FILTERS, allowed, None if first is None else (first, last))
    chosen: dict[str, tuple[str, ...]] = {}
    targets: tuple[tuple[Filter, str], ...] = ()
    with st.sidebar:
        st.header("Filters")
        if first is None or last is None:
            start = end = None
            st.caption("No session has a date (UCI sessions only): there is no date range to pick.")
        else:
            undated = (
                " UCI sessions have no date: a narrowed range leaves them out."
                if UCI_SOURCE in sources
                else ""
            )
            start, end = _date_range(
                "Session date",
                Filter.SESSION_DATE,
                first,
                last,
                "Sessions that started on these days (the shop's local time), both ends included." + undated,
            )
            targets += _targets_of({Filter.SESSION_DATE: (start, end) != (first, last)})
        chosen["sources"] = _source(sources)
        source = chosen["sources"][0] if chosen["sources"] else None
        for which, field in SESSION_DIMENSIONS.items():
            values = allowed(which, source)
            # A dimension the source does not have (e.g. page type for event sessions) is not offered.
            if values and which is not Filter.SESSION_SOURCE:
                help_text = _UCI_HELP.get(which) if source == UCI_SOURCE else None
                chosen[field] = _multiselect(which, values, help_text)
                targets += _targets_of({which: bool(chosen[field])})
    filters = SessionFilters(
        start=start, end=end, first_date=first, last_date=last, targets=targets, **chosen
    )
    remember(filters)
    _write_url(filters, SESSION_FILTERS)
    return filters


def _source(sources: list[str]) -> tuple[str, ...]:
    """One source, never all: two sources are two shops, and no figure adds them up (issue: a UCI
    session and an event session describe different shops). The default has the most sessions."""
    if not sources:
        return ()
    key = value_key(Filter.SESSION_SOURCE)
    kept = st.session_state.get(key)
    if isinstance(kept, list):  # a value from a link, checked against the sources already
        st.session_state[key] = kept[0]
    if st.session_state.get(key) not in sources:
        st.session_state.pop(key, None)
    return (st.selectbox("Source", sources, key=key, help=_HELP[Filter.SESSION_SOURCE]),)


def _date_or_none(frame: pd.DataFrame, column: str) -> date | None:
    if frame.empty or pd.isna(frame[column].iloc[0]):
        return None
    return frame[column].iloc[0]


def add_values(which: Filter, values: list[str]) -> None:
    """Add values to a filter from outside its widget (a clicked bar), before the widgets draw."""
    key = value_key(which)
    kept = st.session_state.get(key)
    current = [] if kept is None else ([kept] if isinstance(kept, str) else list(kept))
    st.session_state[key] = list(dict.fromkeys([*current, *values]))


# --- chips ------------------------------------------------------------------------------------------


def show_active(filters: AnyFilters) -> None:
    """The active filters as removable chips at the top of a page, so a number is never read without
    its scope; a link's dropped values are noted above them."""
    url_notes()
    chips = filters.chips()
    if not chips:
        st.caption(
            "No filter: every " + ("order." if isinstance(filters, Filters) else "session, per source.")
        )
        return
    titles = chart_catalog.titles()
    columns = st.columns(min(len(chips), 4))
    for i, (which, text) in enumerate(chips.items()):
        if which is Filter.SESSION_SOURCE:  # always one source: change it in the sidebar
            columns[i % len(columns)].markdown(f":blue-badge[{text}]")
            continue
        columns[i % len(columns)].button(
            text + filters.target_note(which, titles),
            key=f"chip_{which.param}",
            on_click=_remove,
            args=(which,),
            icon=":material/close:",
            icon_position="right",
            help="Remove this filter",
            type="tertiary",
        )


def _remove(which: Filter) -> None:
    st.session_state.pop(value_key(which), None)
    st.session_state.pop(target_key(which), None)

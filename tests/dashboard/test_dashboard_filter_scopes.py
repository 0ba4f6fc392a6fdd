"""Filter scopes and shareable links, through the real app (AppTest) on the built warehouse.

A filter aimed at one chart changes that chart's numbers only; aimed at the KPIs, only the KPI cards.
The selection lives in the URL: opening the link again in a new session gives the same view, and a
link's values the marts do not hold are dropped with a note, never passed to SQL.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.dashboard.dashboard_support import (
    APP_PATH,
    VISITOR_PAGES,
    assert_clean,
    chart_titled,
    chips,
    metrics,
    open_visitor_page,
    warnings,
)

CONVERSION = VISITOR_PAGES[0]
DEVICE_CHART, BROWSER_CHART, MONTH_CHART = "By device", "By browser", "By month of the year"


def _bars(at: AppTest, title: str) -> dict[str, float]:
    bars = chart_titled(at, title)["data"][0]
    names, values = (bars["y"], bars["x"]) if bars.get("orientation") == "h" else (bars["x"], bars["y"])
    return dict(zip(names, values, strict=True))


def _view(at: AppTest) -> dict[str, object]:
    return {
        "kpis": metrics(at),
        "device": _bars(at, DEVICE_CHART),
        "browser": _bars(at, BROWSER_CHART),
        "month": _bars(at, MONTH_CHART),
    }


def _events_conversion(app: AppTest) -> AppTest:
    return open_visitor_page(app.run(), CONVERSION, source="events")


def _set_device(at: AppTest, device: str, target: str | None) -> AppTest:
    at.multiselect(key="filter_device").set_value([device]).run()
    if target is not None:
        at.selectbox(key="target_device").set_value(target).run()
    assert_clean(at)
    return at


def test_a_filter_aimed_at_one_chart_changes_only_that_charts_numbers(
    dashboard_warehouse, app: AppTest
) -> None:
    at = _events_conversion(app)
    before = _view(at)
    device = max(before["device"], key=before["device"].get)  # a device with sessions, not every one
    after = _view(_set_device(at, device, "device"))
    assert list(after["device"]) == [device]  # the targeted chart: that device only
    assert after["kpis"] == before["kpis"]
    assert after["browser"] == before["browser"]
    assert after["month"] == before["month"]
    assert f"device: {device} (only: Conversion: Conversion by device)" in chips(at)


def test_a_filter_aimed_at_the_kpis_changes_the_cards_and_no_chart(dashboard_warehouse, app: AppTest) -> None:
    at = _events_conversion(app)
    before = _view(at)
    device = max(before["device"], key=before["device"].get)
    after = _view(_set_device(at, device, "kpis"))
    assert after["kpis"]["Sessions"] != before["kpis"]["Sessions"]
    assert {key: after[key] for key in ("device", "browser", "month")} == {
        key: before[key] for key in ("device", "browser", "month")
    }


def test_a_filter_on_all_charts_narrows_every_chart_and_the_kpis(dashboard_warehouse, app: AppTest) -> None:
    at = _events_conversion(app)
    before = _view(at)
    device = max(before["device"], key=before["device"].get)
    after = _view(_set_device(at, device, None))
    assert list(after["device"]) == [device]
    assert after["kpis"]["Sessions"] != before["kpis"]["Sessions"]
    assert after["browser"] != before["browser"]


def test_a_shared_link_opens_the_same_view_in_a_new_session(dashboard_warehouse, app: AppTest) -> None:
    at = _events_conversion(app)
    device = max(_bars(at, DEVICE_CHART), key=_bars(at, DEVICE_CHART).get)
    _set_device(at, device, "device")
    link = dict(at.query_params)
    assert link["session_source"] == "events"
    assert link["device"] == device and link["device_target"] == "device"
    shown = _view(at)

    opened = AppTest.from_file(APP_PATH, default_timeout=120)
    opened.query_params = dict(link)
    opened.run()
    opened.switch_page(CONVERSION).run()
    assert_clean(opened)
    assert opened.selectbox(key="filter_session_source").value == "events"
    assert opened.multiselect(key="filter_device").value == [device]
    assert opened.selectbox(key="target_device").value == "device"
    assert _view(opened) == shown


def test_a_link_with_unknown_values_drops_them_with_a_note(dashboard_warehouse) -> None:
    opened = AppTest.from_file(APP_PATH, default_timeout=120)
    opened.query_params = {
        "session_source": "events",
        "device": ["smartwatch'; drop table marts.fct_sessions; --"],
        "browser_target": "no_such_chart",
        "session_date": ["2019-03-11", "not a day"],
    }
    opened.run()
    opened.switch_page(CONVERSION).run()
    assert_clean(opened)
    notes = warnings(opened)
    assert [note for note in notes if note.startswith("Ignored device") and "smartwatch" in note], notes
    assert [note for note in notes if "target 'no_such_chart'" in note], notes
    assert [note for note in notes if note.startswith("Ignored session date")], notes
    assert opened.multiselect(key="filter_device").value == []
    assert metrics(opened)["Sessions"]  # the page still draws, on every device


def test_removing_a_chip_clears_its_filter_and_its_link_parameter(dashboard_warehouse, app: AppTest) -> None:
    at = _events_conversion(app)
    everything = metrics(at)["Sessions"]
    device = max(_bars(at, DEVICE_CHART), key=_bars(at, DEVICE_CHART).get)
    _set_device(at, device, None)
    assert metrics(at)["Sessions"] != everything
    at.button(key="chip_device").click().run()
    assert_clean(at)
    assert at.multiselect(key="filter_device").value == []
    assert "device" not in at.query_params
    assert metrics(at)["Sessions"] == everything

"""The Data health and Metric glossary pages (AppTest), on the operations warehouse
(tests/operations_shop.py): a failed build, an outlier load and known rejects, plus one source made
stale here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.data import DATABASE_URL_ENV
from dashboard.glossary_links import glossary_link, glossary_url, metric_anchor
from tests.dashboard.dashboard_support import APP_PATH, chart_titled, owner_rows
from tests.operations_shop import FAILING_TEST, OUTLIER_ROWS, OperationsShop, operations_shop

STALE_SOURCE = "olist_sellers"


@pytest.fixture(scope="module")
def shop(
    shoplens_home: Path, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OperationsShop]:
    """The operations warehouse, with one source's only load moved four days back (past its 72 h)."""
    for built in operations_shop(shoplens_home, samples_dir, tmp_path_factory):
        with built.warehouse.owner.connect() as conn:  # this module's own database: nothing else reads it
            conn.execute(
                "update raw.load_audit set started_at = started_at - interval '100 hours', "
                "finished_at = finished_at - interval '100 hours' where target_table = %s",
                (f"raw.{STALE_SOURCE}",),
            )
        yield built


@pytest.fixture
def page(shop: OperationsShop, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], AppTest]]:
    monkeypatch.setenv(DATABASE_URL_ENV, shop.warehouse.dashboard.url)
    st.cache_data.clear()
    st.cache_resource.clear()

    def run(path: str) -> AppTest:
        at = AppTest.from_file(str(APP_PATH), default_timeout=60)
        at.switch_page(path)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield run
    st.cache_data.clear()
    st.cache_resource.clear()


def test_health_puts_the_failed_test_the_stale_source_and_the_outlier_load_first(page) -> None:
    at = page("views/health.py")
    errors = " ".join(e.value for e in at.error)
    warnings = " ".join(w.value for w in at.warning)
    assert FAILING_TEST in errors and STALE_SOURCE in errors
    assert "outlier.csv" in warnings
    kpis = {m.label: m.value for m in at.metric}
    assert kpis["Last build"] == "failed" and kpis["Data tests failed"] == "1"
    assert not at.success  # "all in order" must not show beside failures


def test_health_takes_no_sidebar_filters(page) -> None:
    at = page("views/health.py")
    assert not at.sidebar.multiselect and not at.sidebar.date_input


def test_health_lists_the_raw_reject_rows_of_the_latest_rejecting_load(page, shop: OperationsShop) -> None:
    at = page("views/health.py")
    (rejects,) = [d.value for d in at.dataframe if "reason" in d.value.columns]
    raw = owner_rows(
        shop.warehouse,
        "select r.line_number, r.reason from raw.rejected_rows as r inner join raw.load_audit as a "
        "using (load_id) where a.file_name = %(file)s order by 1",
        {"file": shop.reject_file},
    )
    assert raw and list(rejects[["line_number", "reason"]].itertuples(index=False, name=None)) == raw


def test_health_volume_chart_marks_only_the_outlier_load(page) -> None:
    at = page("views/health.py")
    volume = chart_titled(at, "Rows per load")
    (marked,) = [t for t in volume["data"] if t.get("name") == "outside the usual range"]
    assert list(marked["y"]) == [OUTLIER_ROWS]


def test_glossary_lists_every_metric_once_under_its_anchor(page, shop: OperationsShop) -> None:
    at = page("views/glossary.py")
    labels = [label for (label,) in owner_rows(shop.warehouse, _GLOSSARY_LABELS)]
    headings = [(h.value, h.proto.anchor) for h in at.subheader]
    assert len(labels) >= 10 and headings == [(label, metric_anchor(label)) for label in labels]
    columns = owner_rows(shop.warehouse, "select mart || '.' || column_name from marts.mart_metric_glossary")
    captions = " ".join(c.value for c in at.caption)
    assert all(f"`{column}`" in captions for (column,) in columns)


def test_glossary_shows_the_definition_from_the_yml(page, shop: OperationsShop) -> None:
    at = page("views/glossary.py")
    ((description,),) = owner_rows(
        shop.warehouse,
        "select description from marts.mart_metric_glossary "
        "where mart = 'mart_conversion_cube' and column_name = 'conversion_rate'",
    )
    assert "converted_sessions / sessions" in description
    assert description in [m.value for m in at.markdown]
    assert any("re-aggregated as sum(converted_sessions) / sum(sessions)" in c.value for c in at.caption)
    # Only ratios say how they re-aggregate, and no missing part shows as text.
    ((ratios,),) = owner_rows(
        shop.warehouse, "select count(*) from marts.mart_metric_glossary where numerator is not null"
    )
    assert ratios > 0 and sum("re-aggregated as" in c.value for c in at.caption) == ratios
    assert not any("nan" in c.value.split() or "None" in c.value for c in at.caption)


def test_glossary_search_keeps_only_matching_metrics(page) -> None:
    at = page("views/glossary.py")
    at.text_input(key="glossary_search").input("conversion").run()
    headings = [h.value for h in at.subheader]
    assert "Conversion rate" in headings and "Revenue" not in headings


def test_glossary_link_points_at_the_entry_anchor(page) -> None:
    at = page("views/glossary.py")
    anchors = {h.value: h.proto.anchor for h in at.subheader}
    assert glossary_url("Conversion rate") == f"glossary#{anchors['Conversion rate']}"
    assert (
        glossary_link("Conversion rate")
        == f"[Conversion rate: definition]({glossary_url('Conversion rate')})"
    )


_GLOSSARY_LABELS = "select metric from marts.mart_metric_glossary group by metric order by lower(metric)"

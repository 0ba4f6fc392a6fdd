"""The UCI and REES46 samples, loaded and built, reproduce every reference figure of their README
through the session marts.

Each expected figure is computed here from the sample files (csv + Decimal, independently of the
loader and of dbt) and also checked against the number printed in the samples README, so a change
to either the files or the README shows up as well.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from session_build import build_sessions, fresh_warehouse, load
from warehouse_marts import query

from shoplens.warehouse import Warehouse
from tests.conftest import make_settings

UCI_FILE = Path("online_shoppers") / "online_shoppers_intention.csv"
REES46_OCT = Path("events") / "rees46_2019oct_head_sidatKSTX" / "2019-Oct-sample.csv"
REES46_NOV = Path("events") / "rees46_2019nov_head_ucsgamoraes" / "2019-Oct.csv"  # November data, no header
REES46_COLUMNS = [
    "event_time",
    "event_type",
    "product_id",
    "category_id",
    "category_code",
    "brand",
    "price",
    "user_id",
    "user_session",
]

# The figures as printed in ../shared/data/samples/README.md ("Reference figures").
README_UCI_SESSIONS, README_UCI_CONVERTED, README_UCI_RATE_PERCENT = 12330, 1908, Decimal("15.4745")
README_UCI_BY_VISITOR_TYPE = {  # percent converted, sessions
    "New_Visitor": (Decimal("24.9115"), 1694),
    "Returning_Visitor": (Decimal("13.9323"), 10551),
    "Other": (Decimal("18.8235"), 85),
}
README_UCI_BY_WEEKEND = {False: (Decimal("14.8911"), 9462), True: (Decimal("17.3989"), 2868)}
README_UCI_BY_MONTH = [  # in calendar order: month, sessions, converted
    ("Feb", 184, 3),
    ("Mar", 1907, 192),
    ("May", 3364, 365),
    ("June", 288, 29),
    ("Jul", 432, 66),
    ("Aug", 433, 76),
    ("Sep", 448, 86),
    ("Oct", 549, 115),
    ("Nov", 2998, 760),
    ("Dec", 1727, 216),
]
README_REES46 = {  # month of the data: events by type, users, source sessions, purchase revenue
    10: ({"view": 987, "cart": 3, "purchase": 10}, 330, 372, Decimal("2387.84")),
    11: ({"view": 678, "cart": 3, "purchase": 2}, 233, 240, Decimal("778.22")),
}
# Where the marts keep the UCI labels.
VISITOR_TYPES = {"New_Visitor": "new", "Returning_Visitor": "returning", "Other": "other"}
MONTH_NUMBERS = {
    "Feb": 2,
    "Mar": 3,
    "May": 5,
    "June": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}


def _percent(converted: int, sessions: int) -> Decimal:
    return (Decimal(100 * converted) / Decimal(sessions)).quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class UciFigures:
    """Sessions and converted sessions (Revenue = TRUE) of the UCI file, overall and by group."""

    sessions: int
    converted: int
    by_visitor_type: dict[str, tuple[int, int]]
    by_weekend: dict[bool, tuple[int, int]]
    by_month: list[tuple[str, int, int]]  # in calendar order


def _uci_figures(path: Path) -> UciFigures:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    converted = [r for r in rows if r["Revenue"] == "TRUE"]

    def split(key: str) -> dict[str, tuple[int, int]]:
        total, bought = Counter(r[key] for r in rows), Counter(r[key] for r in converted)
        return {k: (total[k], bought[k]) for k in total}

    months = split("Month")
    return UciFigures(
        sessions=len(rows),
        converted=len(converted),
        by_visitor_type=split("VisitorType"),
        by_weekend={k == "TRUE": v for k, v in split("Weekend").items()},
        by_month=[(m, *months[m]) for m in sorted(months, key=MONTH_NUMBERS.__getitem__)],
    )


@dataclass(frozen=True)
class Rees46Figures:
    """Events by type, users, source sessions and purchase revenue of one REES46 file."""

    events: dict[str, int]
    users: int
    source_sessions: int
    purchase_revenue: Decimal


def _rees46_figures(path: Path, *, header: bool) -> tuple[int, Rees46Figures]:
    """The month of the file's data and its figures."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, fieldnames=None if header else REES46_COLUMNS))
    months = {r["event_time"][:7] for r in rows}
    assert len(months) == 1, months
    return int(months.pop()[5:]), Rees46Figures(
        events=dict(Counter(r["event_type"] for r in rows)),
        users=len({r["user_id"] for r in rows}),
        source_sessions=len({r["user_session"] for r in rows}),
        purchase_revenue=sum(
            (Decimal(r["price"]) for r in rows if r["event_type"] == "purchase"), Decimal(0)
        ),
    )


@pytest.fixture(scope="module")
def marts(
    shoplens_home: Path, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    """The UCI file and both REES46 samples loaded by the loader, then the session marts built."""
    with fresh_warehouse(make_settings("embedded", shoplens_home)) as warehouse:
        load(warehouse, samples_dir / UCI_FILE, samples_dir / REES46_OCT, samples_dir / REES46_NOV)
        build_sessions(warehouse, tmp_path_factory.mktemp("sessions_build"))
        yield warehouse


@pytest.fixture(scope="module")
def uci(samples_dir: Path) -> UciFigures:
    figures = _uci_figures(samples_dir / UCI_FILE)
    # The file says what the README says.
    assert (figures.sessions, figures.converted) == (README_UCI_SESSIONS, README_UCI_CONVERTED)
    assert _percent(figures.converted, figures.sessions) == README_UCI_RATE_PERCENT
    assert {
        k: (_percent(c, n), n) for k, (n, c) in figures.by_visitor_type.items()
    } == README_UCI_BY_VISITOR_TYPE
    assert {k: (_percent(c, n), n) for k, (n, c) in figures.by_weekend.items()} == README_UCI_BY_WEEKEND
    assert figures.by_month == README_UCI_BY_MONTH
    return figures


UCI_CUBE = "from marts.mart_conversion_cube where source = 'uci'"


def test_uci_sessions_conversions_and_rate_overall(marts: Warehouse, uci: UciFigures) -> None:
    expected = (uci.sessions, uci.converted)
    assert query(marts, f"select sum(sessions), sum(converted_sessions) {UCI_CUBE}") == [expected]
    fact = "select count(*), count(*) filter (where converted) from marts.fct_sessions where source = 'uci'"
    assert query(marts, fact) == [expected]
    rate = query(marts, f"select round(100.0 * sum(converted_sessions) / sum(sessions), 4) {UCI_CUBE}")
    assert rate == [(_percent(uci.converted, uci.sessions),)]


def test_uci_conversion_by_visitor_type(marts: Warehouse, uci: UciFigures) -> None:
    expected = {VISITOR_TYPES[k]: v for k, v in uci.by_visitor_type.items()}
    cube = query(marts, f"select visitor_type, sum(sessions), sum(converted_sessions) {UCI_CUBE} group by 1")
    assert {k: (n, c) for k, n, c in cube} == expected
    monthly = query(
        marts,
        "select visitor_type, sum(sessions), sum(converted_sessions) from marts.mart_visitors_monthly"
        " where source = 'uci' group by 1",
    )
    assert {k: (n, c) for k, n, c in monthly} == expected


def test_uci_conversion_by_weekend(marts: Warehouse, uci: UciFigures) -> None:
    cube = query(marts, f"select is_weekend, sum(sessions), sum(converted_sessions) {UCI_CUBE} group by 1")
    assert {k: (n, c) for k, n, c in cube} == uci.by_weekend


def test_uci_conversion_by_month_in_calendar_order(marts: Warehouse, uci: UciFigures) -> None:
    expected = [(MONTH_NUMBERS[m], n, c) for m, n, c in uci.by_month]
    cube = query(
        marts,
        f"select month_of_year, sum(sessions), sum(converted_sessions) {UCI_CUBE} group by 1 order by 1",
    )
    assert cube == expected
    monthly = query(
        marts,
        "select month_of_year, sessions, converted_sessions from marts.mart_sessions_monthly"
        " where source = 'uci' order by session_month nulls first, month_of_year",
    )
    assert monthly == expected


@pytest.mark.parametrize(("sample", "header"), [(REES46_OCT, True), (REES46_NOV, False)], ids=["oct", "nov"])
def test_rees46_events_users_source_sessions_and_revenue(
    marts: Warehouse, samples_dir: Path, sample: Path, header: bool
) -> None:
    month, figures = _rees46_figures(samples_dir / sample, header=header)
    events, users, source_sessions, revenue = README_REES46[month]
    assert figures == Rees46Figures(events, users, source_sessions, revenue)

    # The files' dates come from the data (the November file is named 2019-Oct.csv): split by month, UTC.
    in_month = (
        "from marts.fct_sessions where source = 'rees46'"
        f" and extract(month from started_at at time zone 'UTC') = {month}"
    )
    row = query(
        marts,
        "select sum(events), sum(product_views), sum(adds_to_cart), sum(purchases),"
        f" count(distinct user_id), count(distinct source_session_id), sum(revenue) {in_month}",
    )
    assert row == [
        (
            sum(figures.events.values()),
            figures.events["view"],
            figures.events["cart"],
            figures.events["purchase"],
            figures.users,
            figures.source_sessions,
            figures.purchase_revenue,
        )
    ]


def test_rees46_sessions_never_span_two_source_sessions(marts: Warehouse) -> None:
    # A session breaks when the source session changes, so each source session owns its sessions.
    rows = query(
        marts,
        "select count(*) from (select session_id from intermediate.int_events_sessionized"
        " group by session_id having count(distinct source_session_id) > 1) as spanning",
    )
    assert rows == [(0,)]


@pytest.mark.parametrize(("month", "source_sessions"), [(10, 372), (11, 240)], ids=["oct", "nov"])
def test_rees46_samples_give_one_session_per_source_session_dated_in_utc(
    marts: Warehouse, month: int, source_sessions: int
) -> None:
    """The source's session id is trusted (two interleaved tabs stay two sessions), and REES46's shop
    keeps UTC: a session's date and hour are its UTC start's, not São Paulo's."""
    in_month = (
        "from marts.fct_sessions where source = 'rees46'"
        f" and extract(month from started_at at time zone 'UTC') = {month}"
    )
    assert query(marts, f"select count(*), count(distinct source_session_id) {in_month}") == [
        (source_sessions, source_sessions)
    ]
    off_utc = query(
        marts,
        "select count(*) from marts.fct_sessions where source = 'rees46' and ("
        " session_date <> cast(started_at at time zone 'UTC' as date)"
        " or hour_of_day <> extract(hour from started_at at time zone 'UTC'))",
    )
    assert off_utc == [(0,)]

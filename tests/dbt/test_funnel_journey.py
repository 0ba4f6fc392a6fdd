"""The journey fixture end to end: the loader reads tests/fixtures/journey/journey_sessions.jsonl,
`dbt build` passes every model, data test and unit test, and the funnel marts give the ordered
funnel, user counts, drop-off reasons, carts and drill-down timelines worked out by hand below.

The fixture's 13 sessions (12 users; UTC times on Monday 2018-03-05, except carla-2 on Wednesday
2018-03-07, the same week). A journey page load is a page view (a product view on /product/...),
buttons are the steps (add-to-cart, checkout = begin_checkout, place-order = a purchase unless an
error follows it), and div.error-message is an error:

    session   what happens                                          furthest      dropped after: reason
    ana-1     home, view p100, add, cart, checkout, place order     purchase      -
    bruno-1   home, category, view p200, view p201                  product_view  product_view: no error
    carla-1   view p300, add, home                                  add_to_cart   add_to_cart: no error
    carla-2   view p300, add, cart, checkout, place order           purchase      - (returning visitor)
    davi-1    view p400, add, cart, 'Out of stock'                  cart          cart: out of stock
    elisa-1   view, add, cart, checkout, place order, 'Payment      purchase      - (the retry bought)
              declined', retry, place order
    fabio-1   view, add, cart, checkout, place order, 'Payment      checkout      checkout: payment failure
              service unavailable'
    gabi-1    view, add, cart, checkout, cancel order               checkout      checkout: cancelled order
    hugo-1    view p800, add, view p801, add, cart, remove, remove  cart          cart: emptied cart
    iris-1    view, add, cart, checkout, place order, 'Address      checkout      checkout: other error
              not found'
    joao-1    home                                                  none          -
    karin-1   cart, checkout, place order (no product view)         none          - (bought, off-funnel)
    leo-1     add on a category page, view p1200, cart (the add     product_view  product_view: no error
              came before the view, so it does not count)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from funnel_build import FUNNEL_MODELS, build_funnel, drop_database, failing_nodes
from warehouse_marts import BuildOutcome, query

from ingestion.loader import LOADED, load_paths
from shoplens.settings import PROJECT_ROOT, Settings
from shoplens.warehouse import Warehouse, ensure_warehouse

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "journey" / "journey_sessions.jsonl"
FIXTURE_EVENTS = 74  # lines of the fixture file
MONDAY, WEDNESDAY = "2018-03-05", "2018-03-07"
STEPS = ["product_view", "add_to_cart", "cart", "checkout", "purchase"]

# Sessions reaching each step in order, the week of 2018-03-05 (all 13 sessions):
#   product_view: all but joao-1 and karin-1                                       = 11
#   add_to_cart:  those 11 less bruno-1 and leo-1                                  = 9
#   cart:         those 9 less carla-1                                             = 8
#   checkout:     those 8 less davi-1 and hugo-1                                   = 6
#   purchase:     ana-1, carla-2, elisa-1                                          = 3
WEEK_SESSIONS_REACHED = [11, 9, 8, 6, 3]
# Monday alone is the week without carla-2, which reached every step.
MONDAY_SESSIONS_REACHED = [10, 8, 7, 5, 2]
# Users, the week: carla counts once, with her furthest session (carla-2, the purchase); joao
# and karin reach no step. product_view: 10 users; add_to_cart and cart: the 8 of ana, carla,
# davi, elisa, fabio, gabi, hugo, iris; checkout: ana, carla, elisa, fabio, gabi, iris; purchase:
# ana, carla, elisa.
WEEK_USERS, WEEK_USERS_REACHED = 12, [10, 8, 8, 6, 3]
# Users per day: carla is a user on Monday (carla-1) and on Wednesday (carla-2), so the days'
# users add up to 13, one more than the week's 12.
MONDAY_USERS, WEDNESDAY_USERS = 12, 1

# session -> (furthest step, dropped after, drop-off reason, first error message, converted)
SESSIONS = {
    "ana-1": ("purchase", None, None, None, True),
    "bruno-1": ("product_view", "product_view", "no error", None, False),
    "carla-1": ("add_to_cart", "add_to_cart", "no error", None, False),
    "carla-2": ("purchase", None, None, None, True),
    "davi-1": ("cart", "cart", "out of stock", "Out of stock", False),
    "elisa-1": ("purchase", None, None, "Payment declined", True),
    "fabio-1": ("checkout", "checkout", "payment failure", "Payment service unavailable", False),
    "gabi-1": ("checkout", "checkout", "cancelled order", None, False),
    "hugo-1": ("cart", "cart", "emptied cart", None, False),
    "iris-1": ("checkout", "checkout", "other error", "Address not found", False),
    "joao-1": ("none", None, None, None, False),
    "karin-1": ("none", None, None, None, True),
    "leo-1": ("product_view", "product_view", "no error", None, False),
}


@dataclass(frozen=True)
class JourneyWarehouse:
    warehouse: Warehouse
    build: BuildOutcome


@pytest.fixture(scope="module")
def journey(shoplens_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JourneyWarehouse]:
    """A fresh warehouse with only the journey fixture loaded, then one `dbt build`."""
    name = f"shoplens_test_funnel_{uuid.uuid4().hex[:8]}"
    settings = Settings(home=shoplens_home, landing_dir=shoplens_home / name, database_name=name)
    warehouse = ensure_warehouse(settings)
    try:
        results = load_paths(warehouse.owner, [FIXTURE])
        loaded = [(r.status, r.rows_loaded, r.rows_rejected) for r in results]
        assert loaded == [(LOADED, FIXTURE_EVENTS, 0)], [(r.file_name, r.status, r.message) for r in results]
        yield JourneyWarehouse(warehouse, build_funnel(warehouse, tmp_path_factory.mktemp("dbt_funnel")))
    finally:
        drop_database(warehouse)


FUNNEL_COLUMNS = (
    "step_name",
    "sessions",
    "sessions_reached",
    "previous_step_sessions",
    "step_conversion_rate",
    "sessions_dropped",
    "users",
    "users_reached",
    "users_dropped",
)
FUNNEL_QUERY = (
    "select step_name, sessions, sessions_reached, previous_step_sessions, step_conversion_rate,"
    " sessions_dropped, users, users_reached, users_dropped from marts.mart_funnel_steps"
    " where period_grain = %(grain)s and period_start = %(period)s and dimension = 'all'"
    " order by step_number"
)


def _funnel(journey: JourneyWarehouse, column: str, grain: str, period: str) -> list:
    """One column of the 'all' rows of mart_funnel_steps for one period, in step order."""
    rows = query(journey.warehouse, FUNNEL_QUERY, {"grain": grain, "period": period})
    return [row[FUNNEL_COLUMNS.index(column)] for row in rows]


def test_funnel_models_pass_every_data_test_and_unit_test(journey: JourneyWarehouse) -> None:
    assert not failing_nodes(journey.build)
    assert {node.rsplit(".", 1)[-1] for node in journey.build.of_kind("model.")} == FUNNEL_MODELS
    # Every funnel mart has its row rules tested, and the tricky logic has unit tests.
    tested = {node.split(".")[2] for node in journey.build.of_kind("test.")}
    marts = {model for model in FUNNEL_MODELS if not model.startswith("int_")}
    assert all(any(name.startswith(f"column_rules_{mart}") for name in tested) for mart in marts)
    unit_tests = {node.rsplit(".", 1)[-1] for node in journey.build.of_kind("unit_test.")}
    assert {
        "cart_lines_end_purchased_removed_or_abandoned",
        "drop_off_reason_follows_its_precedence",
        "orders_take_their_sessions_traffic_and_the_rest_no_web_session",
        "an_order_goes_to_the_first_session_that_bought_it",
    } <= unit_tests


def test_sessions_reach_the_steps_in_strict_order(journey: JourneyWarehouse) -> None:
    assert _funnel(journey, "step_name", "week", MONDAY) == STEPS
    assert _funnel(journey, "sessions", "week", MONDAY) == [13] * 5
    assert _funnel(journey, "sessions_reached", "week", MONDAY) == WEEK_SESSIONS_REACHED
    assert _funnel(journey, "sessions_reached", "day", MONDAY) == MONDAY_SESSIONS_REACHED
    assert _funnel(journey, "sessions_reached", "day", WEDNESDAY) == [1, 1, 1, 1, 1]


def test_step_conversion_and_drop_off_follow_the_counts(journey: JourneyWarehouse) -> None:
    # The step before product_view is every session (13); nobody drops out after the purchase.
    assert _funnel(journey, "previous_step_sessions", "week", MONDAY) == [13, 11, 9, 8, 6]
    assert _funnel(journey, "sessions_dropped", "week", MONDAY) == [2, 1, 2, 3, 0]
    rates = _funnel(journey, "step_conversion_rate", "week", MONDAY)
    assert [float(r) for r in rates] == pytest.approx([11 / 13, 9 / 11, 8 / 9, 6 / 8, 3 / 6], abs=1e-6)


def test_users_count_once_per_row_and_do_not_add_up_across_days(journey: JourneyWarehouse) -> None:
    assert _funnel(journey, "users", "week", MONDAY) == [WEEK_USERS] * 5
    assert _funnel(journey, "users_reached", "week", MONDAY) == WEEK_USERS_REACHED
    assert _funnel(journey, "users", "day", MONDAY) == [MONDAY_USERS] * 5
    assert _funnel(journey, "users", "day", WEDNESDAY) == [WEDNESDAY_USERS] * 5
    # carla dropped after add_to_cart on Monday, but as a user she went on to buy that week.
    assert _funnel(journey, "users_dropped", "week", MONDAY) == [2, 0, 2, 3, 0]


def test_users_take_the_dimensions_of_their_first_session_of_the_period(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select period_grain, period_start, dimension_value, sessions, users, users_reached"
        " from marts.mart_funnel_steps where dimension = 'visitor_type' and step_name = 'purchase'",
    )
    assert sorted((grain, str(start), value, *counts) for grain, start, value, *counts in rows) == [
        # Monday: 12 first sessions (new visitors), of which ana's and elisa's bought.
        ("day", MONDAY, "new", 12, 12, 2),
        # Wednesday: carla-2 is the returning session, and carla's first session that day.
        ("day", WEDNESDAY, "returning", 1, 1, 1),
        # The week: carla's first session is carla-1 (new), so she is a new user who bought,
        # and the returning session has no user of its own.
        ("week", MONDAY, "new", 12, 12, 3),
        ("week", MONDAY, "returning", 1, 0, 0),
    ]


def test_every_session_has_its_furthest_step_and_drop_off_reason(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select sessions.source_session_id, funnel.furthest_step, funnel.dropped_after_step,"
        " funnel.drop_off_reason, funnel.first_error_message, funnel.converted"
        " from marts.fct_session_funnel as funnel"
        " inner join marts.fct_sessions as sessions on funnel.session_id = sessions.session_id",
    )
    assert {row[0]: tuple(row[1:]) for row in rows} == SESSIONS


def test_drop_off_mart_counts_lost_sessions_by_step_and_reason(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select dropped_after_step, drop_off_reason, first_error_message, sum(dropped_sessions)"
        " from marts.mart_funnel_dropoff where dimension = 'all'"
        " group by 1, 2, 3",
    )
    assert {(step, reason, message): int(n) for step, reason, message, n in rows} == {
        ("product_view", "no error", "(no error)"): 2,  # bruno-1, leo-1
        ("add_to_cart", "no error", "(no error)"): 1,  # carla-1
        ("cart", "out of stock", "Out of stock"): 1,  # davi-1
        ("cart", "emptied cart", "(no error)"): 1,  # hugo-1
        ("checkout", "payment failure", "Payment service unavailable"): 1,  # fabio-1
        ("checkout", "cancelled order", "(no error)"): 1,  # gabi-1
        ("checkout", "other error", "Address not found"): 1,  # iris-1
    }


def test_payment_declined_then_retry_buys_at_the_second_attempt(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select funnel.reached_purchase, funnel.purchase_at at time zone 'UTC', funnel.error_events"
        " from marts.fct_session_funnel as funnel"
        " inner join marts.fct_sessions as sessions on funnel.session_id = sessions.session_id"
        " where sessions.source_session_id = 'elisa-1'",
    )
    reached = [(purchase, at.isoformat(), errors) for purchase, at, errors in rows]
    assert reached == [(True, "2018-03-05T13:03:40", 1)]


def test_carts_are_abandoned_per_session_and_per_line(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select sum(cart_sessions), sum(abandoned_carts), sum(emptied_carts), sum(cart_lines),"
        " sum(abandoned_cart_lines) from marts.mart_cart_abandonment where dimension = 'all'",
    )
    # Cart sessions: every session with an add (ana, carla-1, carla-2, davi, elisa, fabio, gabi,
    # hugo, iris, leo) = 10; abandoned = those without a purchase: carla-1, davi, fabio, gabi,
    # hugo, iris, leo = 7, of which hugo emptied his. Cart lines need a product: leo added from a
    # category page (no product) and hugo added two, so 10 lines; abandoned lines: carla-1, davi,
    # fabio, gabi, iris = 5 (hugo's were removed; ana's, carla-2's and elisa's were ordered).
    assert [tuple(int(v) for v in row) for row in rows] == [(10, 7, 1, 10, 5)]


def test_products_show_views_carts_removals_and_purchases(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select product_id, view_sessions, cart_lines, removed_cart_lines, purchased_cart_lines,"
        " abandoned_cart_lines from marts.mart_product_performance"
        " where product_id in ('p300', 'p800', 'p1200')",
    )
    assert sorted(rows) == [
        ("p1200", 1, 0, 0, 0, 0),  # leo viewed it; his add was on a category page
        ("p300", 2, 2, 0, 1, 1),  # carla: abandoned on Monday, bought on Wednesday
        ("p800", 1, 1, 1, 0, 0),  # hugo removed it on the cart page
    ]


def test_dropped_session_timeline_is_ordered_and_marks_the_steps_reached(journey: JourneyWarehouse) -> None:
    rows = query(
        journey.warehouse,
        "select timeline.event_seq, timeline.event_type, timeline.page_path, timeline.reached_step_number,"
        " kept.dropped_after_step, kept.session_rank, timeline.seconds_since_start"
        " from marts.mart_dropped_session_events as timeline"
        " inner join marts.mart_dropped_sessions as kept on timeline.session_id = kept.session_id"
        " inner join marts.fct_sessions as sessions on timeline.session_id = sessions.session_id"
        " where sessions.source_session_id = 'leo-1' order by timeline.event_seq",
    )
    # leo-1 (20:00) is the latest of Monday's two sessions dropped after a product view with no
    # error (bruno-1 at 10:00 is the other), so it is first in the pager.
    assert rows == [
        (1, "page_view", "/category/shoes", None, "product_view", 1, 0),
        (2, "add_to_cart", "/category/shoes", None, "product_view", 1, 15),
        (3, "product_view", "/product/p1200", 1, "product_view", 1, 40),
        (4, "page_view", "/cart", None, "product_view", 1, 70),
    ]
    timelines = "select count(distinct session_id) from marts.mart_dropped_session_events"
    sessions = query(journey.warehouse, timelines)
    assert sessions == [(8,)]  # the 8 sessions with a drop-off reason above (fewer than 10 a day)

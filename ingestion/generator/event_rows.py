"""Session shapes expanded into event rows: what each event is and which product, category, search,
order line or error message it concerns. Rows come grouped by session, in the session's order.

Each slot is filled for all sessions at once: a row's position is its session's first row, plus the
events of the earlier slots of that session, plus its rank inside the slot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.event_kinds import Kind
from ingestion.generator.funnel import SLOT, SessionShapes
from ingestion.generator.segments import group_of_elements, index_within, starts_of
from ingestion.generator.session_traits import LANDINGS
from ingestion.generator.web_catalog import WebCatalog
from ingestion.generator.web_orders import WebOrders

LANDING_KIND = np.array(
    [{"home": Kind.HOME, "category": Kind.CATEGORY, "search": Kind.SEARCH_RESULTS, "product": Kind.PRODUCT,
      "account": Kind.ACCOUNT}[name] for name in LANDINGS],
    dtype=np.int8,
)  # fmt: skip
MESSAGES = np.array(sorted(set(ccal.CHECKOUT_ERROR_MESSAGES) | set(ccal.BUYER_ERROR_MESSAGES)), dtype=object)
OUT_OF_STOCK = int(np.flatnonzero(MESSAGES == "Out of stock")[0])


@dataclass
class EventRows:
    """One entry per event; -1 means none (and quantity 0 means none)."""

    session: np.ndarray
    kind: np.ndarray
    product: np.ndarray
    category: np.ndarray
    query: np.ndarray
    message: np.ndarray
    line: np.ndarray  # index into the web orders' lines
    quantity: np.ndarray
    price_cents: np.ndarray
    landing: np.ndarray  # bool: the session's first event (the one its external referrer points to)

    def __len__(self) -> int:
        return len(self.session)


@dataclass(frozen=True)
class SessionContext:
    """What the rows of a session draw on: its web order (-1), landing page and focus category."""

    order: np.ndarray
    landing: np.ndarray
    focus_category: np.ndarray
    buyer: np.ndarray  # bool


def _blank(n: int) -> EventRows:
    # int32 throughout: half the memory traffic of int64 over millions of rows.
    minus = np.full(n, -1, dtype=np.int32)
    return EventRows(
        session=np.empty(n, dtype=np.int32),
        kind=np.empty(n, dtype=np.int8),
        product=minus.copy(),
        category=minus.copy(),
        query=minus.copy(),
        message=np.full(n, -1, dtype=np.int8),
        line=minus.copy(),
        quantity=np.zeros(n, dtype=np.int32),
        price_cents=minus.copy(),
        landing=np.zeros(n, dtype=bool),
    )


class _Builder:
    def __init__(
        self, rng, shapes: SessionShapes, context: SessionContext, catalog: WebCatalog, orders: WebOrders
    ):
        self.rng, self.shapes, self.ctx, self.catalog, self.orders = rng, shapes, context, catalog, orders
        counts = shapes.counts
        self.session_start = starts_of(counts.sum(axis=1))
        self.slot_start = np.cumsum(counts, axis=1) - counts
        self.rows = _blank(int(counts.sum()))
        self.line_start = starts_of(orders.lines_per_order)
        # Adds, one per product added (grouped by session): the product, price and quantity they carry.
        self.adds = counts[:, SLOT["adds"]] // 2
        self.add_start = starts_of(self.adds)

    def slot(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Positions, sessions and rank inside the slot of the rows of one slot."""
        sizes = self.shapes.counts[:, SLOT[name]]
        session = group_of_elements(sizes)
        within = index_within(sizes)
        position = self.session_start[session] + self.slot_start[session, SLOT[name]] + within
        self.rows.session[position] = session
        return position, session, within

    def lines_of(self, session: np.ndarray) -> np.ndarray:
        """Lines of each session's web order; 0 for a session without one (order -1)."""
        return np.append(self.orders.lines_per_order, 0)[self.ctx.order[session]]

    def products_for(self, session: np.ndarray) -> np.ndarray:
        """Products a session looks at: mostly in its focus category, else anywhere in the catalogue."""
        focus = self.ctx.focus_category[session]
        elsewhere = self.rng.choice(
            len(self.catalog.category_weights), len(session), p=self.catalog.category_weights
        )
        stay = self.rng.random(len(session)) < ccal.FOCUS_CATEGORY_SHARE
        return self.catalog.draw_in_category(self.rng, np.where(stay, focus, elsewhere))

    def categories_for(self, session: np.ndarray) -> np.ndarray:
        elsewhere = self.rng.choice(
            len(self.catalog.category_weights), len(session), p=self.catalog.category_weights
        )
        return np.where(
            self.rng.random(len(session)) < ccal.FOCUS_CATEGORY_SHARE,
            self.ctx.focus_category[session],
            elsewhere,
        )

    def set_product(self, position: np.ndarray, product: np.ndarray, price: np.ndarray | None = None) -> None:
        self.rows.product[position] = product
        self.rows.category[position] = self.catalog.product_category[product]
        self.rows.price_cents[position] = self.catalog.price_cents[product] if price is None else price

    def fill_pages(self, position: np.ndarray, session: np.ndarray, kinds: np.ndarray) -> None:
        """Kinds of page rows, with the product, category or query their page is about."""
        self.rows.kind[position] = kinds
        product = kinds == Kind.PRODUCT
        self.set_product(position[product], self.products_for(session[product]))
        category = kinds == Kind.CATEGORY
        self.rows.category[position[category]] = self.categories_for(session[category])


def _fill_landing(b: _Builder) -> None:
    position, session, _ = b.slot("landing")
    b.rows.landing[position] = True
    kinds = LANDING_KIND[b.ctx.landing[session]]
    b.fill_pages(position, session, kinds)
    search = kinds == Kind.SEARCH_RESULTS
    b.rows.query[position[search]] = b.catalog.query_of(b.rng, b.categories_for(session[search]))


def _fill_browse(b: _Builder) -> None:
    position, session, _ = b.slot("browse")
    steps = b.shapes.step_kinds
    per_step = 1 + (steps == Kind.SEARCH)
    kinds = np.repeat(steps, per_step)
    # A search step is two rows: the search, then its results page (same query).
    kinds[index_within(per_step) == 1] = Kind.SEARCH_RESULTS
    b.fill_pages(position, session, kinds)
    step_session = group_of_elements(b.shapes.steps)
    is_search = steps == Kind.SEARCH
    query = np.full(len(steps), -1, dtype=np.int64)
    query[is_search] = b.catalog.query_of(b.rng, b.categories_for(step_session[is_search]))
    b.rows.query[position] = np.repeat(query, per_step)


def _add_contents(b: _Builder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Product, price and quantity of every add; a buyer's first adds are the order's lines, in order."""
    session = group_of_elements(b.adds)
    rank = index_within(b.adds)
    lines = b.lines_of(session)
    is_line = rank < lines
    line = np.where(is_line, np.append(b.line_start, 0)[b.ctx.order[session]] + rank, 0)
    product = b.products_for(session)
    product[is_line] = b.orders.line_product[line[is_line]]
    price = b.catalog.price_cents[product]
    price[is_line] = b.orders.line_price_cents[line[is_line]]
    quantity = np.where(b.rng.random(len(session)) < ccal.TWO_UNITS_SHARE, 2, 1)
    quantity[is_line] = b.orders.line_quantity[line[is_line]]
    return product, price, quantity


def _fill_cart(b: _Builder) -> None:
    product, price, quantity = _add_contents(b)
    position, _, within = b.slot("adds")
    add = b.add_start[b.rows.session[position]] + within // 2
    b.rows.kind[position] = np.where(within % 2 == 0, Kind.PRODUCT, Kind.ADD)
    b.set_product(position, product[add], price[add])
    b.rows.quantity[position] = np.where(within % 2 == 1, quantity[add], 0)

    position, session, _ = b.slot("stock_error")
    b.rows.kind[position] = Kind.STOCK_ERROR
    b.rows.message[position] = OUT_OF_STOCK
    b.set_product(position, b.products_for(session))

    position, _, _ = b.slot("cart")
    b.rows.kind[position] = Kind.CART

    # A buyer removes the extra product added after the order's lines; a visitor, the first ones added.
    position, session, within = b.slot("removes")
    add = b.add_start[session] + b.lines_of(session) + within
    b.rows.kind[position] = Kind.REMOVE
    b.set_product(position, product[add], price[add])
    b.rows.quantity[position] = quantity[add]


def _fill_checkout(b: _Builder) -> None:
    position, _, _ = b.slot("checkout")
    b.rows.kind[position] = Kind.CHECKOUT

    position, session, within = b.slot("checkout_errors")
    is_error = within % 2 == 0
    b.rows.kind[position] = np.where(is_error, Kind.CHECKOUT_ERROR, Kind.RETRY)
    buyer = b.ctx.buyer[session]
    messages = {False: ccal.CHECKOUT_ERROR_MESSAGES, True: ccal.BUYER_ERROR_MESSAGES}
    for is_buyer, shares in messages.items():
        rows = is_error & (buyer == is_buyer)
        names = list(shares)
        picks = b.rng.choice(
            len(names), int(rows.sum()), p=np.array(list(shares.values())) / sum(shares.values())
        )
        b.rows.message[position[rows]] = np.searchsorted(MESSAGES, np.array(names, dtype=object))[picks]

    position, session, within = b.slot("purchase")
    line = b.line_start[b.ctx.order[session]] + within
    b.rows.kind[position] = Kind.PURCHASE
    b.rows.line[position] = line
    b.set_product(position, b.orders.line_product[line], b.orders.line_price_cents[line])
    b.rows.quantity[position] = b.orders.line_quantity[line]

    position, _, _ = b.slot("confirmation")
    b.rows.kind[position] = Kind.CONFIRMATION
    position, _, _ = b.slot("help")
    b.rows.kind[position] = Kind.HELP


def expand_events(
    rng: np.random.Generator,
    shapes: SessionShapes,
    context: SessionContext,
    catalog: WebCatalog,
    orders: WebOrders,
) -> EventRows:
    """Every event of every session, grouped by session in session order."""
    builder = _Builder(rng, shapes, context, catalog, orders)
    _fill_landing(builder)
    _fill_browse(builder)
    _fill_cart(builder)
    _fill_checkout(builder)
    return builder.rows

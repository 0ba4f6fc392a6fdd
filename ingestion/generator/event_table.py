"""Event rows as an Arrow table with the canonical events columns, in the order of the raw contract.

Repeated text (event types, pages, products, users, sessions, dimensions) is a dictionary column: an
integer per row and each distinct value once, which the CSV writer expands in C++. Values that are
the same for a whole session are encoded per session, then spread to its rows in one gather.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from ingestion.generator import event_kinds as kinds
from ingestion.generator.event_rows import MESSAGES, EventRows
from ingestion.generator.event_text import iso_utc, numbered_ids, sequential_ids
from ingestion.generator.session_traits import CAMPAIGNS, REFERRERS, SOURCES, STATES, TECH
from ingestion.generator.web_catalog import WebCatalog
from ingestion.generator.web_orders import WebOrders
from ingestion.raw_tables import EVENT_TABLES

COLUMNS: tuple[str, ...] = EVENT_TABLES["events"].column_names


@dataclass(frozen=True)
class Encoding:
    """Distinct non-empty values, and the code of each original value in them (-1: empty, a null)."""

    dictionary: pa.Array
    code: np.ndarray

    @staticmethod
    def of(values: np.ndarray | list[str]) -> Encoding:
        distinct, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
        kept = distinct != ""
        new_code = np.where(kept, np.cumsum(kept) - 1, -1).astype(np.int32)
        return Encoding(pa.array(distinct[kept], type=pa.string()), new_code[inverse.ravel()])

    @staticmethod
    def unique(values: np.ndarray | pa.Array) -> Encoding:
        """Values already distinct and non-empty (ids): no sorting, code = position."""
        dictionary = (
            values.cast(pa.string()) if isinstance(values, pa.Array) else pa.array(values, type=pa.string())
        )
        return Encoding(dictionary, np.arange(len(dictionary), dtype=np.int32))

    def column(self, indices: np.ndarray) -> pa.DictionaryArray:
        """The column of values by their original index per row (-1: none, a null)."""
        codes = np.append(self.code, np.int32(-1))[indices]
        return _dictionary_array(codes, self.dictionary)


def _dictionary_array(codes: np.ndarray, dictionary: pa.Array) -> pa.DictionaryArray:
    nulls = codes < 0
    # Arrow ignores the index under a null; 0 keeps every index in range all the same.
    indices = pa.array(np.maximum(codes, 0, out=codes), mask=nulls) if nulls.any() else pa.array(codes)
    return pa.DictionaryArray.from_arrays(indices, dictionary)


def _per_session(session: np.ndarray, session_values: np.ndarray, names: np.ndarray) -> pa.DictionaryArray:
    """A column whose value belongs to the session: encoded per session, then spread to the rows."""
    encoding = Encoding.of(names)
    codes = np.append(encoding.code, np.int32(-1))[session_values]  # -1 (unknown): a null
    if (codes >= 0).all():  # no nulls: skip the row-level null mask altogether
        return pa.DictionaryArray.from_arrays(pa.array(codes[session]), encoding.dictionary)
    return _dictionary_array(codes[session], encoding.dictionary)


def _money(cents: np.ndarray, known: np.ndarray) -> pa.DictionaryArray:
    """Amounts in cents as '129.90' text: each distinct price (those in `known`) is formatted once."""
    distinct = np.unique(known)
    text = [f"{c // 100}.{c % 100:02d}" for c in distinct.tolist()]
    # A lookup table by cents (a few MB: prices stay below R$ 100,000) beats a search per row.
    lookup = np.full(int(distinct.max(initial=0)) + 2, -1, dtype=np.int32)  # last entry: cents -1
    lookup[distinct] = np.arange(len(distinct), dtype=np.int32)
    return _dictionary_array(lookup[cents], pa.array(text, type=pa.string()))


@dataclass(frozen=True)
class SessionColumns:
    """Session-level values the events repeat: the session id's number, the user and dimensions."""

    number: np.ndarray  # session ids are numbered in order of start
    user: np.ndarray  # index into user_ids
    tech: np.ndarray
    region: np.ndarray
    source: np.ndarray
    campaign: np.ndarray
    referrer: np.ndarray


def _page_paths(rows: EventRows, catalog: WebCatalog) -> pa.DictionaryArray:
    """The page of every row: a fixed page, or the page of its category, search or product."""
    n_categories, n_queries = len(catalog.category_names), len(catalog.queries)
    paths = np.concatenate(
        [
            np.array(kinds.FIXED_PATHS, dtype=object),
            "/category/" + catalog.category_names.astype(str).astype(object),
            "/search?q=" + np.char.replace(catalog.queries.astype(str), " ", "+").astype(object),
            "/product/" + catalog.product_ids.astype(str).astype(object),
        ]
    )
    code = kinds.FIXED_PATH_OF_KIND[rows.kind]
    category_page = rows.kind == kinds.Kind.CATEGORY
    code[category_page] = len(kinds.FIXED_PATHS) + rows.category[category_page]
    search_page = np.isin(rows.kind, kinds.SEARCH_PAGE_KINDS)
    code[search_page] = len(kinds.FIXED_PATHS) + n_categories + rows.query[search_page]
    product_page = np.isin(rows.kind, kinds.PRODUCT_PAGE_KINDS)
    code[product_page] = len(kinds.FIXED_PATHS) + n_categories + n_queries + rows.product[product_page]
    return _dictionary_array(code, Encoding.unique(paths).dictionary)


def _element_texts(rows: EventRows) -> pa.DictionaryArray:
    """The element's label, or for an error the message it shows."""
    names = np.concatenate([kinds.ELEMENT_TEXTS, MESSAGES])
    index = kinds.ELEMENT_TEXT_OF_KIND[rows.kind]
    error = rows.message >= 0
    index[error] = len(kinds.ELEMENT_TEXTS) + rows.message[error]  # messages follow the kinds' texts
    return Encoding.of(names).column(index)


def event_table(
    rows: EventRows,
    times: np.ndarray,
    sessions: SessionColumns,
    user_ids: pa.Array,
    catalog: WebCatalog,
    orders: WebOrders,
    tag: str,
) -> pa.Table:
    """The canonical events table of `rows` (already in file order); event ids number the rows."""
    n = len(rows)
    session = rows.session
    kind = rows.kind
    order = np.append(orders.line_order, -1)[rows.line]  # line -1 (not a purchase): no order
    digits = max(8, len(str(max(len(sessions.number) - 1, 1))))
    session_ids = numbered_ids(f"s{tag}", sessions.number, digits)
    columns = {
        "event_id": sequential_ids(f"e{tag}", n, 10),
        "event_time": iso_utc(times),
        "user_id": _dictionary_array(
            sessions.user.astype(np.int32)[session], Encoding.unique(user_ids).dictionary
        ),
        "session_id": _dictionary_array(session.astype(np.int32), Encoding.unique(session_ids).dictionary),
        "event_type": Encoding.of(kinds.EVENT_TYPES).column(kinds.EVENT_TYPE_OF_KIND[kind]),
        "page_path": _page_paths(rows, catalog),
        "page_type": Encoding.of(kinds.PAGE_TYPES).column(kinds.PAGE_TYPE_OF_KIND[kind]),
        "product_id": Encoding.unique(catalog.product_ids).column(rows.product),
        "category": Encoding.unique(catalog.category_names).column(rows.category),
        "brand": pa.nulls(n, pa.string()),  # Olist has no brands
        "price": _money(rows.price_cents, np.concatenate([catalog.price_cents, orders.line_price_cents])),
        "quantity": pa.array(rows.quantity, mask=rows.quantity == 0),
        "order_id": Encoding.unique(orders.order_ids).column(order),
        "customer_id": Encoding.of(orders.customer_unique_ids).column(order),
        "search_query": Encoding.unique(catalog.queries).column(rows.query),
        "element": Encoding.of(kinds.ELEMENTS).column(kinds.ELEMENT_OF_KIND[kind]),
        "element_text": _element_texts(rows),
        "value": pa.nulls(n, pa.string()),
        "browser": _per_session(session, sessions.tech, TECH[:, 2]),
        "os": _per_session(session, sessions.tech, TECH[:, 1]),
        "device_type": _per_session(session, sessions.tech, TECH[:, 0]),
        "country": _dictionary_array(np.zeros(n, dtype=np.int32), pa.array(["BR"])),
        "region": _per_session(session, sessions.region, STATES),
        "traffic_source": _per_session(session, sessions.source, SOURCES),
        # The external referrer is the landing page's; the pages after it were reached inside the shop.
        "referrer": Encoding.of(REFERRERS).column(np.where(rows.landing, sessions.referrer[session], -1)),
        "utm_campaign": _per_session(session, sessions.campaign, CAMPAIGNS),
    }
    assert tuple(columns) == COLUMNS, "the table must follow the raw contract's column order"
    return pa.table(columns)

"""What a generated event can be: each kind's event_type, page_type, page, element and dwell time.

Kinds are small integers so that 10M events stay numpy arrays until they are written; the canonical
text (contract 2 of the events format) is attached only at the end, as dictionary columns.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Kind(IntEnum):
    HOME = 0
    CATEGORY = 1
    SEARCH = 2  # the search itself (the query), then its results page
    SEARCH_RESULTS = 3
    PRODUCT = 4
    ADD = 5
    CART = 6
    REMOVE = 7
    CHECKOUT = 8
    RETRY = 9  # back into checkout after an error
    CHECKOUT_ERROR = 10
    STOCK_ERROR = 11  # 'Out of stock' on a product page
    PURCHASE = 12  # one per order line
    CONFIRMATION = 13
    ACCOUNT = 14
    HELP = 15


# Fixed pages, in the order of the page_path dictionary; category, search and product pages follow.
FIXED_PATHS = ("/", "/cart", "/checkout", "/checkout/confirmation", "/account/orders", "/help")
HOME_PATH, CART_PATH, CHECKOUT_PATH, CONFIRMATION_PATH, ACCOUNT_PATH, HELP_PATH = range(len(FIXED_PATHS))

# kind: (event_type, page_type, fixed page or None, element, element_text, dwell key)
_KINDS: dict[Kind, tuple[str, str, int | None, str, str, str]] = {
    Kind.HOME: ("page_view", "home", HOME_PATH, "", "", "home"),
    Kind.CATEGORY: ("page_view", "category", None, "", "", "category"),
    Kind.SEARCH: ("search", "search", None, "form.search", "", "search"),
    Kind.SEARCH_RESULTS: ("page_view", "search", None, "", "", "search_results"),
    Kind.PRODUCT: ("product_view", "product", None, "", "", "product"),
    Kind.ADD: ("add_to_cart", "product", None, "button.add-to-cart", "Add to cart", "add"),
    Kind.CART: ("page_view", "cart", CART_PATH, "", "", "cart"),
    Kind.REMOVE: ("remove_from_cart", "cart", CART_PATH, "button.remove-from-cart", "Remove", "remove"),
    Kind.CHECKOUT: ("begin_checkout", "checkout", CHECKOUT_PATH, "button.checkout", "Checkout", "checkout"),
    Kind.RETRY: ("begin_checkout", "checkout", CHECKOUT_PATH, "button.retry", "Try again", "retry"),
    Kind.CHECKOUT_ERROR: ("error", "checkout", CHECKOUT_PATH, "div.error-message", "", "error"),
    Kind.STOCK_ERROR: ("error", "product", None, "div.error-message", "Out of stock", "error"),
    Kind.PURCHASE: ("purchase", "checkout", CHECKOUT_PATH, "button.place-order", "Place order", "purchase"),
    Kind.CONFIRMATION: ("page_view", "confirmation", CONFIRMATION_PATH, "", "", "confirmation"),
    Kind.ACCOUNT: ("page_view", "account", ACCOUNT_PATH, "", "", "account"),
    Kind.HELP: ("page_view", "help", HELP_PATH, "", "", "help"),
}


def _texts(position: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of one attribute, and each kind's code into them."""
    values = [spec[position] for spec in _KINDS.values()]
    names = sorted(set(values))
    return np.array(names, dtype=object), np.array([names.index(v) for v in values], dtype=np.int32)


EVENT_TYPES, EVENT_TYPE_OF_KIND = _texts(0)
PAGE_TYPES, PAGE_TYPE_OF_KIND = _texts(1)
ELEMENTS, ELEMENT_OF_KIND = _texts(3)
ELEMENT_TEXTS, ELEMENT_TEXT_OF_KIND = _texts(4)
DWELL_KEYS: tuple[str, ...] = tuple(spec[5] for spec in _KINDS.values())
FIXED_PATH_OF_KIND = np.array([-1 if s[2] is None else s[2] for s in _KINDS.values()], dtype=np.int32)
PRODUCT_PAGE_KINDS = np.array([Kind.PRODUCT, Kind.ADD, Kind.STOCK_ERROR], dtype=np.int8)
SEARCH_PAGE_KINDS = np.array([Kind.SEARCH, Kind.SEARCH_RESULTS], dtype=np.int8)

assert list(_KINDS) == list(Kind), "the kind table must list every Kind, in order"

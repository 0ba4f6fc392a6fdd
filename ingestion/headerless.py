"""Recognising a headerless file by the shape of its first record, for formats exported without a header.

REES46 exports come with or without a header row. Without one, the first line is already data, so
the format is recognised from what that record looks like: nine fields, a ` UTC` time first, then
an event type, numeric ids, a price. The test is strict on purpose: it decides how a whole file is
read, and a record that merely has nine fields must not pass for an event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_REES46_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}( UTC)?")
_WORD = re.compile(r"[a-z_]+")
_DIGITS = re.compile(r"\d+")
_PRICE = re.compile(r"(\d+(\.\d*)?|\.\d+)?")  # may be empty
REES46_FIELDS = 9


def looks_like_rees46_record(fields: Sequence[str]) -> bool:
    """event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session."""
    if len(fields) != REES46_FIELDS:
        return False
    event_time, event_type, product_id, category_id, _, _, price, user_id, _ = fields
    return bool(
        _REES46_TIME.fullmatch(event_time)
        and _WORD.fullmatch(event_type)
        and _DIGITS.fullmatch(product_id)
        and (category_id == "" or _DIGITS.fullmatch(category_id))
        and _PRICE.fullmatch(price)
        and _DIGITS.fullmatch(user_id)
    )

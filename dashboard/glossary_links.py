"""Links from a chart to its metric's entry in the Metric glossary page.

Each glossary entry (one metric label, see mart_metric_glossary) carries a stable anchor made from
its label alone, so a link written under a chart keeps working whatever mart the metric comes from.
"""

from __future__ import annotations

import re

GLOSSARY_PAGE = "glossary"  # the page's url path (st.Page of views/glossary.py)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def metric_anchor(metric_label: str) -> str:
    """The glossary entry's anchor: 'Conversion rate' -> 'metric-conversion-rate'."""
    return "metric-" + _NOT_SLUG.sub("-", metric_label.lower()).strip("-")


def glossary_url(metric_label: str) -> str:
    """The entry's address, relative so it works under any base URL: 'glossary#metric-conversion-rate'."""
    return f"{GLOSSARY_PAGE}#{metric_anchor(metric_label)}"


def glossary_link(metric_label: str) -> str:
    """A markdown link to the entry, for st.caption / st.markdown under a chart:
    '[Conversion rate: definition](glossary#metric-conversion-rate)'."""
    return f"[{metric_label}: definition]({glossary_url(metric_label)})"

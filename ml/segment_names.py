"""Names for customer clusters, read from where each centroid lies, never from the cluster number.

A centroid is given in standard units of the transformed RFM features (0 = the average customer):
recency in days (lower is more recent), frequency in orders and monetary in revenue. Valuable means
high-spending or frequent (monetary or frequency >= HIGH). The rule, in this order:
- recent (recency <= RECENT) and high-spending: Champions
- recent and frequent: Loyal customers
- recent otherwise: Recent customers
- not yet gone (recency < GONE) and valuable: Promising
- not yet gone otherwise: Occasional customers
- gone and valuable: At risk (worth winning back)
- long gone (recency >= LOST): Lost
- otherwise: Hibernating
Clusters that land on the same name are told apart by spend: "(higher spend)", "(lower spend)", or
"(spend tier i of n)" for more than two.
"""

from __future__ import annotations

import pandas as pd

HIGH = 0.5
RECENT = -0.25
GONE = 0.5
LOST = 1.0


def centroid_name(recency: float, frequency: float, monetary: float) -> str:
    valuable = monetary >= HIGH or frequency >= HIGH
    if recency <= RECENT:
        if monetary >= HIGH:
            return "Champions"
        return "Loyal customers" if frequency >= HIGH else "Recent customers"
    if recency < GONE:
        return "Promising" if valuable else "Occasional customers"
    if valuable:
        return "At risk"
    return "Lost" if recency >= LOST else "Hibernating"


def segment_names(centroids: pd.DataFrame) -> pd.Series:
    """A unique name per centroid row (columns recency, frequency, monetary in standard units)."""
    names = pd.Series(
        [centroid_name(r.recency, r.frequency, r.monetary) for r in centroids.itertuples()],
        index=centroids.index,
    )
    for name, rows in names.groupby(names).groups.items():
        if len(rows) < 2:
            continue
        by_spend = centroids.loc[rows, "monetary"].sort_values(ascending=False).index
        tiers = ["higher spend", "lower spend"] if len(rows) == 2 else None
        for i, row in enumerate(by_spend):
            tier = tiers[i] if tiers else f"spend tier {i + 1} of {len(rows)}"
            names[row] = f"{name} ({tier})"
    return names

"""Customer segments: KMeans on the RFM of every customer as of T, named from the centroids.

Recency (days since the last order), frequency (orders) and monetary (revenue) before T are
log-transformed (log1p: a few customers spend or order far more than the rest) and standardised.
k is the one of 3..8 with the best silhouette (computed on a seeded sample of at most 10,000
customers). Customers whose orders hold no items (unavailable or canceled before anything was
bought) have no spend to cluster: they are the segment "No completed purchase", with no cluster.
The rule-based RFM segment of marts.mart_customer_rfm stands beside each one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import psycopg
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from ml.customer_features import customer_features
from ml.frames import read_frame
from ml.history import History
from ml.runs import REFUSED, TRAINED, ModelRun
from ml.segment_names import segment_names

MODEL = "segments"
K_RANGE = range(3, 9)
SILHOUETTE_SAMPLE = 10_000
RFM = ["recency_days", "orders", "revenue"]
MIN_CUSTOMERS = 10 * max(K_RANGE)
NO_PURCHASE = "No completed purchase"

RULE_BASED = """
select customer_unique_id, rfm_segment, as_of_date as rfm_as_of_date
from marts.mart_customer_rfm
"""


def _transformed(rfm: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    logged = np.log1p(rfm.to_numpy(dtype=float))
    mean, std = logged.mean(axis=0), logged.std(axis=0)
    return (logged - mean) / np.where(std > 0, std, 1.0), mean, std


def train_segments(conn: psycopg.Connection, history: History, seed: int) -> ModelRun:
    as_of = history.as_of
    everyone = customer_features(history, as_of).loc[:, RFM]
    rfm = everyone[everyone["revenue"] > 0]
    metrics = {
        "model": MODEL,
        "as_of_date": as_of.date,
        "rows_seen": len(history.orders),
        "data_from": history.date_range[0],
        "data_to": history.date_range[1],
        "n_train": len(rfm),
        "seed": seed,
    }
    if len(rfm) < MIN_CUSTOMERS:
        message = f"{MODEL}: {len(rfm):,} customers are too few to cluster (at least {MIN_CUSTOMERS})"
        return ModelRun(MODEL, REFUSED, message, metrics)
    x, mean, std = _transformed(rfm)
    sample = min(SILHOUETTE_SAMPLE, len(x))
    fits, silhouettes = {}, {}
    for k in K_RANGE:
        fits[k] = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x)
        silhouettes[k] = float(silhouette_score(x, fits[k].labels_, sample_size=sample, random_state=seed))
    k = max(silhouettes, key=lambda c: silhouettes[c])
    fit = fits[k]
    centroids_z = pd.DataFrame(fit.cluster_centers_, columns=["recency", "frequency", "monetary"])
    names = segment_names(centroids_z)
    centres = np.expm1(fit.cluster_centers_ * std + mean)
    labels = fit.labels_
    customers = pd.DataFrame(
        {
            "customer_unique_id": rfm.index,
            "as_of_date": as_of.date,
            "recency_days": rfm["recency_days"].round().astype(int).to_numpy(),
            "frequency": rfm["orders"].astype(int).to_numpy(),
            "monetary": rfm["revenue"].round(2).to_numpy(),
            "cluster_id": labels,
            "segment": names.to_numpy()[labels],
        }
    )
    without_purchase = everyone[everyone["revenue"] <= 0]
    customers = pd.concat(
        [
            customers,
            pd.DataFrame(
                {
                    "customer_unique_id": without_purchase.index,
                    "as_of_date": as_of.date,
                    "recency_days": without_purchase["recency_days"].round().astype(int).to_numpy(),
                    "frequency": without_purchase["orders"].astype(int).to_numpy(),
                    "monetary": 0.0,
                    "cluster_id": None,
                    "segment": NO_PURCHASE,
                }
            ),
        ],
        ignore_index=True,
    )
    customers["cluster_id"] = customers["cluster_id"].astype("Int64")
    customers = customers.merge(read_frame(conn, RULE_BASED), on="customer_unique_id", how="left")
    sizes = np.bincount(labels, minlength=k)
    revenue = customers.groupby("cluster_id")["monetary"].sum().reindex(range(k)).to_numpy()
    centroids = pd.DataFrame(
        {
            "cluster_id": np.arange(k),
            "segment": names.to_numpy(),
            "as_of_date": as_of.date,
            "customers": sizes,
            "customer_share": sizes / sizes.sum(),
            "revenue": revenue.round(2),
            "recency_days": centres[:, 0].round(1),
            "frequency": centres[:, 1].round(3),
            "monetary": centres[:, 2].round(2),
            "recency_z": centroids_z["recency"].round(4),
            "frequency_z": centroids_z["frequency"].round(4),
            "monetary_z": centroids_z["monetary"].round(4),
        }
    )
    metrics |= {
        "algorithm": "kmeans",
        "clusters": k,
        "silhouette": silhouettes[k],
        "split_rule": "silhouette by k: " + ", ".join(f"k={c}: {s:.3f}" for c, s in silhouettes.items()),
    }
    message = (
        f"{MODEL}: {k} clusters (best silhouette {silhouettes[k]:.3f} over k = 3..8) of {len(rfm):,} "
        f"customers: {', '.join(names)}"
    )
    return ModelRun(
        MODEL,
        TRAINED,
        message,
        metrics,
        {"ml_customer_segments": customers, "ml_segment_centroids": centroids},
    )

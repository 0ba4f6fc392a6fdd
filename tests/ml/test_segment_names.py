"""Segments are named from where their centroid lies, whatever the cluster numbers are."""

from __future__ import annotations

import pandas as pd

from ml.segment_names import centroid_name, segment_names


def test_recent_high_spenders_are_champions_and_the_long_gone_are_lost() -> None:
    assert centroid_name(recency=-1.2, frequency=0.0, monetary=1.1) == "Champions"
    assert centroid_name(recency=-0.8, frequency=2.0, monetary=0.1) == "Loyal customers"
    assert centroid_name(recency=-0.9, frequency=-0.2, monetary=-0.3) == "Recent customers"
    assert centroid_name(recency=0.2, frequency=-0.2, monetary=0.9) == "Promising"
    assert centroid_name(recency=0.1, frequency=-0.2, monetary=-0.4) == "Occasional customers"
    assert centroid_name(recency=0.9, frequency=3.0, monetary=0.2) == "At risk"
    assert centroid_name(recency=0.7, frequency=-0.2, monetary=-0.5) == "Hibernating"
    assert centroid_name(recency=1.6, frequency=-0.2, monetary=-0.5) == "Lost"


def test_names_follow_the_centroids_not_the_cluster_numbers() -> None:
    centroids = pd.DataFrame(
        {"recency": [1.6, -1.2, 0.1], "frequency": [-0.2, 0.3, -0.2], "monetary": [-0.5, 1.1, -0.4]}
    )
    names = segment_names(centroids)
    shuffled = segment_names(centroids.iloc[[2, 0, 1]].reset_index(drop=True))
    assert list(names) == ["Lost", "Champions", "Occasional customers"]
    assert list(shuffled) == ["Occasional customers", "Lost", "Champions"]


def test_clusters_with_the_same_name_are_told_apart_by_spend() -> None:
    centroids = pd.DataFrame(
        {"recency": [1.5, 1.8, -1.0], "frequency": [-0.2, -0.2, -0.2], "monetary": [-0.9, 0.2, 0.0]}
    )
    assert list(segment_names(centroids)) == ["Lost (lower spend)", "Lost (higher spend)", "Recent customers"]

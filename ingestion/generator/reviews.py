"""Reviews: a score that follows the delivery experience, texts, dates, and Olist's id quirks.

Most orders get one review; a few get none, a few get a second one, and a few reviews are attached to
a second order too (same review_id, same text), so review_id alone is not a key.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator.identifiers import hex_ids
from ingestion.generator.review_texts import ReviewTexts, sentiment_of_score
from ingestion.generator.sampling import probabilities, quirk_mask

DAY_S = 86_400


def _experience(orders: pd.DataFrame) -> np.ndarray:
    delivered = orders["order_delivered_customer_date"].to_numpy()
    estimated = orders["order_estimated_delivery_date"].to_numpy()
    has_date = ~np.isnat(delivered)
    late = has_date & (delivered > estimated)
    return np.where(~has_date, "not_delivered", np.where(late, "late", "on_time"))


def _scores(rng: np.random.Generator, experience: np.ndarray) -> np.ndarray:
    score = np.empty(len(experience), dtype=np.int64)
    for key, shares in cal.REVIEW_SCORE_SHARES.items():
        rows = np.flatnonzero(experience == key)
        score[rows] = rng.choice(np.arange(1, 6), size=len(rows), p=probabilities(shares))
    return score


def _review_records(
    rng: np.random.Generator, texts: ReviewTexts, orders: pd.DataFrame, order_row: np.ndarray
) -> pd.DataFrame:
    """One new review (fresh id) for each order in `order_row` (an order may appear twice)."""
    n = len(order_row)
    experience = _experience(orders)[order_row]
    score = _scores(rng, experience)
    sentiment = sentiment_of_score(score)
    message_p = np.array(cal.REVIEW_MESSAGE_SHARE_BY_SCORE)[score - 1]
    has_message = rng.random(n) < message_p
    # Multi-line messages are a share of all records, so a larger share of those with a message.
    multiline_p = cal.REVIEW_MULTILINE_SHARE / max(has_message.mean(), 1e-9)
    multiline = has_message & (rng.random(n) < multiline_p)
    multiline |= quirk_mask(rng, has_message, 0.0)  # at least one, even in a tiny shop
    has_title = rng.random(n) < cal.REVIEW_TITLE_SHARE
    titles = np.where(has_title, texts.draw_titles(rng, sentiment), None)
    messages = np.where(has_message, texts.draw_messages(rng, sentiment, multiline), None)

    delivered = orders["order_delivered_customer_date"].to_numpy()[order_row]
    estimated = orders["order_estimated_delivery_date"].to_numpy()[order_row]
    basis = np.where(np.isnat(delivered), estimated, delivered).astype("datetime64[D]")
    created = basis + np.timedelta64(1, "D")
    # Olist quirk: some reviews are dated before the delivery they review.
    early = quirk_mask(rng, ~np.isnat(delivered), cal.REVIEW_BEFORE_DELIVERY_SHARE)
    created[early] -= rng.integers(2, 12, int(early.sum())).astype("timedelta64[D]")
    created = created.astype("datetime64[s]")
    answer_s = np.maximum(600, rng.lognormal(cal.REVIEW_ANSWER_LOG_MEAN, cal.REVIEW_ANSWER_LOG_SD, n) * DAY_S)
    return pd.DataFrame(
        {
            "review_id": hex_ids(rng, n),
            "order_id": orders["order_id"].to_numpy()[order_row],
            "review_score": score,
            "review_comment_title": titles,
            "review_comment_message": messages,
            "review_creation_date": created,
            "review_answer_timestamp": created + answer_s.astype(np.int64).astype("timedelta64[s]"),
        }
    )


def build_reviews(rng: np.random.Generator, texts: ReviewTexts, orders: pd.DataFrame) -> pd.DataFrame:
    n = len(orders)
    everyone = np.ones(n, dtype=bool)
    reviewed = np.flatnonzero(~quirk_mask(rng, everyone, cal.ORDERS_WITHOUT_REVIEW_SHARE, minimum=0))
    second = np.flatnonzero(
        quirk_mask(rng, np.isin(np.arange(n), reviewed), cal.ORDERS_WITH_SECOND_REVIEW_SHARE)
    )
    reviews = _review_records(rng, texts, orders, np.concatenate([reviewed, second]))
    # A second review comes later than the first.
    later = np.arange(len(reviewed), len(reviews))
    shift = rng.integers(1, 20, len(later)).astype("timedelta64[D]").astype("timedelta64[s]")
    for column in ("review_creation_date", "review_answer_timestamp"):
        values = reviews[column].to_numpy().copy()
        values[later] += shift
        reviews[column] = values
    reviews = pd.concat([reviews, _shared_reviews(rng, reviews, orders)], ignore_index=True)
    return reviews.iloc[rng.permutation(len(reviews))].reset_index(drop=True)


def _shared_reviews(rng: np.random.Generator, reviews: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Copies of a few reviews attached to another order: the same review_id on two orders."""
    if len(orders) < 2 or len(reviews) == 0:
        return reviews.iloc[0:0]
    source = np.flatnonzero(quirk_mask(rng, np.ones(len(reviews), dtype=bool), cal.SHARED_REVIEW_SHARE))
    copies = reviews.iloc[source].copy()
    order_ids = orders["order_id"].to_numpy()
    target = order_ids[rng.integers(0, len(orders), len(copies))]
    # Never attach a review to its own order again: (review_id, order_id) stays unique.
    clash = target == copies["order_id"].to_numpy()
    target[clash] = order_ids[(pd.Index(order_ids).get_indexer(target[clash]) + 1) % len(order_ids)]
    copies["order_id"] = target
    return copies


def bad_experiences(orders: pd.DataFrame, reviews: pd.DataFrame) -> np.ndarray:
    """Per order (in `orders`' row order): delivered late or never, or reviewed with 1-2 stars."""
    worst_score = reviews.groupby("order_id")["review_score"].min()
    score = worst_score.reindex(orders["order_id"]).to_numpy(dtype=float)
    return (_experience(orders) != "on_time") | (score <= cal.BAD_REVIEW_SCORE_MAX)

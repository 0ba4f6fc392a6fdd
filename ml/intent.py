"""Purchase intent: will a web session buy, judged from what is known early in it?

Event sessions: scored at their Nth event (N = first_events, default 3) from those N events (what
they were, how fast they came), the traffic source, device, visitor type and landing page. A session
that ended or bought before its Nth event is never scored: nothing was left to predict. The later
sessions (the last fifth, by start day) are held out. UCI Online Shoppers sessions have other
columns (page counts and durations over the whole visit) and only a month, so they get their own
model, held out by month; their PageValues column is left out because it is computed from the
purchases of the pages visited, the session's own included.

Both use sessions that were over before T only, and are judged against the baseline "the traffic
source's conversion rate in the training sessions".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import psycopg

from ml.asof import AsOf
from ml.classifiers import CALIBRATION, choose_and_calibrate, feature_importances
from ml.errors import TooLittleData
from ml.evaluation import calibration_table, importance_rows, judge, prefixed, top_flags
from ml.frames import read_frame
from ml.runs import REFUSED, TRAINED, ModelRun

EVENTS_MODEL = "intent_events"
UCI_MODEL = "intent_uci"
DEFAULT_FIRST_EVENTS = 3
TEST_SHARE = 0.2
MIN_CLASS_SIZE = 30
BASELINE = "conversion rate of the session's traffic source in the training sessions"

EVENT_SESSIONS = """
with sessions as (
    select session_id, started_at, session_date, traffic_source, device_type, visitor_type,
        landing_page_type, hour_of_day, is_weekend, session_number, converted
    from marts.fct_sessions
    where source = 'events' and ended_at < %(over_before)s
),
first_events as (
    select
        session_id,
        count(*) as observed,
        bool_or(is_purchase) as bought,
        count(*) filter (where event_type = 'page_view') as page_views,
        count(*) filter (where event_type = 'product_view') as product_views,
        count(*) filter (where event_type = 'search') as searches,
        count(*) filter (where event_type = 'add_to_cart') as adds_to_cart,
        count(*) filter (where event_type = 'remove_from_cart') as removes_from_cart,
        count(*) filter (where event_type = 'begin_checkout') as checkouts,
        count(*) filter (where event_type = 'error') as errors,
        extract(epoch from max(event_time) - min(event_time)) as seconds_to_nth_event
    from intermediate.int_events_sessionized
    where event_seq <= %(first_events)s and event_source = 'events'
    group by session_id
)
select
    sessions.*,
    first_events.page_views,
    first_events.product_views,
    first_events.searches,
    first_events.adds_to_cart,
    first_events.removes_from_cart,
    first_events.checkouts,
    first_events.errors,
    first_events.seconds_to_nth_event
from sessions
inner join first_events on sessions.session_id = first_events.session_id
where first_events.observed = %(first_events)s and not first_events.bought
order by sessions.started_at, sessions.session_id
"""

EVENT_FEATURES: dict[str, str] = {
    "page_views": "page views among the first events",
    "product_views": "product views among the first events",
    "searches": "searches among the first events",
    "adds_to_cart": "adds to cart among the first events",
    "removes_from_cart": "removals from the cart among the first events",
    "checkouts": "checkouts begun among the first events",
    "errors": "errors among the first events",
    "seconds_to_nth_event": "seconds from the first to the Nth event",
    "previous_sessions": "the visitor's earlier sessions",
    "hour_of_day": "hour the session started (shop time)",
    "is_weekend": "started on a weekend (1 = yes)",
    "traffic_source": "traffic source",
    "device_type": "device type",
    "visitor_type": "new or returning visitor",
    "landing_page_type": "type of the landing page",
}
EVENT_CATEGORIES = ["traffic_source", "device_type", "visitor_type", "landing_page_type"]

UCI_SESSIONS = """
select session_id, month_of_year, administrative_pages, administrative_duration_seconds,
    informational_pages, informational_duration_seconds, product_related_pages,
    product_related_duration_seconds, bounce_rate, exit_rate, special_day_closeness, is_weekend, os,
    browser, region, traffic_source, visitor_type, converted
from marts.fct_sessions
where source = 'uci'
order by session_id
"""

UCI_FEATURES: dict[str, str] = {
    "administrative_pages": "administrative pages visited",
    "administrative_duration_seconds": "seconds on administrative pages",
    "informational_pages": "informational pages visited",
    "informational_duration_seconds": "seconds on informational pages",
    "product_related_pages": "product pages visited",
    "product_related_duration_seconds": "seconds on product pages",
    "bounce_rate": "average bounce rate of the pages visited",
    "exit_rate": "average exit rate of the pages visited",
    "special_day_closeness": "closeness to a special day (0-1)",
    "is_weekend": "on a weekend (1 = yes)",
    "os": "operating system (UCI code)",
    "browser": "browser (UCI code)",
    "region": "region (UCI code)",
    "traffic_source": "traffic type (UCI code)",
    "visitor_type": "visitor type",
}
UCI_CATEGORIES = ["os", "browser", "region", "traffic_source", "visitor_type"]


def _require(y: np.ndarray, model: str, part: str) -> None:
    bought, not_bought = int(y.sum()), int((y == 0).sum())
    if min(bought, not_bought) < MIN_CLASS_SIZE:
        raise TooLittleData(
            f"{model}: {bought:,} of {len(y):,} {part} sessions converted; the model needs at least "
            f"{MIN_CLASS_SIZE} sessions that bought and {MIN_CLASS_SIZE} that did not; no scores were "
            "written."
        )


def _source_rate_baseline(train: pd.DataFrame, y_train: np.ndarray, test: pd.DataFrame) -> np.ndarray:
    rates = pd.Series(y_train, index=train.index).groupby(train["traffic_source"].astype(str)).mean()
    return test["traffic_source"].astype(str).map(rates).fillna(y_train.mean()).to_numpy(dtype=float)


def _fit_and_judge(
    model: str,
    frame: pd.DataFrame,
    is_test: np.ndarray,
    features: dict[str, str],
    categorical: list[str],
    metrics: dict,
    seed: int,
) -> ModelRun:
    """Train on the earlier sessions, judge on the later ones, score them all."""
    y = frame["converted"].astype(int).to_numpy()
    x = frame.loc[:, list(features)].copy()
    for column in categorical:
        x[column] = x[column].fillna("unknown").astype(str)
    numeric = [c for c in features if c not in categorical]
    x[numeric] = x[numeric].astype(float)
    train_x, test_x, y_train, y_test = x[~is_test], x[is_test], y[~is_test], y[is_test]
    try:
        _require(y_train, model, "training")
        _require(y_test, model, "held-out")
    except TooLittleData as refusal:
        return ModelRun(model, REFUSED, str(refusal), metrics)
    chosen = choose_and_calibrate(
        train_x, y_train, test_x, y_test, numeric=numeric, categorical=categorical, seed=seed
    )
    probability = chosen.probability(test_x)
    baseline = _source_rate_baseline(train_x, y_train, test_x)
    flagged = int(round(y_train.mean() * len(y_test)))
    model_scores = judge(y_test, probability, top_flags(probability, flagged))
    baseline_scores = judge(y_test, baseline, top_flags(baseline, flagged))
    metrics |= {
        "algorithm": chosen.name,
        "calibration": CALIBRATION,
        "n_train": len(y_train),
        "n_test": len(y_test),
        "positives_train": int(y_train.sum()),
        "positives_test": int(y_test.sum()),
        "base_rate": float(y_test.mean()),
        "flagged": flagged,
        "threshold": float(np.sort(probability)[::-1][flagged - 1]) if flagged else None,
        **prefixed("", model_scores),
        **prefixed("baseline_", baseline_scores),
        "beats_baseline": model_scores.roc_auc > baseline_scores.roc_auc,
        "logistic_regression_roc_auc": chosen.candidate_roc_auc["logistic_regression"],
        "gradient_boosting_roc_auc": chosen.candidate_roc_auc["hist_gradient_boosting"],
        "baseline": BASELINE,
        "seed": seed,
    }
    calibration = calibration_table(y_test, probability).assign(model=model)
    scores = pd.DataFrame(
        {
            "session_id": frame["session_id"].to_numpy(),
            "model": model,
            "split": np.where(is_test, "test", "train"),
            "purchase_probability": chosen.probability(x),
            "converted": y.astype(bool),
        }
    )
    message = (
        f"{model}: trained {chosen.name}: held-out ROC AUC {model_scores.roc_auc:.3f} vs "
        f"{baseline_scores.roc_auc:.3f} for the traffic source's rate ({int(y_test.sum()):,} of "
        f"{len(y_test):,} held-out sessions converted); scored {len(scores):,} sessions"
    )
    return ModelRun(
        model,
        TRAINED,
        message,
        metrics,
        {"scores": scores},
        importances=importance_rows(model, feature_importances(chosen, test_x, y_test, seed), features),
        calibration=calibration,
    )


def train_event_intent(conn: psycopg.Connection, as_of: AsOf, first_events: int, seed: int) -> ModelRun:
    frame = read_frame(
        conn,
        EVENT_SESSIONS,
        {"over_before": as_of.sessions_over_before.to_pydatetime(), "first_events": first_events},
    )
    metrics = {"model": EVENTS_MODEL, "as_of_date": as_of.date, "rows_seen": len(frame)}
    if frame.empty:
        message = (
            f"{EVENTS_MODEL}: no web session over before {as_of.date} reached {first_events} events "
            "without buying; load clickstream events first. No scores were written."
        )
        return ModelRun(EVENTS_MODEL, REFUSED, message, metrics)
    frame["previous_sessions"] = frame["session_number"] - 1
    frame["is_weekend"] = frame["is_weekend"].astype(float)
    frame = frame.sort_values(["started_at", "session_id"]).reset_index(drop=True)
    split_day = pd.Timestamp(frame["session_date"].quantile(1 - TEST_SHARE, interpolation="lower"))
    is_test = (pd.to_datetime(frame["session_date"]) >= split_day).to_numpy()
    metrics |= {
        "training_cutoff": split_day.date(),
        "evaluation_cutoff": split_day.date(),
        "split_rule": (
            f"sessions over before {as_of.date} that reached {first_events} events without buying: "
            f"trained on those that started before {split_day.date()}, judged on the later ones"
        ),
        "data_from": frame["started_at"].min(),
        "data_to": frame["started_at"].max(),
    }
    run = _fit_and_judge(EVENTS_MODEL, frame, is_test, EVENT_FEATURES, EVENT_CATEGORIES, metrics, seed)
    if run.trained:
        details = frame[["session_id", "session_date", *EVENT_CATEGORIES]]
        run.tables["scores"] = run.tables["scores"].merge(details, on="session_id", how="left")
    return run


def train_uci_intent(conn: psycopg.Connection, as_of: AsOf, seed: int) -> ModelRun:
    frame = read_frame(conn, UCI_SESSIONS)
    metrics = {"model": UCI_MODEL, "as_of_date": as_of.date, "rows_seen": len(frame)}
    if frame.empty:
        message = f"{UCI_MODEL}: no UCI Online Shoppers sessions are loaded; nothing to train on."
        return ModelRun(UCI_MODEL, REFUSED, message, metrics)
    frame["is_weekend"] = frame["is_weekend"].astype(float)
    # Held out: the latest months that together hold at least TEST_SHARE of the sessions.
    per_month = frame["month_of_year"].value_counts().sort_index(ascending=False)
    latest = per_month.cumsum() / per_month.sum()
    test_months = latest.index[: int(np.searchsorted(latest.to_numpy(), TEST_SHARE)) + 1]
    is_test = frame["month_of_year"].isin(test_months).to_numpy()
    first_test = int(min(test_months))
    metrics["split_rule"] = (
        f"UCI sessions have a month but no date: trained on months before {first_test}, judged on months "
        f"{first_test}-{int(max(test_months))}"
    )
    run = _fit_and_judge(UCI_MODEL, frame, is_test, UCI_FEATURES, UCI_CATEGORIES, metrics, seed)
    if run.trained:
        # The scores mart's session details: UCI sessions have a traffic source and a visitor type but no
        # date, device or landing page. Without them, UCI scores alone (no event model) could not be written.
        details = frame[["session_id", "traffic_source", "visitor_type"]].assign(
            session_date=None, device_type=None, landing_page_type=None
        )
        run.tables["scores"] = run.tables["scores"].merge(details, on="session_id", how="left")
    return run

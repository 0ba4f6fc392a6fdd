"""Train and score every model as of T, then write all the ML marts in one transaction.

`shoplens score` and the Dagster asset `ml/*` both run `score_all`. A model that refuses (too little
data) writes no scores: its tables are emptied and its metrics row says why; the others still run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import psycopg
from threadpoolctl import threadpool_limits

from ml.asof import DEFAULT_HORIZON_DAYS, AsOf, resolve_as_of
from ml.churn import train_churn
from ml.clv import train_clv
from ml.history import read_history
from ml.intent import DEFAULT_FIRST_EVENTS, train_event_intent, train_uci_intent
from ml.marts import MODEL_METRICS
from ml.runs import ModelRun
from ml.segments import train_segments
from ml.writer import write_marts

DEFAULT_SEED = 0


@dataclass(frozen=True)
class ScoreSettings:
    as_of: dt.date | None = None  # None: the day after the last order
    horizon_days: int = DEFAULT_HORIZON_DAYS
    first_events: int = DEFAULT_FIRST_EVENTS
    seed: int = DEFAULT_SEED


@dataclass(frozen=True)
class ScoreReport:
    as_of: AsOf
    runs: list[ModelRun]
    written: dict[str, int] = field(default_factory=dict)

    def run(self, model: str) -> ModelRun:
        return next(r for r in self.runs if r.model == model)

    def lines(self) -> list[str]:
        head = f"Models as of {self.as_of.date} (horizon {self.as_of.horizon_days} days):"
        return [head, *(f"- {r.message}" for r in self.runs)]


def train_all(conn: psycopg.Connection, settings: ScoreSettings) -> tuple[AsOf, list[ModelRun]]:
    """Every model, single-threaded and seeded: the same data and settings give the same scores."""
    as_of = resolve_as_of(conn, settings.as_of, settings.horizon_days)
    with threadpool_limits(limits=1):
        history = read_history(conn, as_of)
        return as_of, [
            train_churn(history, settings.seed),
            train_event_intent(conn, as_of, settings.first_events, settings.seed),
            train_uci_intent(conn, as_of, settings.seed),
            train_segments(conn, history, settings.seed),
            train_clv(history),
        ]


def mart_rows(runs: list[ModelRun], as_of: AsOf, trained_at: dt.datetime) -> dict[str, pd.DataFrame]:
    """The rows of every ML mart from the runs; a refused model contributes none."""
    trained = [r for r in runs if r.trained]
    rows: dict[str, pd.DataFrame] = {}
    for run in trained:
        for name, frame in run.tables.items():
            if name != "scores":
                rows[name] = frame
    intent_scores = [
        r.tables["scores"].assign(as_of_date=as_of.date) for r in trained if "scores" in r.tables
    ]
    if intent_scores:
        rows["ml_intent_scores"] = pd.concat(intent_scores, ignore_index=True)
    importances = [r.importances for r in trained if r.importances is not None]
    if importances:
        rows["ml_feature_importances"] = pd.concat(importances, ignore_index=True).assign(
            as_of_date=as_of.date
        )
    calibration = [r.calibration for r in trained if r.calibration is not None]
    if calibration:
        table = pd.concat(calibration, ignore_index=True)
        rows["ml_intent_calibration"] = table.rename(
            columns={"rows": "sessions", "positives": "conversions"}
        ).assign(as_of_date=as_of.date)
    metrics = pd.DataFrame(
        [{**r.metrics, "model": r.model, "status": r.status, "message": r.message} for r in runs]
    )
    metrics["trained_at"] = trained_at
    rows[MODEL_METRICS.name] = metrics.reindex(columns=MODEL_METRICS.column_names)
    return {name: frame for name, frame in rows.items() if not frame.empty}


def score_all(conn: psycopg.Connection, settings: ScoreSettings = ScoreSettings()) -> ScoreReport:
    """Train every model as of T and replace the ML marts with their outputs."""
    as_of, runs = train_all(conn, settings)
    trained_at = dt.datetime.now(dt.UTC)
    written = write_marts(conn, mart_rows(runs, as_of, trained_at))
    return ScoreReport(as_of, runs, written)

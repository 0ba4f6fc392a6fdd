"""On a generated shop every model trains, beats its baseline on the held-out period, and fills its marts."""

from __future__ import annotations

import datetime as dt

from psycopg import sql

from ml.marts import MARTS
from tests.conftest import SAMPLES_DIR


def _count(conn, table: str) -> int:
    return conn.execute(sql.SQL("select count(*) from marts.{}").format(sql.Identifier(table))).fetchone()[0]


def test_every_model_trains_and_every_ml_mart_is_full(ml_warehouse, scored) -> None:
    assert [r.status for r in scored.runs if r.model != "intent_uci" or SAMPLES_DIR.is_dir()] == [
        "trained"
    ] * (5 if SAMPLES_DIR.is_dir() else 4)
    with ml_warehouse.connect() as conn:
        empty = [m.name for m in MARTS if _count(conn, m.name) == 0]
        people = conn.execute(
            "select count(distinct customer_unique_id) from marts.fct_orders where purchased_at < %s",
            (scored.as_of.date,),
        ).fetchone()[0]
        churn_rows = _count(conn, "ml_churn_scores")
        distinct = conn.execute(
            "select count(distinct customer_unique_id) from marts.ml_churn_scores"
        ).fetchone()[0]
    assert empty == []
    assert churn_rows == distinct == people  # one row per person with an order before T


def test_churn_and_intent_beat_their_baselines_on_the_held_out_period(ml_warehouse, scored) -> None:
    with ml_warehouse.connect() as conn:
        rows = conn.execute(
            "select model, roc_auc, baseline_roc_auc, beats_baseline from marts.ml_model_metrics "
            "where model in ('churn', 'intent_events', 'intent_uci') and status = 'trained'"
        ).fetchall()
    by_model = {model: (auc, baseline, beats) for model, auc, baseline, beats in rows}
    assert {"churn", "intent_events"} <= by_model.keys()
    for model, (auc, baseline, beats) in by_model.items():
        assert auc > baseline and beats, model


def test_metrics_record_what_each_model_saw(ml_warehouse, scored) -> None:
    with ml_warehouse.connect() as conn:
        churn = conn.execute(
            "select as_of_date, horizon_days, training_cutoff, evaluation_cutoff, rows_seen, data_from, "
            "data_to, n_train, n_test, positives_test, base_rate "
            "from marts.ml_model_metrics where model = 'churn'"
        ).fetchone()
        orders = conn.execute(
            "select count(*), min(purchased_at), max(purchased_at) from marts.fct_orders"
        ).fetchone()
    as_of, horizon, training, evaluation, rows, first, last, n_train, n_test, positives, base_rate = churn
    assert as_of == (orders[2] + dt.timedelta(days=1)).date() and horizon == 180
    assert evaluation == as_of - dt.timedelta(days=180) and training == as_of - dt.timedelta(days=360)
    assert (rows, first, last) == orders  # every order before T, which is every order
    assert n_train > 0 and n_test > positives > 0 and abs(base_rate - positives / n_test) < 1e-12


def test_dashboard_role_reads_every_ml_mart(ml_warehouse, scored) -> None:
    with ml_warehouse.dashboard.connect() as conn:
        counts = {m.name: _count(conn, m.name) for m in MARTS}
    assert all(counts.values()), counts


def test_intent_calibration_bins_cover_the_held_out_sessions(ml_warehouse, scored) -> None:
    with ml_warehouse.connect() as conn:
        rows = conn.execute(
            "select c.model, sum(c.sessions), sum(c.conversions), max(m.n_test), max(m.positives_test) "
            "from marts.ml_intent_calibration as c join marts.ml_model_metrics as m using (model) "
            "group by c.model"
        ).fetchall()
        held_out = conn.execute(
            "select model, count(*), count(*) filter (where converted) from marts.ml_intent_scores "
            "where split = 'test' group by model"
        ).fetchall()
    assert {(m, s, c) for m, s, c, _, _ in rows} == {(m, n, c) for m, n, c in held_out}
    assert all(s == n and c == p for _, s, c, n, p in rows)


def test_segments_have_centroids_and_the_rule_based_segment_beside_them(ml_warehouse, scored) -> None:
    with ml_warehouse.connect() as conn:
        sizes = dict(
            conn.execute(
                "select segment, count(*) from marts.ml_customer_segments "
                "where cluster_id is not null group by 1"
            ).fetchall()
        )
        centroids = dict(conn.execute("select segment, customers from marts.ml_segment_centroids").fetchall())
        without_rfm = conn.execute(
            "select count(*) from marts.ml_customer_segments where rfm_segment is null"
        ).fetchone()[0]
    assert sizes == centroids and 3 <= len(centroids) <= 8
    assert without_rfm == 0  # T is the RFM mart's date here, so every customer has both

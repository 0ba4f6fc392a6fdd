"""On the real 2,000-order Olist sample (0.4 % of people order twice) the models refuse, or succeed,
with clear messages; nothing crashes, and a refusing model writes no scores."""

from __future__ import annotations

from ml.scoring import score_all


def test_models_refuse_with_clear_messages_on_the_olist_sample(built_sample_warehouse) -> None:
    with built_sample_warehouse.connect() as conn:
        report = score_all(conn)
        churn_rows = conn.execute("select count(*) from marts.ml_churn_scores").fetchone()[0]
        metrics = dict(conn.execute("select model, status from marts.ml_model_metrics").fetchall())
    churn = report.run("churn")
    assert churn.status == "refused"
    assert "ordered again" in churn.message and "at least 30" in churn.message
    assert churn_rows == 0
    assert metrics["churn"] == "refused" and metrics["intent_events"] == "refused"
    assert "no web session" in report.run("intent_events").message
    assert set(metrics) == {"churn", "intent_events", "intent_uci", "segments", "clv"}

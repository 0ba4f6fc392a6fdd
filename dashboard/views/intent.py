"""Purchase intent: how likely a session is to buy from what its first events show, for the held-out
sessions of each intent model: the score distribution, the calibration and the most predictive inputs."""

from functools import partial

import streamlit as st

from dashboard import charts, components, data, filters, model_runs, sidebar
from dashboard import formatting as fmt
from dashboard.filters import FilterScope

# The intent models (ml_model_metrics.model) and what they score.
INTENT_MODELS = {
    "intent_events": "Event sessions (scored at their Nth event)",
    "intent_uci": "UCI Online Shoppers sessions",
}
MODEL_LABELS = {"intent_events": "event-session intent model", "intent_uci": "UCI intent model"}
HELD_OUT = FilterScope.of_no_selection(
    "the model is judged on all its held-out sessions (the later ones), whatever the selection."
)

active = filters.active_sessions()
st.title("Purchase intent")
sidebar.show_active(active)
st.caption(
    "A session-level classifier predicts whether a session buys from what is known early: its first "
    "events, traffic source, device, visitor type and landing page (UCI sessions: their page counts and "
    "durations). Everything here is on sessions the model never learnt from."
)

runs = data.model_metrics().set_index("model") if data.models_scored() else None
trained = (
    {} if runs is None else {m: t for m, t in INTENT_MODELS.items() if runs["status"].get(m) == "trained"}
)
model = next(iter(trained), "intent_events")
if len(trained) > 1:
    model = st.radio("Model", list(trained), format_func=trained.get, horizontal=True, key="intent_model")
if trained:  # a refused model is named even when the other trained; with neither, trained_run says why
    for name in INTENT_MODELS:
        if name not in trained and name in runs.index:
            model_runs.show_refusal(runs.loc[name], MODEL_LABELS[name])
run = model_runs.trained_run(model, MODEL_LABELS[model], "purchase-intent scores")
if run is not None:
    columns = st.columns(4)
    with columns[0]:
        components.kpi(
            "Held-out ROC AUC",
            fmt.number(run["roc_auc"], 3),
            f"baseline '{run['baseline']}': {fmt.number(run['baseline_roc_auc'], 3)}",
        )
    with columns[1]:
        components.kpi(
            "Held-out PR AUC",
            fmt.number(run["pr_auc"], 3),
            f"baseline: {fmt.number(run['baseline_pr_auc'], 3)}",
        )
    with columns[2]:
        components.kpi(
            "Held-out conversion rate",
            fmt.percent(run["base_rate"]),
            fmt.rate_with_count(run["base_rate"], run["n_test"], "held-out sessions"),
        )
    with columns[3]:
        components.kpi(
            "Sessions learnt from",
            fmt.count(run["n_train"]),
            f"{fmt.count(run['positives_train'])} bought · {run['algorithm']}",
        )
    st.caption(f"Split: {run['split_rule']}")

    distribution = data.intent_score_distribution(model)
    calibration = data.intent_calibration(model)
    left, right = st.columns(2)
    with left:
        components.chart_panel(
            "intent_scores",
            distribution,
            charts.intent_score_histogram,
            filters=active,
            scope=HELD_OUT,
            caption="A useful model puts the sessions that bought (green) to the right.",
            table=distribution[["lower", "upper", "converted", "sessions"]].round({"lower": 2, "upper": 2}),
        )
    with right:
        components.chart_panel(
            "intent_calibration",
            calibration,
            charts.calibration_curve,
            filters=active,
            scope=HELD_OUT,
            caption=(
                f"Ten equal-count bins of held-out sessions ({run['calibration']} calibration): on the "
                "diagonal, a predicted 10% buys 10% of the time. Hover a point for its counts."
            ),
            table=calibration.round(
                {"lowest_probability": 4, "highest_probability": 4, "mean_predicted": 4, "observed_rate": 4}
            ),
        )
    importances = data.feature_importances(model)
    components.chart_panel(
        "intent_features",
        importances,
        partial(charts.feature_importance_bars, title="The most predictive inputs"),
        filters=active,
        scope=HELD_OUT,
        caption="Permutation importance: how much held-out ROC AUC drops when the input is shuffled.",
        table=importances.round({"importance": 5}),
    )

"""What the model pages say about a model's last run: its metrics row when it trained, otherwise a clear
message (the models never ran here, or the model refused and why) in place of its charts.

A refusal is not an error: a shop with too few repeat buyers or no web sessions gives the models too
little to learn from, and the refusal message recorded in `ml_model_metrics` says what was missing.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data

NOT_SCORED_MESSAGE = (
    "The models have not run on this warehouse yet, so there are no {what}. "
    "Run `uv run shoplens score` (or materialise the Dagster asset group `ml`)."
)
REFUSED_MESSAGE = "The {label} did not train, so it wrote no scores: {message}"


def trained_run(model: str, label: str, what: str) -> pd.Series | None:
    """The `ml_model_metrics` row of `model` when it trained; else None, after saying why there is none.

    `label` names the model in the refusal ('churn model'), `what` its output ('churn scores').
    """
    if not data.models_scored():
        st.info(NOT_SCORED_MESSAGE.format(what=what), icon=":material/model_training:")
        return None
    runs = data.model_metrics()
    run = runs[runs["model"] == model]
    if run.empty:
        st.info(NOT_SCORED_MESSAGE.format(what=what), icon=":material/model_training:")
        return None
    row = run.iloc[0]
    if row["status"] != "trained":
        show_refusal(row, label)
        return None
    return row


def show_refusal(run: pd.Series, label: str) -> None:
    """The refusal recorded for a model that did not train, in its own words."""
    st.warning(REFUSED_MESSAGE.format(label=label, message=run["message"]), icon=":material/block:")

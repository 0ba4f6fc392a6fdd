"""Data health: are the loads, the marts and the last build in order, and if not, what is wrong.

What needs attention comes first (stale or failed items, loads far outside the usual range), then the
details: each source's last load and its rejected rows, the volume of every load, freshness against
thresholds, and every model and test of the last build. All of it from the marts in marts/operations.
"""

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard import formatting as fmt
from dashboard.charts import operations as charts
from dashboard.filters import FilterScope, SessionFilters

# The page takes no sidebar filters (the state of loads and builds is the same for every reader):
# a selection with nothing set, so no panel lists filters it does not apply.
UNFILTERED = SessionFilters()
WAREHOUSE_STATE = FilterScope.of_no_selection("the warehouse's own loads, builds and definitions.")
NOT_LOADED = ("refused", "failed")


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Timestamps as 'YYYY-MM-DD HH:MM:SS UTC' text in the tables and their CSVs."""
    shown = frame.copy()
    for column in shown.columns:
        if isinstance(shown[column].dtype, pd.DatetimeTZDtype):
            shown[column] = shown[column].dt.tz_convert("UTC").dt.strftime("%Y-%m-%d %H:%M:%S UTC")
    return shown


def names(frame: pd.DataFrame, column: str) -> str:
    return ", ".join(frame[column].astype(str))


st.title("Data health")
st.caption(
    "The loads, the marts' freshness and the last dbt build, from the loader's audit and the build "
    "results `shoplens build` and Dagster persist. Not affected by the sidebar filters."
)

freshness = data.freshness()
builds = data.recent_builds()
nodes = data.last_build_nodes()
loads = data.source_loads()
volume = data.load_volume()
rejects = data.latest_rejects()

# --- what needs attention ---------------------------------------------------------------------------
stale = freshness[freshness["freshness_status"] == "stale"]
warned = freshness[freshness["freshness_status"] == "warn"]
failed = nodes[nodes["is_failure"].astype(bool)] if not nodes.empty else nodes
skipped = nodes[nodes["status"] == "skipped"] if not nodes.empty else nodes
outliers = volume[volume["is_volume_outlier"].astype(bool)] if not volume.empty else volume
refused = loads[loads["last_status"].isin(NOT_LOADED)] if not loads.empty else loads

alerts = 0
if not failed.empty:
    alerts += 1
    st.error(
        f"**{len(failed):,} failed in the last build:** {names(failed, 'node_name')}", icon=":material/error:"
    )
if not stale.empty:
    alerts += 1
    st.error(f"**{len(stale):,} stale:** {names(stale, 'object_name')}", icon=":material/schedule:")
if not refused.empty:
    alerts += 1
    st.error(
        f"**{len(refused):,} source(s) whose last file did not load:** {names(refused, 'source_table')}",
        icon=":material/block:",
    )
if not skipped.empty:
    alerts += 1
    st.warning(f"**{len(skipped):,} skipped in the last build** (something upstream failed).")
if not warned.empty:
    alerts += 1
    st.warning(f"**{len(warned):,} getting old:** {names(warned, 'object_name')}", icon=":material/schedule:")
if not outliers.empty:
    alerts += 1
    loads_named = ", ".join(f"{row.source_table} ({row.file_name})" for row in outliers.itertuples())
    st.warning(f"**{len(outliers):,} load(s) far outside the usual range:** {loads_named}")
if builds.empty:
    st.info("No build results persisted yet: `uv run shoplens build` (or a Dagster run) records them.")
elif alerts == 0:
    st.success("All in order: the last build passed, nothing is stale and no load was unusual.")

# --- the last build in figures ----------------------------------------------------------------------
if not builds.empty:
    last = builds.iloc[0]
    columns = st.columns(4)
    with columns[0]:
        outcome = "passed" if last["is_success"] else "failed"
        components.kpi("Last build", outcome, f"finished {readable(builds.head(1))['completed_at'].iloc[0]}")
    with columns[1]:
        components.kpi(
            "Models built",
            fmt.count(last["nodes_built"]),
            f"{fmt.count(last['nodes_errored'])} errored, {fmt.count(last['nodes_skipped'])} skipped",
        )
    with columns[2]:
        components.kpi(
            "Data tests failed",
            fmt.count(last["data_tests_failed"]),
            f"of {fmt.count(last['data_tests'])} data tests ({fmt.count(last['data_tests_warned'])} warned)",
        )
    with columns[3]:
        components.kpi(
            "Unit tests failed",
            fmt.count(last["unit_tests_failed"]),
            f"of {fmt.count(last['unit_tests'])} unit tests",
        )

# --- sources -----------------------------------------------------------------------------------------
st.header("Sources")
components.chart_panel(
    "source_rows",
    loads,
    charts.rows_by_source,
    filters=UNFILTERED,
    scope=WAREHOUSE_STATE,
    table=readable(loads),
    empty_message="No file loaded yet: `uv run shoplens ingest <folder>` loads one.",
)
components.table_panel(
    "latest_rejects",
    "Latest rejected rows, with their reasons",
    readable(rejects),
    filters=UNFILTERED,
    scope=WAREHOUSE_STATE,
    caption="Each source's latest load that rejected rows, first rows by line (all stay in raw).",
    empty_message="No load has rejected a row.",
)

# --- volume ------------------------------------------------------------------------------------------
st.header("Load volume")
components.chart_panel(
    "load_volume",
    volume,
    charts.load_volume,
    filters=UNFILTERED,
    scope=WAREHOUSE_STATE,
    caption=(
        "A load is flagged when its rows are many times above or below the median of its source's "
        "previous loads (volume_ratio); the factor, the window and the loads a source needs before it "
        "is judged are dbt vars (volume_outlier_factor, volume_lookback_loads, volume_min_previous_loads)."
    ),
    table=readable(volume),
    empty_message="No load has brought rows in yet.",
)

# --- freshness ---------------------------------------------------------------------------------------
st.header("Freshness")
components.table_panel(
    "freshness",
    "Sources and marts against their thresholds",
    readable(freshness),
    filters=UNFILTERED,
    scope=WAREHOUSE_STATE,
    caption=(
        "Sources: hours since their last load, against their freshness config. Marts: hours since the "
        "first load upstream of them that their last successful build has not seen."
    ),
    empty_message="No source or mart to judge.",
)

# --- last build --------------------------------------------------------------------------------------
st.header("Last dbt build")
models = nodes[nodes["resource_type"].isin(["model", "seed", "snapshot"])] if not nodes.empty else nodes
tests = nodes[nodes["resource_type"].isin(["test", "unit_test"])] if not nodes.empty else nodes
components.chart_panel(
    "slowest_models",
    models,
    charts.slowest_models,
    filters=UNFILTERED,
    scope=WAREHOUSE_STATE,
    table=readable(models),
    empty_message="No build results persisted yet: `uv run shoplens build` records them.",
)
components.table_panel(
    "build_tests",
    "Tests of the last build (failures first)",
    readable(tests),
    filters=UNFILTERED,
    scope=WAREHOUSE_STATE,
    empty_message="The last build ran no tests.",
)

"""Queries of the operations pages (Data health, Metric glossary): the marts in marts/operations.

They take no sidebar filters: the state of the loads and of the last build is the same for every
reader. The health marts are views over the loader's audit and the persisted dbt results, so a short
cache lets a page show a new load or build within a minute; the glossary changes only with a build.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from psycopg import sql

from dashboard.queries import connection

HEALTH_CACHE_SECONDS = 60
# Statuses that need someone's attention, most urgent first (mart_freshness.freshness_status).
FRESHNESS_ORDER = ("stale", "warn", "not_built", "not_loaded", "untracked", "ok")


@st.cache_data(ttl=HEALTH_CACHE_SECONDS, show_spinner=False)
def source_loads() -> pd.DataFrame:
    """Each source's last load (file, outcome, rows read, loaded and rejected) and its load totals."""
    query = sql.SQL(
        """
        select
            source_table, last_status, last_file_name, last_load_at, last_rows_read, last_rows_loaded,
            last_rows_rejected, last_message, last_loaded_at, loads, loads_not_loaded, rows_loaded_total,
            rows_rejected_total
        from marts.mart_source_loads
        order by source_table
        """
    )
    return connection.read(query)


@st.cache_data(ttl=HEALTH_CACHE_SECONDS, show_spinner=False)
def latest_rejects() -> pd.DataFrame:
    """The shown rejected rows of each source's latest rejecting load, with their reasons."""
    query = sql.SQL(
        """
        select
            source_table, file_name, load_id, load_time, rejects_in_load, line_number, reason, raw_line
        from marts.mart_latest_rejects
        order by source_table, line_number, reason
        """
    )
    return connection.read(query)


@st.cache_data(ttl=HEALTH_CACHE_SECONDS, show_spinner=False)
def load_volume() -> pd.DataFrame:
    """Every load that brought rows in, with the median of the loads before it and the outlier flag."""
    query = sql.SQL(
        """
        select
            load_id, source_table, file_name, load_time, rows_loaded, previous_loads, median_previous_rows,
            volume_ratio, is_judged, is_volume_outlier
        from marts.mart_load_volume
        order by source_table, load_id
        """
    )
    return connection.read(query)


@st.cache_data(ttl=HEALTH_CACHE_SECONDS, show_spinner=False)
def freshness() -> pd.DataFrame:
    """Sources and marts with their age against their thresholds, the ones needing attention first."""
    query = sql.SQL(
        """
        select
            object_type, object_name, freshness_status, age_hours, warn_after_hours, error_after_hours,
            last_updated_at
        from marts.mart_freshness
        order by array_position(%(order)s::text[], freshness_status), object_type desc, object_name
        """
    )
    return connection.read(query, {"order": list(FRESHNESS_ORDER)})


@st.cache_data(ttl=HEALTH_CACHE_SECONDS, show_spinner=False)
def recent_builds(limit: int = 10) -> pd.DataFrame:
    """The latest persisted builds (newest first): their counts of models and tests by outcome."""
    query = sql.SQL(
        """
        select
            build_rank, build_id, generated_at, started_at, completed_at, is_success, nodes_built,
            nodes_succeeded, nodes_errored, nodes_skipped, data_tests, data_tests_passed, data_tests_warned,
            data_tests_failed, unit_tests, unit_tests_failed
        from marts.mart_dbt_builds
        where build_rank <= %(limit)s
        order by build_rank
        """
    )
    return connection.read(query, {"limit": limit})


@st.cache_data(ttl=HEALTH_CACHE_SECONDS, show_spinner=False)
def last_build_nodes() -> pd.DataFrame:
    """Every node of the latest build: failures first, then the slowest."""
    query = sql.SQL(
        """
        select
            resource_type, node_name, tested_node, status, is_failure, execution_seconds, rows_affected,
            failures, message, completed_at
        from marts.mart_dbt_last_build
        order by is_failure desc, status = 'skipped' desc, execution_seconds desc nulls last, node_name
        """
    )
    return connection.read(query)


@st.cache_data(ttl=connection.CACHE_TTL_SECONDS, show_spinner=False)
def metric_glossary() -> pd.DataFrame:
    """Every metric column of the marts: its label, unit, ratio parts and definition, by label."""
    query = sql.SQL(
        """
        select metric, mart, column_name, unit, numerator, denominator, description, metric_documents
        from marts.mart_metric_glossary
        order by lower(metric), mart, column_name
        """
    )
    return connection.read(query)

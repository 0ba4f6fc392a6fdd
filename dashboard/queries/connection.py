"""The dashboard's connection to the warehouse: the read-only login, one cached connection, `read`.

It connects as the read-only dashboard role (the database, not a convention, keeps it to `marts`),
keeps one connection per process (`st.cache_resource`, replaced when it breaks) and turns every
database problem a user can meet into a `DashboardDataError` whose message says what to do.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import pandas as pd
import psycopg
import streamlit as st
from psycopg import sql
from psycopg.types.numeric import FloatLoader

from shoplens.errors import ShoplensError
from shoplens.settings import load_settings
from shoplens.warehouse import server_conninfo

DATABASE_URL_ENV = "SHOPLENS_DASHBOARD_DATABASE_URL"
CACHE_TTL_SECONDS = 600
STATEMENT_TIMEOUT_MS = 30_000
# The visitors pages aggregate hundreds of thousands of sessions in hash tables; with PostgreSQL's
# default 4MB they spill to sorts. At 560k sessions, 64MB cut the funnel query by ~45% (measured on
# the demo-sized shop). The role runs a handful of queries.
WORK_MEM = "64MB"


class DashboardDataError(ShoplensError):
    """The dashboard cannot read the marts: the message says what to run or fix."""


# --- connection -------------------------------------------------------------------------------------


def connection_params() -> dict[str, Any]:
    """The read-only login: SHOPLENS_DASHBOARD_DATABASE_URL, else the configured server as the dashboard role.

    Never `ensure_warehouse` here: creating databases and roles is the owner's job, not the dashboard's.
    """
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return {"conninfo": url}
    settings = load_settings()
    owner = server_conninfo(settings)
    login = replace(owner, user=settings.dashboard_role, password=settings.dashboard_password)
    return dict(login.kwargs())


def _is_usable(conn: psycopg.Connection) -> bool:
    return not conn.closed and not conn.broken


@st.cache_resource(validate=_is_usable, show_spinner=False)
def _connection() -> psycopg.Connection:
    try:
        conn = psycopg.connect(
            **connection_params(),
            autocommit=True,
            connect_timeout=10,
            application_name="shoplens-dashboard",
            # Read-only by session default too, and no query may hang a page.
            options=(
                f"-c default_transaction_read_only=on -c statement_timeout={STATEMENT_TIMEOUT_MS}"
                f" -c work_mem={WORK_MEM}"
            ),
        )
    except psycopg.ProgrammingError as exc:  # a malformed URL: retrying or starting a server won't help
        raise DashboardDataError(
            f"{DATABASE_URL_ENV} is not a valid PostgreSQL URL ({exc}). "
            "Fix it, e.g. postgresql://shoplens_dashboard@localhost:5432/shoplens."
        ) from exc
    except psycopg.Error as exc:
        raise DashboardDataError(
            f"Cannot connect to the warehouse as the dashboard role: {exc}. "
            f"Start it with `uv run shoplens db start` (or check {DATABASE_URL_ENV})."
        ) from exc
    # numeric -> float: pandas works with floats; money is rounded for display, never summed again here.
    conn.adapters.register_loader("numeric", FloatLoader)
    return conn


def read(query: sql.Composable, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one select; a broken connection is replaced once before giving up with a clear message."""
    for attempt in (1, 2):
        conn = _connection()
        try:
            with conn.cursor() as cur:
                cur.execute(query, params)
                columns = [column.name for column in cur.description or []]
                return pd.DataFrame(cur.fetchall(), columns=columns)
        except psycopg.errors.UndefinedTable as exc:
            raise DashboardDataError(
                f"The marts are not built yet ({exc.diag.message_primary}). Run `uv run shoplens build`."
            ) from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise DashboardDataError(
                f"The dashboard role may not read this ({exc.diag.message_primary}). "
                "Run `uv run shoplens build` so the warehouse grants it read access to marts."
            ) from exc
        except psycopg.errors.QueryCanceled as exc:
            # A subclass of OperationalError: caught first, so a statement timeout is not retried as a
            # lost connection (the same query would only time out again).
            raise DashboardDataError(
                f"The query took longer than {STATEMENT_TIMEOUT_MS // 1000} s; narrow the filters "
                "(a shorter date range or fewer states) and try again."
            ) from exc
        except psycopg.OperationalError as exc:
            _connection.clear()
            if attempt == 2:
                raise DashboardDataError(
                    f"Lost the connection to the warehouse: {exc}. Reload the page."
                ) from exc
    raise AssertionError("unreachable")

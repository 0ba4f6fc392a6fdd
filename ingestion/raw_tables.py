"""The raw tables: one per source table, typed, append-only, with the load id on every row.

This is the contract between the loader (which writes these tables) and dbt (whose sources read
them). Column names are the sources' originals, misspellings included (UCI's CamelCase headers in
lower case); staging renames them.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class Column:
    name: str
    pg_type: str  # text | integer | numeric | double precision | timestamp | timestamptz | boolean
    required: bool = False  # a row without a value here is rejected


@dataclass(frozen=True)
class RawTable:
    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]  # staging keeps the latest version of each key
    # Event tables: the column holding the source's own event id, if it has one ("" if none). Such
    # a table is deduplicated at load by `_event_key`: that id, else the hash of the row's content.
    event_id_column: str | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def is_event_table(self) -> bool:
        return self.event_id_column is not None


def _t(name: str, *cols: Column, key: tuple[str, ...], event_id: str | None = None) -> RawTable:
    return RawTable(name, cols, key, event_id)


# Advisory lock key serialising the raw DDL (content locks use keys derived from sha256 hashes).
RAW_DDL_LOCK_KEY = 0x5359_4C45_4E53_0001

TS, NUM, INT, TXT, DBL = "timestamp", "numeric", "integer", "text", "double precision"
# Event times: ISO 8601 with or without an offset; a naive time is UTC (the loader's session is UTC).
TSTZ, BOOL = "timestamptz", "boolean"

OLIST_TABLES: dict[str, RawTable] = {
    t.name: t
    for t in (
        _t(
            "olist_orders",
            Column("order_id", TXT, True),
            Column("customer_id", TXT, True),
            Column("order_status", TXT, True),
            Column("order_purchase_timestamp", TS, True),
            Column("order_approved_at", TS),
            Column("order_delivered_carrier_date", TS),
            Column("order_delivered_customer_date", TS),
            Column("order_estimated_delivery_date", TS),
            key=("order_id",),
        ),
        _t(
            "olist_order_items",
            Column("order_id", TXT, True),
            Column("order_item_id", INT, True),
            Column("product_id", TXT, True),
            Column("seller_id", TXT, True),
            Column("shipping_limit_date", TS),
            Column("price", NUM, True),
            Column("freight_value", NUM, True),
            key=("order_id", "order_item_id"),
        ),
        _t(
            "olist_order_payments",
            Column("order_id", TXT, True),
            Column("payment_sequential", INT, True),
            Column("payment_type", TXT, True),
            Column("payment_installments", INT),
            Column("payment_value", NUM, True),
            key=("order_id", "payment_sequential"),
        ),
        _t(
            "olist_order_reviews",
            Column("review_id", TXT, True),
            Column("order_id", TXT, True),
            Column("review_score", INT, True),
            Column("review_comment_title", TXT),
            Column("review_comment_message", TXT),
            Column("review_creation_date", TS),
            Column("review_answer_timestamp", TS),
            key=("review_id", "order_id"),
        ),
        _t(
            "olist_customers",
            Column("customer_id", TXT, True),
            Column("customer_unique_id", TXT, True),
            Column("customer_zip_code_prefix", TXT),
            Column("customer_city", TXT),
            Column("customer_state", TXT),
            key=("customer_id",),
        ),
        _t(
            "olist_products",
            Column("product_id", TXT, True),
            Column("product_category_name", TXT),
            Column("product_name_lenght", NUM),
            Column("product_description_lenght", NUM),
            Column("product_photos_qty", NUM),
            Column("product_weight_g", NUM),
            Column("product_length_cm", NUM),
            Column("product_height_cm", NUM),
            Column("product_width_cm", NUM),
            key=("product_id",),
        ),
        _t(
            "olist_sellers",
            Column("seller_id", TXT, True),
            Column("seller_zip_code_prefix", TXT),
            Column("seller_city", TXT),
            Column("seller_state", TXT),
            key=("seller_id",),
        ),
        _t(
            "olist_geolocation",
            Column("geolocation_zip_code_prefix", TXT, True),
            Column("geolocation_lat", DBL, True),
            Column("geolocation_lng", DBL, True),
            Column("geolocation_city", TXT),
            Column("geolocation_state", TXT),
            # No natural key in the source: staging keeps, per zip prefix, the rows of its latest load.
            key=("geolocation_zip_code_prefix",),
        ),
        _t(
            "olist_category_translation",
            Column("product_category_name", TXT, True),
            Column("product_category_name_english", TXT, True),
            key=("product_category_name",),
        ),
    )
}

# Clickstream sources. Raw keeps what each file says, typed; staging maps every event source onto
# the canonical event columns. Events are append-only and deduplicated at load: an event already
# in its table (same `_event_key`) is not loaded again but kept as a rejected row that says so.
EVENT_TABLES: dict[str, RawTable] = {
    t.name: t
    for t in (
        _t(
            "events",  # the canonical format, CSV or JSON Lines; only three columns are required
            Column("event_id", TXT),  # absent: staging derives it from the row's content
            Column("event_time", TSTZ, True),
            Column("user_id", TXT, True),
            Column("session_id", TXT),  # absent: staging sessionizes by inactivity
            Column("event_type", TXT, True),
            Column("page_path", TXT),
            Column("page_type", TXT),
            Column("product_id", TXT),
            Column("category", TXT),
            Column("brand", TXT),
            Column("price", NUM),
            Column("quantity", INT),
            Column("order_id", TXT),  # a purchase's Olist order
            Column("customer_id", TXT),  # an Olist customer_unique_id when known
            Column("search_query", TXT),
            Column("element", TXT),
            Column("element_text", TXT),
            Column("value", TXT),
            Column("browser", TXT),
            Column("os", TXT),
            Column("device_type", TXT),
            Column("country", TXT),
            Column("region", TXT),
            Column("traffic_source", TXT),
            Column("referrer", TXT),
            Column("utm_campaign", TXT),
            key=("event_id",),
            event_id="event_id",
        ),
        _t(
            "rees46_events",  # REES46 multi-category store, with or without a header row
            Column("event_time", TSTZ, True),  # '2019-10-01 00:00:00 UTC'
            Column("event_type", TXT, True),  # view | cart | remove_from_cart | purchase
            Column("product_id", TXT),
            Column("category_id", TXT),  # 19 digits: text, a float would lose them
            Column("category_code", TXT),
            Column("brand", TXT),
            Column("price", NUM),
            Column("user_id", TXT, True),
            Column("user_session", TXT),
            key=("event_time", "event_type", "product_id", "user_id", "user_session"),
            event_id="",  # no id: the content is the event's identity
        ),
        _t(
            "journey_events",  # page-element events, JSON Lines
            Column("uuid", TXT),  # optional event id
            Column("user_id", TXT, True),
            Column("session_id", TXT),
            Column("path", TXT),
            Column("css", TXT),  # the element, e.g. button.add-to-cart or div.error-message
            Column("text", TXT),
            Column("value", TXT),
            Column("event_time", TSTZ, True),
            key=("uuid",),
            event_id="uuid",
        ),
        _t(
            "uci_sessions",  # UCI Online Shoppers Purchasing Intention: one row per session, no events
            Column("administrative", INT, True),
            Column("administrative_duration", NUM, True),
            Column("informational", INT, True),
            Column("informational_duration", NUM, True),
            Column("productrelated", INT, True),
            Column("productrelated_duration", NUM, True),
            Column("bouncerates", NUM, True),
            Column("exitrates", NUM, True),
            Column("pagevalues", NUM, True),
            Column("specialday", NUM, True),
            Column("month", TXT, True),  # Feb, Mar, May, June, Jul, ... (June is spelled out)
            Column("operatingsystems", INT, True),
            Column("browser", INT, True),
            Column("region", INT, True),
            Column("traffictype", INT, True),
            Column("visitortype", TXT, True),
            Column("weekend", BOOL, True),  # TRUE / FALSE
            Column("revenue", BOOL, True),
            # No key: identical rows are distinct sessions. Each load is a whole export, and staging
            # keeps the rows of the latest UCI load.
            key=(),
        ),
    )
}

RAW_TABLES: dict[str, RawTable] = {**OLIST_TABLES, **EVENT_TABLES}

# Every raw data row carries these, after the source columns. `_load_id` has no foreign key to
# raw.load_audit on purpose: the loader inserts a file's rows in the same transaction as its audit
# row, so the id cannot dangle, and checking it row by row cost more than inserting the rows.
LOAD_COLUMNS_DDL = """
    _load_id bigint not null,
    _line_number bigint not null,
    _loaded_at timestamptz not null default now()
"""

AUDIT_DDL = """
create table if not exists raw.load_audit (
    load_id bigint generated always as identity primary key,
    file_name text not null,
    file_path text not null,
    sha256 text not null,
    format text,
    target_table text,
    rows_read bigint not null default 0,
    rows_loaded bigint not null default 0,
    rows_rejected bigint not null default 0,
    status text not null,
    message text,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    constraint load_audit_status check (status in ('running', 'loaded', 'skipped', 'refused', 'failed')),
    -- Nothing is lost silently, whatever the outcome: every row read is loaded or rejected.
    constraint load_audit_rows_balance check (rows_read = rows_loaded + rows_rejected)
);
-- A file's content is loaded at most once, whatever its name or path.
create unique index if not exists load_audit_one_load_per_content
    on raw.load_audit (sha256) where status = 'loaded';

create table if not exists raw.rejected_rows (
    load_id bigint not null references raw.load_audit (load_id),
    file_name text not null,
    line_number bigint not null,
    reason text not null,
    -- For JSON Lines the original line. For CSV NOT the file's original text: the record's parsed
    -- fields written back as one CSV line, quoted only where CSV needs it
    -- (validation.csv_line_expression, records._to_csv_line), so quoting may differ from the
    -- file's. Same fields and values; line_number points at the original record.
    raw_line text,
    rejected_at timestamptz not null default now()
);
create index if not exists rejected_rows_load on raw.rejected_rows (load_id);
"""


def table_ddl(table: RawTable) -> sql.Composed:
    cols = sql.SQL(",\n    ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.pg_type)) for c in table.columns
    )
    key = sql.SQL(",\n    _event_key text not null") if table.is_event_table else sql.SQL("")
    return sql.SQL("create table if not exists raw.{} (\n    {}{},\n{})").format(
        sql.Identifier(table.name), cols, key, sql.SQL(LOAD_COLUMNS_DDL)
    )


def event_table_indexes_ddl(table: RawTable) -> list[sql.Composed]:
    """The event key that deduplicates at load, and the (load, line) index through which staging reads
    new loads and the loader finds its own rows."""
    name = table.name
    return [
        sql.SQL("create unique index if not exists {} on raw.{} (_event_key)").format(
            sql.Identifier(f"{name}_event_key"), sql.Identifier(name)
        ),
        sql.SQL("create index if not exists {} on raw.{} (_load_id, _line_number)").format(
            sql.Identifier(f"{name}_load_line"), sql.Identifier(name)
        ),
    ]


def event_key_expression(table: RawTable, values: dict[str, sql.Composable]) -> sql.Composed:
    """SQL for an event's `_event_key`: the source's own id when it has one, else the md5 of every
    value the file gave (NULL written as \\N, fields joined by a unit separator, so that NULL and ''
    differ and 'ab','c' differs from 'a','bc'). `values` maps each column to its typed value;
    timestamps hash as text in the load's time zone, UTC."""
    content = sql.SQL(" || chr(31) || ").join(
        sql.SQL("coalesce(({})::text, '\\N')").format(values[c.name]) for c in table.columns
    )
    hashed = sql.SQL("md5({})").format(content)
    if not table.event_id_column:
        return hashed
    return sql.SQL("coalesce(nullif(trim({}), ''), {})").format(values[table.event_id_column], hashed)


def ensure_raw_tables(conn: psycopg.Connection) -> None:
    """Create the audit tables and every raw table if missing (never drops a table or a row).

    Serialised by an advisory lock: concurrent `create table if not exists` can collide in the
    catalog (a unique violation on pg_type) when two loaders start at once.
    """
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (RAW_DDL_LOCK_KEY,))
        conn.execute("create schema if not exists raw")
        conn.execute(AUDIT_DDL)
        for table in RAW_TABLES.values():
            conn.execute(table_ddl(table))
            if table.is_event_table:
                _add_event_key(conn, table)
                for ddl in event_table_indexes_ddl(table):
                    conn.execute(ddl)
        _drop_load_id_foreign_keys(conn)


def _add_event_key(conn: psycopg.Connection, table: RawTable) -> None:
    """Give an event table made before load-time deduplication its `_event_key` (looked up first, so
    the usual call takes no lock).

    Older versions kept every copy of an event in raw and deduplicated in staging; here the first
    copy (by load, then line) stays and the later ones move to raw.rejected_rows as duplicates, with
    their load's audit counts moved from loaded to rejected, so every audit row still balances.
    """
    has_key = conn.execute(
        "select 1 from information_schema.columns "
        "where table_schema = 'raw' and table_name = %s and column_name = '_event_key'",
        (table.name,),
    ).fetchone()
    if has_key:
        return
    name = sql.Identifier(table.name)
    values: dict[str, sql.Composable] = {c.name: sql.Identifier(c.name) for c in table.columns}
    conn.execute("set local timezone to 'UTC'")  # timestamps hash as UTC text, as at load
    conn.execute(sql.SQL("alter table raw.{} add column _event_key text").format(name))
    conn.execute(
        sql.SQL("update raw.{} set _event_key = {}").format(name, event_key_expression(table, values))
    )
    conn.execute(sql.SQL("alter table raw.{} alter column _event_key set not null").format(name))
    conn.execute(sql.SQL(MOVE_DUPLICATES_SQL).format(table=name))


# The later copies of each event, moved to the rejects with the reason naming the copy kept.
MOVE_DUPLICATES_SQL = """
with ranked as (
    select
        ctid as row_ctid,
        _load_id,
        _line_number,
        to_jsonb(events) - '_event_key' - '_load_id' - '_line_number' - '_loaded_at' as content,
        first_value(_load_id) over copies as kept_load_id,
        first_value(_line_number) over copies as kept_line_number,
        row_number() over copies as copy_number
    from raw.{table} as events
    window copies as (partition by _event_key order by _load_id, _line_number)
),

later_copies as (
    select * from ranked where copy_number > 1
),

moved as (
    insert into raw.rejected_rows (load_id, file_name, line_number, reason, raw_line)
    select
        later_copies._load_id,
        audit.file_name,
        later_copies._line_number,
        format(
            'duplicate event: already loaded (load %s, line %s)',
            later_copies.kept_load_id, later_copies.kept_line_number
        ),
        later_copies.content::text
    from later_copies
    inner join raw.load_audit as audit on later_copies._load_id = audit.load_id
    returning load_id
),

audited as (
    update raw.load_audit as audit
    set rows_loaded = audit.rows_loaded - moved_rows.n, rows_rejected = audit.rows_rejected + moved_rows.n
    from (select load_id, count(*) as n from moved group by load_id) as moved_rows
    where audit.load_id = moved_rows.load_id
)

delete from raw.{table} as events
using later_copies
where events.ctid = later_copies.row_ctid
"""


def _drop_load_id_foreign_keys(conn: psycopg.Connection) -> None:
    """Drop the `_load_id` foreign keys that raw data tables created before this contract still have.

    Looked up first, so that the usual call (nothing to drop) takes no table lock at all.
    """
    rows = conn.execute(
        "select t.relname, c.conname from pg_constraint c "
        "join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace "
        "where c.contype = 'f' and n.nspname = 'raw' and t.relname = any(%s) "
        "and c.confrelid = 'raw.load_audit'::regclass",
        (list(OLIST_TABLES),),
    ).fetchall()
    for table, constraint in rows:
        conn.execute(
            sql.SQL("alter table {} drop constraint {}").format(
                sql.Identifier("raw", table), sql.Identifier(constraint)
            )
        )

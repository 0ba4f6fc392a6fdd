"""The one naming rule: a relation `schema.table` in PostgreSQL is the asset `[schema, table]` in Dagster,
in the group `schema`.

Ingestion assets, dbt models, dbt sources and dbt exposures all go through these functions, so the raw
tables the loader writes and the dbt sources that read them get the same key without custom wiring,
and anyone can tell where an asset lives in the database from its key.
"""

from __future__ import annotations

from dagster import AssetKey

RAW_SCHEMA = "raw"
LANDING_GROUP = "landing"


def relation_asset_key(schema: str, table: str) -> AssetKey:
    """The asset key of the table or view `schema.table`."""
    return AssetKey([schema, table])


def relation_group(schema: str) -> str:
    """The asset group of everything in `schema`: one group per warehouse layer."""
    return schema


def landing_asset_key(source: str) -> AssetKey:
    """The landing folder that feeds the raw tables of `source` (outside the database)."""
    return AssetKey([LANDING_GROUP, source])


ML_GROUP = "ml"
ML_TABLE_PREFIX = "ml_"


def ml_asset_key(table: str) -> AssetKey:
    """The ML mart `marts.ml_<name>` (written by the models, not by dbt) is the asset `[ml, <name>]`."""
    return AssetKey([ML_GROUP, table.removeprefix(ML_TABLE_PREFIX)])

"""Ingestion assets: the landing folder, and one asset per raw table that the loader fills from it.

The raw tables are keyed `["raw", <table>]` by the shared naming rule, which is also how the dbt
source `raw` is keyed, so the dbt staging models hang below them with no extra wiring.
"""

# No `from __future__ import annotations`: Dagster reads the type hints of the decorated functions.
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from dagster import (
    AssetExecutionContext,
    AssetSpec,
    Config,
    Failure,
    MaterializeResult,
    MetadataValue,
    ResourceParam,
    multi_asset,
)
from pydantic import Field

from ingestion.loader import LOADED, SKIPPED, LoadResult, load_paths
from ingestion.raw_tables import EVENT_TABLES, OLIST_TABLES, RAW_TABLES, RawTable
from ingestion.report import render_result
from orchestration.naming import (
    LANDING_GROUP,
    RAW_SCHEMA,
    landing_asset_key,
    relation_asset_key,
    relation_group,
)
from orchestration.resources import WarehouseResource

# What lands, by kind of export. The loader finds each file's format from its content, so one load
# of the whole landing folder fills both kinds; the split only tells the graph which file feeds what.
LANDING_SOURCES: dict[str, tuple[str, dict[str, RawTable]]] = {
    "olist": ("Olist order exports (the 9 Kaggle CSV files)", OLIST_TABLES),
    "clickstream": (
        "Clickstream exports: canonical events (CSV or JSON Lines), REES46 events, journey events "
        "(JSON Lines) and UCI Online Shoppers sessions",
        EVENT_TABLES,
    ),
}

LANDING_SPECS = [
    AssetSpec(
        key=landing_asset_key(source),
        group_name=LANDING_GROUP,
        description=f"{what} in the landing folder (SHOPLENS_LANDING_DIR, default data/landing).",
        kinds={"file"},
    )
    for source, (what, _) in LANDING_SOURCES.items()
]

RAW_SPECS = [
    AssetSpec(
        key=relation_asset_key(RAW_SCHEMA, name),
        group_name=relation_group(RAW_SCHEMA),
        deps=[landing_asset_key(source)],
        description=f"Append-only raw.{name}: every loaded row of every export, with its load id.",
        kinds={"postgres"},
    )
    for source, (_, tables) in LANDING_SOURCES.items()
    for name in tables
]

# Raw tables the pipeline writes about itself rather than from an export: the loader's audit and
# rejects, and the persisted dbt results. The operations marts read them; nothing materializes them
# as an asset of their own, so they are external assets, in the raw group like the other raw tables.
BOOKKEEPING_SPECS = [
    AssetSpec(
        key=relation_asset_key(RAW_SCHEMA, name), group_name=relation_group(RAW_SCHEMA), description=what
    )
    for name, what in {
        "load_audit": "raw.load_audit: one row per file the loader saw, with its status and row counts.",
        "rejected_rows": "raw.rejected_rows: each row the loader rejected, with its file, line and reason.",
        "dbt_node_results": "raw.dbt_node_results: each node's result of every persisted dbt build.",
    }.items()
]


class LandingError(Failure):
    """The landing folder is missing, or a file in it was refused or failed to load."""


class LoadConfig(Config):
    """Which landing files a run loads: the landing sensor names the new ones."""

    paths: list[str] = Field(
        default_factory=list,
        description="Files or folders to load, relative to the landing folder; empty: the whole folder.",
    )


@multi_asset(
    name="load_landing_files",
    specs=RAW_SPECS,
    can_subset=True,
    description="Load the new files of the landing folder into the raw tables (idempotent per file).",
)
def raw_tables(
    context: AssetExecutionContext, config: LoadConfig, warehouse: ResourceParam[WarehouseResource]
) -> Iterator[MaterializeResult]:
    landing_dir = warehouse.landing_dir
    if not landing_dir.is_dir():
        raise LandingError(
            f"The landing folder {landing_dir} does not exist. Put the Olist or clickstream exports there, "
            "or point SHOPLENS_LANDING_DIR at the folder that holds them."
        )
    paths = [landing_dir / path for path in config.paths] or [landing_dir]
    # load_paths also creates the raw tables, so the dbt sources exist even when nothing has landed.
    results = load_paths(warehouse.get().owner, paths)
    _log_results(context, results)
    failed = [r for r in results if not r.ok]
    if failed:
        raise LandingError(failure_message(failed))
    if not results:
        context.log.warning(f"The landing folder {landing_dir} holds no files: nothing to load.")
    selected = context.selected_asset_keys
    for result in table_results(results, landing_dir=str(landing_dir)):
        if result.asset_key in selected:
            yield result


def failure_message(failed: Sequence[LoadResult]) -> str:
    lines = [f"{len(failed)} landing file(s) could not be loaded; fix or remove them and run again:"]
    lines += [f"- {r.file_name} ({r.status}): {r.message}" for r in failed]
    return "\n".join(lines)


def table_results(results: Iterable[LoadResult], *, landing_dir: str) -> Iterator[MaterializeResult]:
    """One materialization per raw table, with the rows and files this run loaded into it."""
    by_table: dict[str, list[LoadResult]] = defaultdict(list)
    for result in results:
        if result.table:
            by_table[result.table.removeprefix(f"{RAW_SCHEMA}.")].append(result)
    for name in RAW_TABLES:
        loaded = by_table.get(name, [])
        yield MaterializeResult(
            asset_key=relation_asset_key(RAW_SCHEMA, name),
            metadata={
                "rows_loaded": MetadataValue.int(sum(r.rows_loaded for r in loaded)),
                "rows_rejected": MetadataValue.int(sum(r.rows_rejected for r in loaded)),
                "files_loaded": MetadataValue.int(sum(r.status == LOADED for r in loaded)),
                "files_skipped": MetadataValue.int(sum(r.status == SKIPPED for r in loaded)),
                "landing_dir": MetadataValue.path(landing_dir),
            },
        )


def _log_results(context: AssetExecutionContext, results: Iterable[LoadResult]) -> None:
    """The lines `shoplens ingest` prints, as warnings for a file not loaded or with rejected rows."""
    for r in results:
        lines = "\n".join(render_result(r))
        if not r.ok or r.rows_rejected > 0:
            context.log.warning(lines)
        else:
            context.log.info(lines)

"""The landing-folder sensor: load and build what new files touch, a few seconds after they land.

The cursor is the listing the last run request saw: relative path -> "size:mtime_ns". A file counts
once it has stopped changing for SETTLE_SECONDS, so a copy still in progress does not start a run
on a half-written file (the simulator and the generator write files whole, under a hidden name
first); it is picked up at a later tick.

A run loads only the new or changed files (run config of `load_landing_files`) and materializes only
what they feed: the raw tables of their formats and everything downstream, but no ML model (those
train on their schedule, not on every file). While a run of the job is queued or in progress, new
files wait for the next tick: two builds of the same incremental models at once would each take
the same new events for their own.
"""

# No `from __future__ import annotations`: Dagster reads the type hints of the decorated functions.
import hashlib
import json
import time
from pathlib import Path

from dagster import (
    AssetKey,
    AssetSelection,
    DagsterRunStatus,
    DefaultSensorStatus,
    ResourceParam,
    RunConfig,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from ingestion.detect import match_file
from ingestion.errors import FileRefused
from ingestion.files import iter_files
from ingestion.raw_tables import RAW_TABLES
from orchestration.assets.ingestion import LoadConfig
from orchestration.jobs import shoplens_job
from orchestration.naming import RAW_SCHEMA, relation_asset_key
from orchestration.resources import WarehouseResource

SETTLE_SECONDS = 3.0
# The daemon's loop evaluates sensors at most every 5 s: the shortest interval that means anything.
TICK_SECONDS = 5
ML_GROUP = "ml"
Listing = dict[str, str]
ACTIVE_RUN_STATUSES = [
    DagsterRunStatus.QUEUED,
    DagsterRunStatus.NOT_STARTED,
    DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED,
    DagsterRunStatus.CANCELING,
]


def landing_listing(landing_dir: Path, *, now: float, settle_seconds: float = SETTLE_SECONDS) -> Listing:
    """The settled files under the landing folder; hidden files and folders (temp copies) are ignored."""
    if not landing_dir.is_dir():
        return {}
    listing: Listing = {}
    # The loader's own walk, so the sensor watches exactly the files a run would load.
    for path in iter_files([landing_dir]):
        stat = path.stat()
        if now - stat.st_mtime >= settle_seconds:
            listing[path.relative_to(landing_dir).as_posix()] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return listing


def changed_files(current: Listing, previous: Listing) -> list[str]:
    """Files that are new, or whose size or modification time differ from the previous listing."""
    return [path for path, signature in current.items() if previous.get(path) != signature]


def run_key(current: Listing, changed: list[str]) -> str:
    """The same arrivals give the same key, so Dagster never starts two runs for them."""
    payload = json.dumps([[path, current[path]] for path in changed])
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def fed_tables(landing_dir: Path, files: list[str]) -> set[str]:
    """The raw tables the files feed, by their format (found from their content, as the loader does).
    A file no format matches feeds none: the run only audits its refusal."""
    tables = set()
    for name in files:
        try:
            tables.add(match_file(landing_dir / name).format.table.name)
        except (FileRefused, OSError):
            continue
    return tables


def assets_to_build(tables: set[str]) -> AssetSelection:
    """The raw tables fed and everything downstream that a run materializes, ML models left out.
    Without a table (only refused files), the first raw table, so the load still runs."""
    keys = [relation_asset_key(RAW_SCHEMA, t) for t in sorted(tables)] or [
        relation_asset_key(RAW_SCHEMA, next(iter(RAW_TABLES)))
    ]
    downstream = AssetSelection.assets(*keys).downstream() if tables else AssetSelection.assets(*keys)
    return (downstream - AssetSelection.groups(ML_GROUP)).materializable()


def _job_is_busy(context: SensorEvaluationContext) -> bool:
    runs = context.instance.get_runs(
        filters=RunsFilter(job_name=shoplens_job.name, statuses=ACTIVE_RUN_STATUSES), limit=1
    )
    return bool(runs)


@sensor(
    name="landing_folder_sensor",
    job=shoplens_job,
    minimum_interval_seconds=TICK_SECONDS,
    default_status=DefaultSensorStatus.RUNNING,
    description=(
        "Loads new or changed landing files and builds what they feed (not the ML models), one run at a time."
    ),
)
def landing_folder_sensor(
    context: SensorEvaluationContext, warehouse: ResourceParam[WarehouseResource]
) -> SensorResult | SkipReason:
    landing_dir = warehouse.landing_dir
    previous: Listing = json.loads(context.cursor) if context.cursor else {}
    current = landing_listing(landing_dir, now=time.time())
    cursor = json.dumps(current, sort_keys=True)
    changed = changed_files(current, previous)
    if not changed:
        reason = f"No new or changed files in {landing_dir} ({len(current)} known)."
        return SensorResult(skip_reason=reason, cursor=cursor) if current != previous else SkipReason(reason)
    if _job_is_busy(context):  # the cursor stays: these files start the next run
        return SkipReason(f"{len(changed)} new file(s) wait for the run of {shoplens_job.name} in progress.")
    context.log.info(f"{len(changed)} new or changed file(s) in {landing_dir}: {', '.join(changed[:10])}")
    selected: set[AssetKey] = assets_to_build(fed_tables(landing_dir, changed)).resolve(
        context.repository_def.asset_graph
    )
    request = RunRequest(
        run_key=run_key(current, changed),
        asset_selection=sorted(selected, key=lambda key: key.to_user_string()),
        run_config=RunConfig(ops={"load_landing_files": LoadConfig(paths=changed)}),
        tags={"shoplens/changed_files": str(len(changed))},
    )
    return SensorResult(run_requests=[request], cursor=cursor)

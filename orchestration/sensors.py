"""The landing-folder sensor: start a run when files arrive or change, skip otherwise.

The cursor is the listing the last run request saw: relative path -> "size:mtime_ns". A file counts
once it has stopped changing for SETTLE_SECONDS, so a copy still in progress does not start a run
on a half-written file; it is picked up at a later tick.
"""

# No `from __future__ import annotations`: Dagster reads the type hints of the decorated functions.
import hashlib
import json
import time
from pathlib import Path

from dagster import (
    DefaultSensorStatus,
    ResourceParam,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from ingestion.files import iter_files
from orchestration.jobs import shoplens_job
from orchestration.resources import WarehouseResource

SETTLE_SECONDS = 15.0
Listing = dict[str, str]


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


@sensor(
    name="landing_folder_sensor",
    job=shoplens_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="Runs shoplens_job when new or changed files appear in the landing folder.",
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
    context.log.info(f"{len(changed)} new or changed file(s) in {landing_dir}: {', '.join(changed[:10])}")
    tags = {"shoplens/changed_files": str(len(changed))}
    request = RunRequest(run_key=run_key(current, changed), tags=tags)
    return SensorResult(run_requests=[request], cursor=cursor)

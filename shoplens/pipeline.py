"""The main job without Dagster: generate if empty, load the landing folder, build and test with dbt.

`shoplens demo` and `shoplens ingest`/`build` use it; `shoplens run` goes through Dagster instead.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingestion.files import iter_files
from shoplens.build_results import persist_build_results, target_dir_of
from shoplens.build_state import BuildStateStore, changed_selection, current_state
from shoplens.dbt import run_dbt
from shoplens.errors import ShoplensError
from shoplens.settings import DBT_PROJECT_DIR, Settings
from shoplens.warehouse import Warehouse

if TYPE_CHECKING:  # the loader is imported lazily: `shoplens --help` should not pay for it
    from ingestion.loader import LoadResult


class IngestError(ShoplensError):
    """At least one file was refused or failed to load."""


@dataclass(frozen=True)
class IngestSummary:
    results: list[LoadResult]
    lines: str

    @property
    def failed(self) -> list[LoadResult]:
        return [r for r in self.results if not r.ok]


def landing_has_files(landing_dir: Path) -> bool:
    """Whether the landing folder holds a file the loader would load (the loader's own walk decides)."""
    return landing_dir.is_dir() and any(iter_files([landing_dir]))


def generate_into_landing(settings: Settings, *, scale: float, seed: int, events: int | None = None) -> Path:
    """Write a synthetic shop into the landing folder: its Olist files in `olist/`, its clickstream
    (`events` events, default proportional to the scale) in `events/`. Returns the landing folder."""
    from ingestion.generator import generate_world

    generate_world(settings.landing_dir, scale=scale, seed=seed, events=events)
    return settings.landing_dir


def require_paths(paths: Sequence[Path]) -> None:
    """Refuse paths that do not exist; `shoplens ingest` calls it before starting a server for nothing."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise IngestError(f"No such file or folder: {', '.join(missing)}")


def ingest(warehouse: Warehouse, paths: Sequence[Path], *, strict: bool = False) -> IngestSummary:
    """Load files or folders; raise IngestError (after loading the rest) if any file was refused.

    A path that does not exist comes back from the loader as a failed file; callers that want to
    refuse it before any work (the CLI) call `require_paths` first.
    """
    from ingestion.loader import load_paths
    from ingestion.report import render_results

    results = load_paths(warehouse.owner, list(paths), strict=strict)
    summary = IngestSummary(results=results, lines="\n".join(render_results(results)))
    if summary.failed:
        names = ", ".join(r.file_name for r in summary.failed)
        raise IngestError(f"{summary.lines}\n{len(summary.failed)} file(s) not loaded: {names}")
    return summary


# dbt arguments that say what to build. Others (--quiet, --threads, ...) only say how, and go with
# the build of what changed. A build of a part of the project does not move the build state.
SELECTION_FLAGS = frozenset(
    {"--select", "-s", "--models", "-m", "--exclude", "--selector", "--resource-type"}
)
WHAT_TO_BUILD_FLAGS = SELECTION_FLAGS | {"--full-refresh", "-f"}


def _flags(args: Sequence[str]) -> set[str]:
    return {arg.split("=", 1)[0] for arg in args}


def build(
    warehouse: Warehouse, settings: Settings, dbt_args: Sequence[str] = (), *, quiet: bool = False
) -> list[str] | None:
    """`dbt build` (models, data tests and unit tests) of what changed since the last build.

    Without arguments that say what to build: what the loads and the project's edits since the last
    successful build touch (build_state), everything on a first build; None when nothing changed,
    and dbt does not run. With such arguments, such as --select marts or --full-refresh: exactly
    what they say. Returns the dbt arguments used. quiet=True shows only dbt's errors and warnings;
    `build_summary` then says what passed.
    """
    store = BuildStateStore(settings.home, warehouse.owner.url)
    with warehouse.connect() as conn:
        seen = current_state(conn)
    args = list(dbt_args)
    if not WHAT_TO_BUILD_FLAGS & _flags(dbt_args):
        changed = changed_selection(store.load(), seen, store.directory)
        if changed == []:
            return None
        args = [*(changed or []), *args]
    started = time.time()
    try:
        run_dbt(warehouse, [*(["--quiet"] if quiet else []), "build", *args], log_dir=settings.logs_dir)
    finally:  # a failed build's results are what the Data health page is for
        persist_build_results(warehouse.owner, target_dir_of(args), written_since=started)
    if not SELECTION_FLAGS & _flags(dbt_args):
        store.save(seen, DBT_PROJECT_DIR / "target" / "manifest.json")
    return args


def build_summary(run_results: Path = DBT_PROJECT_DIR / "target" / "run_results.json") -> str:
    """One line from dbt's run_results.json: how many models, data tests and unit tests passed."""
    results = json.loads(run_results.read_text())["results"]
    kinds = Counter(r["unique_id"].split(".", 1)[0] for r in results if r["status"] in ("success", "pass"))
    return (
        f"dbt build passed: {kinds['model']} models, {kinds['seed']} seeds, "
        f"{kinds['test']} data tests, {kinds['unit_test']} unit tests"
    )


def run_demo_pipeline(
    warehouse: Warehouse,
    settings: Settings,
    *,
    scale: float,
    seed: int,
    say: Callable[[str], None] = print,
) -> None:
    """Generate a shop if nothing has landed yet, load everything in the landing folder, build, test."""
    if not landing_has_files(settings.landing_dir):
        say(f"Generating a synthetic shop (scale {scale}, seed {seed}) into {settings.landing_dir} ...")
        generate_into_landing(settings, scale=scale, seed=seed)
    say(f"Loading {settings.landing_dir} ...")
    say(ingest(warehouse, [settings.landing_dir]).lines)
    say("Building and testing the dbt models ...")
    build(warehouse, settings, quiet=True)
    say(build_summary())

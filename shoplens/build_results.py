"""dbt's results of a build, persisted into raw.dbt_node_results for the Data health marts.

dbt writes target/run_results.json when an invocation ends, so no model of that invocation can read
it. After each build (`shoplens build`, the Dagster dbt steps) this module appends one row per node
of that file to raw.dbt_node_results (created by the project's on-run-start hook), and the views in
marts/operations read the table when the dashboard asks: the page reads marts like every other page,
and the dashboard role, which may read nothing in raw, reads them through the views.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from shoplens.settings import DBT_PROJECT_DIR
from shoplens.warehouse import ConnInfo

RESULTS_TABLE = "raw.dbt_node_results"
RUN_RESULTS_FILE = "run_results.json"
MANIFEST_FILE = "manifest.json"
DEFAULT_TARGET_DIR = DBT_PROJECT_DIR / "target"
# What a build builds and tests; hooks (operations) and exposures (no-ops) are left out.
PERSISTED_TYPES = frozenset({"model", "seed", "snapshot", "test", "unit_test"})

_INSERT = (
    "insert into raw.dbt_node_results (build_id, invocation_id, command, generated_at, unique_id, "
    "resource_type, node_name, tested_node, status, execution_seconds, started_at, completed_at, "
    "rows_affected, failures, message) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    # An invocation persisted twice (a retried step) keeps its first rows.
    "on conflict (invocation_id, unique_id) do nothing"
)


@dataclass(frozen=True)
class NodeResult:
    """One node of one dbt invocation, as raw.dbt_node_results holds it (the columns in order)."""

    build_id: str
    invocation_id: str
    command: str | None
    generated_at: datetime
    unique_id: str
    resource_type: str
    node_name: str
    tested_node: str | None
    status: str
    execution_seconds: float | None
    started_at: datetime | None
    completed_at: datetime | None
    rows_affected: int | None
    failures: int | None
    message: str | None


def target_dir_of(dbt_args: list[str], default: Path = DEFAULT_TARGET_DIR) -> Path:
    """The folder dbt writes its artifacts to for these arguments (`--target-path` or the project's)."""
    for index, arg in enumerate(dbt_args):
        if arg == "--target-path" and index + 1 < len(dbt_args):
            return _in_project(Path(dbt_args[index + 1]))
        if arg.startswith("--target-path="):
            return _in_project(Path(arg.split("=", 1)[1]))
    return default


def _in_project(path: Path) -> Path:
    return path if path.is_absolute() else DBT_PROJECT_DIR / path  # dbt runs in the project folder


def node_results(
    run_results: dict[str, Any], manifest: dict[str, Any] | None = None, build_id: str | None = None
) -> list[NodeResult]:
    """The rows of one run_results.json; the manifest (if any) names each test's model."""
    metadata = run_results["metadata"]
    invocation_id = metadata["invocation_id"]
    generated_at = _timestamp(metadata["generated_at"])
    command = (run_results.get("args") or {}).get("which")
    nodes = _manifest_nodes(manifest)
    return [
        _node_result(
            result,
            nodes.get(result["unique_id"], {}),
            build_id or invocation_id,
            invocation_id,
            command,
            generated_at,
        )
        for result in run_results["results"]
        if result["unique_id"].split(".", 1)[0] in PERSISTED_TYPES
    ]


def _manifest_nodes(manifest: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    if not manifest:
        return {}
    return {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}


def _node_result(
    result: dict[str, Any],
    node: dict[str, Any],
    build_id: str,
    invocation_id: str,
    command: str | None,
    generated_at: datetime,
) -> NodeResult:
    unique_id = result["unique_id"]
    parts = unique_id.split(".")
    resource_type = parts[0]
    # test.<project>.<name>.<hash>, model.<project>.<name>, unit_test.<project>.<model>.<name>
    fallback_name = parts[-1] if resource_type == "unit_test" else parts[2]
    started, completed = _execute_timing(result.get("timing") or [])
    adapter = result.get("adapter_response") or {}
    return NodeResult(
        build_id=build_id,
        invocation_id=invocation_id,
        command=command,
        generated_at=generated_at,
        unique_id=unique_id,
        resource_type=resource_type,
        node_name=node.get("name") or fallback_name,
        tested_node=_tested_node(node),
        status=str(result["status"]),
        execution_seconds=result.get("execution_time"),
        started_at=started,
        completed_at=completed,
        rows_affected=adapter.get("rows_affected"),
        failures=result.get("failures"),
        message=result.get("message"),
    )


def _tested_node(node: dict[str, Any]) -> str | None:
    """The name of the model (or source) a test is about: the one a data test is attached to, the one
    a unit test tests, or the only node a singular test reads."""
    parents = (node.get("depends_on") or {}).get("nodes") or []
    attached = (
        node.get("attached_node")
        or (f"model.{node.get('package_name')}.{node['model']}" if node.get("model") else None)
        or (parents[0] if len(parents) == 1 else None)
    )
    return attached.rsplit(".", 1)[-1] if attached else None


def _execute_timing(timing: list[dict[str, Any]]) -> tuple[datetime | None, datetime | None]:
    """When the node's execute step started and ended (compile comes before and is not the run)."""
    steps = {step["name"]: step for step in timing}
    step = steps.get("execute") or (timing[-1] if timing else None)
    if not step:
        return None, None
    return _timestamp(step.get("started_at")), _timestamp(step.get("completed_at"))


def _timestamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def read_node_results(target_dir: Path, build_id: str | None = None) -> list[NodeResult]:
    """The rows of the run_results.json in a dbt target folder (with its manifest, when it is there)."""
    run_results = json.loads((target_dir / RUN_RESULTS_FILE).read_text())
    manifest_path = target_dir / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else None
    return node_results(run_results, manifest, build_id)


def persist_node_results(conn: psycopg.Connection, results: list[NodeResult]) -> int:
    """Append the rows (parameterised inserts); returns how many were new. Nothing when the table is
    missing: only a dbt run creates it, and without one there are no results to keep."""
    exists = conn.execute("select to_regclass(%s) is not null", (RESULTS_TABLE,)).fetchone()
    if not exists or not exists[0]:
        return 0
    with conn.cursor() as cur:
        cur.executemany(_INSERT, [astuple(result) for result in results])
        return cur.rowcount


def persist_build_results(
    owner: ConnInfo, target_dir: Path, *, build_id: str | None = None, written_since: float | None = None
) -> int:
    """Persist the results dbt left in `target_dir`; returns the rows added.

    `written_since` (a time.time()) skips a run_results.json older than the build: when dbt failed
    before running anything, the file there is an earlier invocation's, not this build's.
    """
    path = target_dir / RUN_RESULTS_FILE
    if not path.exists() or (written_since is not None and path.stat().st_mtime < written_since):
        return 0
    results = read_node_results(target_dir, build_id)
    with owner.connect() as conn:
        return persist_node_results(conn, results)

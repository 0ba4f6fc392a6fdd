"""What changed since the last successful `shoplens build`: new loads, and the dbt project's files.

`shoplens build` without arguments builds only what changed: the models (and their tests)
downstream of the raw tables that received loads since its last successful build, and, when the
project's files changed, the models dbt finds modified (`state:modified+`, against the manifest of
that build). Nothing new means no dbt run at all. The state is a small JSON file and a copy of the
manifest per warehouse, under SHOPLENS_HOME/build_state. A build started elsewhere (Dagster, or
dbt by hand) is not recorded here: the next `shoplens build` then takes those loads for new, and
the incremental models find nothing left to do.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg

from shoplens.settings import DBT_PROJECT_DIR

# What a build depends on besides the data: the files dbt parses. The project's configuration
# (vars such as the time zones, materializations) is fingerprinted apart: when it changes, dbt's
# state comparison cannot tell every model it affects, so everything is rebuilt.
CODE_FOLDERS = ("models", "macros", "tests", "seeds")
CONFIG_FILES = ("dbt_project.yml", "../profiles.yml")
AUDIT_SOURCES = ("load_audit", "rejected_rows")  # every load attempt changes these
# Models written out of dbt's graph (the metric glossary, the freshness view): an edit of any yml can
# change them while their own SQL stays the same, which `state:modified` cannot see.
GRAPH_DERIVED_MODELS = "tag:built_from_project_graph"


@dataclass(frozen=True)
class BuildState:
    """What a build saw: the project's fingerprints, and the loads per raw table."""

    code_fingerprint: str
    config_fingerprint: str
    loads: dict[str, list[int]] = field(default_factory=dict)  # raw table -> load ids with rows
    last_audit_id: int = 0


def _fingerprint(paths: list[Path], root: Path) -> str:
    """sha256 over the path and content of the files, so any edit, addition or removal changes it."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(root.parent)).encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def code_fingerprint(dbt_project_dir: Path = DBT_PROJECT_DIR) -> str:
    folders = [dbt_project_dir / folder for folder in CODE_FOLDERS]
    return _fingerprint([p for f in folders for p in sorted(f.rglob("*")) if p.is_file()], dbt_project_dir)


def config_fingerprint(dbt_project_dir: Path = DBT_PROJECT_DIR) -> str:
    return _fingerprint([(dbt_project_dir / name).resolve() for name in CONFIG_FILES], dbt_project_dir)


def current_state(conn: psycopg.Connection, dbt_project_dir: Path = DBT_PROJECT_DIR) -> BuildState:
    """The project and the loads as they are now."""
    loads: dict[str, list[int]] = {}
    last_audit_id = 0
    has_audit = conn.execute("select to_regclass('raw.load_audit') is not null").fetchone()
    if has_audit and has_audit[0]:
        rows = conn.execute(
            "select target_table, load_id from raw.load_audit "
            "where status = 'loaded' and rows_loaded > 0 order by load_id"
        ).fetchall()
        for table, load_id in rows:
            loads.setdefault(table.removeprefix("raw."), []).append(load_id)
        last_audit_id = conn.execute("select coalesce(max(load_id), 0) from raw.load_audit").fetchone()[0]
    return BuildState(
        code_fingerprint(dbt_project_dir), config_fingerprint(dbt_project_dir), loads, last_audit_id
    )


def changed_selection(previous: BuildState | None, current: BuildState, state_dir: Path) -> list[str] | None:
    """dbt arguments that build what changed from `previous` to `current`: None to build everything
    (no earlier build, or the configuration changed), [] when nothing changed.

    Edited models are rebuilt with everything downstream of them, fully (--full-refresh): an
    incremental model whose logic changed would otherwise apply it to new rows only. A build of new
    data alone runs the data tests but not the unit tests: the code they test has not changed.
    """
    if previous is None or previous.config_fingerprint != current.config_fingerprint:
        return None
    selectors = [
        f"source:raw.{table}+"
        for table, load_ids in sorted(current.loads.items())
        if set(load_ids) - set(previous.loads.get(table, []))
    ]
    if current.last_audit_id != previous.last_audit_id:
        selectors += [f"source:raw.{table}+" for table in AUDIT_SOURCES]
    if current.code_fingerprint != previous.code_fingerprint:
        return [
            "--select",
            *selectors,
            "state:modified+",
            GRAPH_DERIVED_MODELS,
            "--state",
            str(state_dir),
            "--full-refresh",
        ]
    # Only data changed: the unit tests, which test the code on fixed inputs, would pass as before.
    return ["--select", *selectors, "--exclude-resource-type", "unit_test"] if selectors else []


class BuildStateStore:
    """The state of the last successful build of one warehouse (database on a server)."""

    def __init__(self, home: Path, warehouse_key: str) -> None:
        name = hashlib.sha256(warehouse_key.encode()).hexdigest()[:16]
        self.directory = home / "build_state" / name

    @property
    def manifest_path(self) -> Path:
        return self.directory / "manifest.json"

    def load(self) -> BuildState | None:
        path = self.directory / "state.json"
        if not path.exists() or not self.manifest_path.exists():
            return None
        try:
            return BuildState(**json.loads(path.read_text()))
        except (ValueError, TypeError):
            return None  # unreadable: build everything, then write it anew

    def save(self, state: BuildState, manifest: Path) -> None:
        """Keep the state and the build's manifest, written atomically (a crash leaves the old ones)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for target, write in (
            (self.manifest_path, lambda tmp: shutil.copyfile(manifest, tmp)),
            (self.directory / "state.json", lambda tmp: tmp.write_text(json.dumps(asdict(state)))),
        ):
            temporary = target.with_name(f".{target.name}.tmp")
            write(temporary)
            temporary.replace(target)

"""What `shoplens build` rebuilds: what new loads feed and what edited models touch, nothing else.

The loads come from a real warehouse's audit; the fingerprints from a copy of the dbt project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ingestion.loader import load_paths
from shoplens.build_state import (
    BuildState,
    BuildStateStore,
    changed_selection,
    code_fingerprint,
    config_fingerprint,
    current_state,
)
from shoplens.settings import DBT_PROJECT_DIR

STATE_DIR = Path("/state")
BUILT = BuildState("code-1", "config-1", {"events": [3], "olist_orders": [1, 2]}, last_audit_id=3)


def test_a_first_build_builds_everything() -> None:
    assert changed_selection(None, BUILT, STATE_DIR) is None


def test_nothing_new_builds_nothing() -> None:
    assert changed_selection(BUILT, BUILT, STATE_DIR) == []


def test_a_new_load_builds_what_its_table_feeds_and_the_audit_marts() -> None:
    now = BuildState("code-1", "config-1", {"events": [3, 5], "olist_orders": [1, 2]}, last_audit_id=5)
    assert changed_selection(BUILT, now, STATE_DIR) == [
        "--select",
        "source:raw.events+",
        "source:raw.load_audit+",
        "source:raw.rejected_rows+",
        "--exclude-resource-type",
        "unit_test",
    ]


def test_a_refused_file_changes_only_the_audit() -> None:
    now = BuildState("code-1", "config-1", BUILT.loads, last_audit_id=4)
    assert changed_selection(BUILT, now, STATE_DIR) == [
        "--select",
        "source:raw.load_audit+",
        "source:raw.rejected_rows+",
        "--exclude-resource-type",
        "unit_test",
    ]


def test_an_edited_model_is_rebuilt_fully_with_everything_downstream() -> None:
    now = BuildState("code-2", "config-1", BUILT.loads, last_audit_id=3)
    assert changed_selection(BUILT, now, STATE_DIR) == [
        "--select",
        "state:modified+",
        # the glossary and the freshness view are written from the graph any yml edit may change
        "tag:built_from_project_graph",
        "--state",
        str(STATE_DIR),
        "--full-refresh",
    ]


def test_a_changed_configuration_rebuilds_everything() -> None:
    now = BuildState("code-1", "config-2", BUILT.loads, last_audit_id=3)
    assert changed_selection(BUILT, now, STATE_DIR) is None


def test_the_state_reads_the_loads_with_rows_from_the_audit(warehouse, tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("event_time,user_id,event_type\n2018-03-05T10:00:00Z,u1,page_view\n")
    (tmp_path / "empty.csv").write_text("event_time,user_id,event_type\n")
    (tmp_path / "unknown.csv").write_text("what,is,this\n1,2,3\n")
    results = {r.file_name: r for r in load_paths(warehouse.owner, [tmp_path])}
    with warehouse.connect() as conn:
        state = current_state(conn)
    assert state.loads == {"events": [results["events.csv"].load_id]}  # not the empty or refused files
    assert state.last_audit_id == max(r.load_id for r in results.values())


def test_an_edit_of_a_model_or_of_the_config_changes_its_fingerprint(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    shutil.copy(DBT_PROJECT_DIR.parent / "profiles.yml", tmp_path / "profiles.yml")
    code, config = code_fingerprint(project), config_fingerprint(project)
    assert (code, config) == (code_fingerprint(project), config_fingerprint(project))
    model = project / "models" / "marts" / "sessions" / "fct_sessions.sql"
    model.write_text(model.read_text() + "\n")
    assert code_fingerprint(project) != code and config_fingerprint(project) == config
    (project / "dbt_project.yml").write_text((project / "dbt_project.yml").read_text() + "\n")
    assert config_fingerprint(project) != config


def test_the_store_keeps_the_state_and_manifest_of_a_warehouse(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text("{}")
    store = BuildStateStore(tmp_path / "home", "postgresql://owner@host/db")
    assert store.load() is None
    store.save(BUILT, manifest)
    assert BuildStateStore(tmp_path / "home", "postgresql://owner@host/db").load() == BUILT
    assert BuildStateStore(tmp_path / "home", "postgresql://owner@host/other").load() is None
    assert not [p for p in store.directory.iterdir() if p.name.startswith(".")]  # no temporary file left

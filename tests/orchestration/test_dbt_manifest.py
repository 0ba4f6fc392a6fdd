"""The manifest is parsed only when missing or stale, with no database settings needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orchestration.dbt_manifest import PARSE_PLACEHOLDERS, ensure_manifest, shoplens_dbt_project
from shoplens.settings import DBT_PROJECT_DIR


@pytest.fixture
def dbt_project_copy(tmp_path: Path) -> Path:
    """A private copy of the dbt project, so parsing here never races the real target/ folder."""
    copy = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    return copy


def test_manifest_is_parsed_when_missing_reused_when_current_reparsed_when_stale(
    dbt_project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parsing renders profiles.yml but needs no database: placeholders stand in for SHOPLENS_PG_*.
    for name in PARSE_PLACEHOLDERS:
        monkeypatch.delenv(name, raising=False)
    project = shoplens_dbt_project(dbt_project_copy)
    assert not project.manifest_path.exists()

    manifest = ensure_manifest(project)
    assert '"model.shoplens.fct_orders"' in manifest.read_text()
    parsed_at = manifest.stat().st_mtime_ns

    assert ensure_manifest(project).stat().st_mtime_ns == parsed_at

    new_model = dbt_project_copy / "models" / "marts" / "orders_copy_for_test.sql"
    new_model.write_text("select 1 as one\n")
    assert '"model.shoplens.orders_copy_for_test"' in ensure_manifest(project).read_text()

"""Fixtures for the Dagster tests: the code location's definitions, and a landing folder of samples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dagster import Definitions

from orchestration.definitions import build_definitions


@pytest.fixture(scope="session")
def shoplens_defs() -> Definitions:
    """The definitions `dagster dev` loads (settings from the environment, resolved lazily)."""
    return build_definitions()


@pytest.fixture
def sample_landing_dir(samples_dir: Path, tmp_path: Path) -> Path:
    """A landing folder holding a copy of the Olist sample files."""
    landing = tmp_path / "landing" / "olist"
    shutil.copytree(samples_dir / "olist", landing)
    return landing.parent

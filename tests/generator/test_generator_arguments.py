"""Bad arguments are refused with our own error type and a message that says what to do."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ingestion.generator import GeneratorArgumentError, generate_shop
from shoplens.errors import ShoplensError


@pytest.mark.parametrize("scale", [0, -1, -0.5, math.nan, math.inf, 1000, "1"])
def test_impossible_scale_is_refused(tmp_path: Path, scale) -> None:
    with pytest.raises(GeneratorArgumentError, match="scale"):
        generate_shop(tmp_path, scale=scale)
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("seed", [-1, 1.5, "42"])
def test_bad_seed_is_refused(tmp_path: Path, seed) -> None:
    with pytest.raises(GeneratorArgumentError, match="seed"):
        generate_shop(tmp_path, scale=0.01, seed=seed)


def test_argument_error_is_a_shoplens_error() -> None:
    assert issubclass(GeneratorArgumentError, ShoplensError)


def test_output_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(GeneratorArgumentError, match="folder"):
        generate_shop(blocker, scale=0.01)

"""A small generated shop, built once per test session, in memory and as files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ingestion.generator import Shop, build_shop, write_shop

# 5 % of Olist (~5,000 orders): big enough for shares to settle, small enough to build in a second.
TEST_SCALE = 0.05
TEST_SEED = 7


@pytest.fixture(scope="session")
def shop() -> Shop:
    return build_shop(scale=TEST_SCALE, seed=TEST_SEED)


@pytest.fixture(scope="session")
def shop_files(shop: Shop, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_shop(shop, tmp_path_factory.mktemp("generated_shop"))


def read_as_text(path: Path) -> pd.DataFrame:
    """A generated file read back independently of the generator: every value as text, empty stays empty."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="session")
def shop_read_back(shop_files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """The written files parsed with pandas: what a loader would see."""
    return {table: read_as_text(path) for table, path in shop_files.items()}

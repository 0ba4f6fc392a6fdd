"""The same seed gives byte-identical files; another seed gives another shop."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingestion.generator import generate_shop

SMALL = 0.01


def _hashes(paths: dict[str, Path]) -> dict[str, str]:
    return {table: hashlib.sha256(path.read_bytes()).hexdigest() for table, path in paths.items()}


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    first = _hashes(generate_shop(tmp_path / "a", scale=SMALL, seed=3))
    second = _hashes(generate_shop(tmp_path / "b", scale=SMALL, seed=3))
    assert first == second


def test_other_seed_gives_other_files_but_the_same_translation(tmp_path: Path) -> None:
    first = _hashes(generate_shop(tmp_path / "a", scale=SMALL, seed=3))
    other = _hashes(generate_shop(tmp_path / "b", scale=SMALL, seed=4))
    translation = "olist_category_translation"
    assert first[translation] == other[translation]  # reference data, whatever the seed
    assert all(first[t] != other[t] for t in first if t != translation)


def test_build_and_generate_agree(tmp_path: Path, shop, shop_files) -> None:
    """generate_shop writes exactly the in-memory shop that build_shop returns for the same arguments."""
    written = generate_shop(tmp_path, scale=shop.scale, seed=shop.seed)
    assert _hashes(written) == _hashes(shop_files)


def test_sizes_scale_linearly(shop) -> None:
    from ingestion.generator import build_shop

    double = build_shop(scale=shop.scale * 2, seed=shop.seed)
    for table in ("olist_orders", "olist_order_items", "olist_products", "olist_geolocation"):
        ratio = len(double[table]) / len(shop[table])
        assert 1.85 < ratio < 2.15, table
    assert len(double["olist_category_translation"]) == len(shop["olist_category_translation"]) == 71

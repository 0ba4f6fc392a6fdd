"""A crash while writing never leaves a partial file under the final name."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from ingestion.generator.kaggle_format import write_atomically, write_table


def test_crash_before_the_rename_keeps_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "olist_orders_dataset.csv"
    target.write_bytes(b"old complete file\n")

    def crash(*_args, **_kwargs):
        raise OSError("disk vanished")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk vanished"):
        write_atomically(target, b"new content that never lands\n")
    assert target.read_bytes() == b"old complete file\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_crash_before_the_first_write_leaves_no_file_at_all(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "olist_sellers_dataset.csv"

    def crash(*_args, **_kwargs):
        raise OSError("rename failed")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="rename failed"):
        write_atomically(target, b"data\n")
    assert list(tmp_path.iterdir()) == []


def test_write_table_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    frame = pd.DataFrame({"seller_id": ["0abc"], "seller_zip_code_prefix": ["01001"]})
    (tmp_path / "olist_sellers_dataset.csv").write_bytes(b"stale\n" * 1000)
    path = write_table(tmp_path, "olist_sellers", frame)
    assert path.read_bytes() == b'"seller_id","seller_zip_code_prefix"\n"0abc","01001"\n'


def test_a_failing_shop_write_replaces_none_of_the_previous_files(tmp_path: Path, monkeypatch, shop) -> None:
    from ingestion.generator import build_shop, write_shop

    first = write_shop(shop, tmp_path)
    before = {p: p.read_bytes() for p in first.values()}
    calls = {"n": 0}
    real_fsync = os.fsync

    def crash_on_the_fifth_file(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", crash_on_the_fifth_file)
    with pytest.raises(OSError, match="disk full"):
        # Another shop: every file but the translation would change if it were replaced.
        write_shop(build_shop(scale=0.01, seed=shop.seed + 1), tmp_path)
    assert {p: p.read_bytes() for p in first.values()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in first.values())

"""Event files are written like the Olist files: staged under hidden names, then renamed together."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from ingestion.generator import build_clickstream, write_clickstream


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_crash_while_writing_keeps_every_previous_file_and_no_temporary(
    shop, tmp_path: Path, monkeypatch
) -> None:
    write_clickstream(build_clickstream(shop, events=5_000), tmp_path)
    before = _hashes(tmp_path)
    calls = {"n": 0}
    real_fsync = os.fsync

    def crash_on_the_third_file(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", crash_on_the_third_file)
    with pytest.raises(OSError, match="disk full"):
        write_clickstream(build_clickstream(shop, events=5_000, seed=shop.seed + 1), tmp_path)
    assert _hashes(tmp_path) == before


def test_temporary_files_are_hidden_from_the_loader(shop, tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def watch(src, dst) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watch)
    paths = write_clickstream(build_clickstream(shop, events=2_000), tmp_path)
    assert len(seen) == len(paths) and all(name.startswith(".") for name in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)

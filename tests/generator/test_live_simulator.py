"""The live simulator: small files of events happening now, written whole, never repeating an event.

A fake clock drives it, so a minute of traffic takes a moment and the files' times can be checked
against the windows they were written in.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from ingestion.generator import build_shop
from ingestion.generator.live import simulate
from ingestion.generator.shop import GeneratorArgumentError
from ingestion.raw_tables import EVENT_TABLES

START = 1_900_000_000.0  # 2030-03-17 17:46:40 UTC


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def shop():
    return build_shop(scale=0.02, seed=5)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _run(shop, out: Path, **kwargs) -> tuple[list, FakeClock]:
    clock = FakeClock()
    files = []
    for written in simulate(shop, out, clock=clock, sleep=clock.sleep, **kwargs):
        files.append((written, clock.now))
    return files, clock


def test_files_come_every_few_seconds_with_the_events_of_their_window(shop, tmp_path: Path) -> None:
    files, clock = _run(shop, tmp_path / "live", rate=10, duration=60, every=5)
    assert len(files) == 12 and clock.now == START + 60
    previous = START
    for written, written_at in files:
        rows = _rows(written.path)
        assert len(rows) == written.events > 0
        times = [row["event_time"] for row in rows]
        assert times == sorted(times)
        stamps = [dt.datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp() for t in times]
        assert previous < min(stamps) and max(stamps) <= written_at  # what happened since the last file
        previous = written_at
    total = sum(written.events for written, _ in files)
    assert 10 * 60 * 0.7 < total < 10 * 60 * 1.3  # about the rate asked for


def test_every_event_is_written_once_in_the_canonical_format(shop, tmp_path: Path) -> None:
    files, _ = _run(shop, tmp_path / "live", rate=20, duration=30, every=5)
    rows = [row for written, _ in files for row in _rows(written.path)]
    assert len({row["event_id"] for row in rows}) == len(rows)
    assert list(rows[0]) == list(EVENT_TABLES["events"].column_names)
    assert {row["event_type"] for row in rows} >= {"page_view", "product_view"}
    # Sessions keep their own timing: a session's events are in time order and within minutes.
    assert all(row["session_id"] and row["user_id"] for row in rows)


def test_files_are_written_whole_and_a_second_run_sends_other_events(shop, tmp_path: Path) -> None:
    out = tmp_path / "live"
    first, _ = _run(shop, out, rate=10, duration=10, every=5)
    second, _ = _run(shop, out, rate=10, duration=10, every=5, seed=2)
    names = sorted(p.name for p in out.iterdir())
    assert not [name for name in names if name.startswith(".")]  # no temporary file left behind
    assert len(names) == len(first) + len(second)  # a second run never overwrites the first's files
    ids = [row["event_id"] for written, _ in first + second for row in _rows(written.path)]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("rate", "duration", "every"), [(0, 10, 5), (10, 0, 5), (10, 10, 0.1), (10, 10, 120)]
)
def test_impossible_arguments_are_refused_before_anything_is_written(
    shop, tmp_path: Path, rate: float, duration: float, every: float
) -> None:
    with pytest.raises(GeneratorArgumentError):
        next(simulate(shop, tmp_path / "live", rate=rate, duration=duration, every=every))
    assert not (tmp_path / "live").exists()

"""Impossible clickstream requests are refused with our own error type and a message that says what to do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingestion.generator import (
    GeneratorArgumentError,
    build_clickstream,
    generate_extra_events,
    generate_world,
)


@pytest.mark.parametrize("events", [-1, 10**12, 1.5, "100", True])
def test_impossible_event_budget_is_refused(shop, events) -> None:
    with pytest.raises(GeneratorArgumentError, match="events"):
        build_clickstream(shop, events=events)


@pytest.mark.parametrize("batch", ["Extra", "with space", "a/b", "x" * 40])
def test_batch_names_must_be_safe_file_name_parts(shop, batch) -> None:
    with pytest.raises(GeneratorArgumentError, match="batch"):
        build_clickstream(shop, events=100, batch=batch)


def test_an_extra_batch_needs_a_name(shop, tmp_path: Path) -> None:
    with pytest.raises(GeneratorArgumentError, match="name"):
        generate_extra_events(shop, tmp_path, events=100, seed=1, batch="")
    assert list(tmp_path.iterdir()) == []


def test_a_period_without_trade_is_refused(shop) -> None:
    with pytest.raises(GeneratorArgumentError, match="no activity"):
        build_clickstream(shop, events=100, period=(dt.date(2020, 1, 1), dt.date(2020, 1, 31)))
    with pytest.raises(GeneratorArgumentError, match="starts after"):
        build_clickstream(shop, events=100, period=(dt.date(2018, 1, 31), dt.date(2018, 1, 1)))


def test_a_bad_event_budget_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(GeneratorArgumentError, match="events"):
        generate_world(tmp_path, scale=0.01, events=-5)
    assert list(tmp_path.iterdir()) == []


def test_no_events_writes_the_shop_and_removes_an_older_clickstream(tmp_path: Path) -> None:
    generate_world(tmp_path, scale=0.01, seed=1, events=2_000)
    assert list((tmp_path / "events").glob("events_*.csv"))
    world = generate_world(tmp_path, scale=0.01, seed=2, events=0)
    assert world.clickstream is None and world.event_files == []
    assert list((tmp_path / "events").glob("events_*.csv")) == []
    assert len(list((tmp_path / "olist").glob("*.csv"))) == 9


def test_tiny_budgets_are_met_exactly(shop) -> None:
    for events in (0, 1, 7, 150):
        assert build_clickstream(shop, events=events).table.num_rows == events

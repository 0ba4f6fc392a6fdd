"""Determinism, and extra batches: same arguments give the same events; another batch never collides
with the first (ids, file names, orders, buyers)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from ingestion.generator import build_clickstream, generate_clickstream, generate_extra_events
from tests.generator.conftest import read_as_text

SMALL = 20_000


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def _read(folder: Path, pattern: str) -> pd.DataFrame:
    return pd.concat([read_as_text(p) for p in sorted(folder.glob(pattern))], ignore_index=True)


@pytest.fixture(scope="module")
def two_batches(shop, tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame, Path]:
    folder = tmp_path_factory.mktemp("batches")
    generate_clickstream(shop, folder, events=SMALL)
    generate_extra_events(shop, folder, events=SMALL // 4, seed=shop.seed + 1, batch="extra1")
    return _read(folder, "events_????-??.csv"), _read(folder, "events_*_extra1.csv"), folder


def test_same_shop_budget_and_seed_give_identical_files(shop, tmp_path: Path) -> None:
    generate_clickstream(shop, tmp_path / "a", events=SMALL)
    generate_clickstream(shop, tmp_path / "b", events=SMALL)
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")


def test_another_seed_gives_other_events_and_other_ids(shop) -> None:
    first = build_clickstream(shop, events=SMALL).table.to_pandas()
    other = build_clickstream(shop, events=SMALL, seed=shop.seed + 100).table.to_pandas()
    assert not set(first["event_id"]) & set(other["event_id"])
    assert not set(first["session_id"]) & set(other["session_id"])
    assert set(first["order_id"].dropna()) != set(other["order_id"].dropna())


def test_an_extra_batch_has_its_own_files_and_never_reuses_an_id(two_batches) -> None:
    first, extra, folder = two_batches
    assert len(extra) == SMALL // 4
    assert all(p.name.endswith(("_extra1.csv",)) or p.name.count("_") == 1 for p in folder.iterdir())
    assert not set(first["event_id"]) & set(extra["event_id"])
    assert not set(first["session_id"]) & set(extra["session_id"])
    anonymous = ~first["user_id"].isin(first.loc[first["customer_id"] != "", "user_id"])
    assert not set(first.loc[anonymous, "user_id"]) & set(extra["user_id"])


def test_an_extra_batch_buys_other_orders_of_other_people(two_batches) -> None:
    first, extra, _ = two_batches
    first_buys, extra_buys = (
        first[first["event_type"] == "purchase"],
        extra[extra["event_type"] == "purchase"],
    )
    assert len(extra_buys) > 0
    assert not set(first_buys["order_id"]) & set(extra_buys["order_id"])
    assert not set(first_buys["customer_id"]) & set(extra_buys["customer_id"])


def test_regenerating_the_main_batch_keeps_the_extra_batch(shop, two_batches, tmp_path: Path) -> None:
    _, _, folder = two_batches
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in folder.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    extra_before = {k: v for k, v in _hashes(copy).items() if "_extra1" in k}
    # A narrower period: the months outside it disappear, the extra batch stays as it was.
    generate_clickstream(shop, copy, events=SMALL // 2, period=(dt.date(2017, 11, 1), dt.date(2017, 11, 30)))
    after = _hashes(copy)
    assert {k: v for k, v in after.items() if "_extra1" in k} == extra_before
    main = sorted(k for k in after if "_extra1" not in k)
    assert "events_2017-11.csv" in main and "events_2017-03.csv" not in main


def test_a_period_keeps_visits_in_it_and_buyers_near_it(shop) -> None:
    november = (dt.date(2017, 11, 1), dt.date(2017, 11, 30))
    table = build_clickstream(shop, events=SMALL // 2, period=november).table.to_pandas()
    starts = pd.to_datetime(table.groupby("session_id")["event_time"].min(), utc=True)
    inside = starts.between(
        pd.Timestamp("2017-11-01 02:00", tz="UTC"), pd.Timestamp("2017-12-01 03:00", tz="UTC")
    )
    assert inside.mean() > 0.9  # the others are buyers' visits before or after their order
    purchase_days = table.loc[table["event_type"] == "purchase", "event_time"].str[:7]
    assert set(purchase_days) <= {"2017-11", "2017-12"}

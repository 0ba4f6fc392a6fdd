"""The vectorised building blocks agree with Python's own formatting and time zone rules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np

from ingestion.generator.event_text import iso_utc, numbered_ids, sequential_ids
from ingestion.generator.local_time import local_to_utc
from ingestion.generator.special_days import seasonal_calendar, special_days

EPOCH = dt.datetime(1970, 1, 1)


def test_iso_times_match_pythons_formatting() -> None:
    rng = np.random.default_rng(1)
    seconds = np.r_[rng.integers(1_470_000_000, 1_545_000_000, 2_000), 1_483_228_799, 1_483_228_800]
    expected = [(EPOCH + dt.timedelta(seconds=int(s))).strftime("%Y-%m-%dT%H:%M:%SZ") for s in seconds]
    assert iso_utc(seconds).to_pylist() == expected


def test_numbered_ids_are_zero_padded_numbers_behind_the_prefix() -> None:
    numbers = np.array([0, 7, 99_999, 100_000, 123_456_789, 9_999_999_999])
    assert numbered_ids("e1a", numbers, 10).to_pylist() == [f"e1a{n:010d}" for n in numbers]
    assert numbered_ids("s", numbers[:3], 8).to_pylist() == [f"s{n:08d}" for n in numbers[:3]]


def test_local_brazil_time_converts_like_zoneinfo_across_daylight_saving_changes() -> None:
    zone = ZoneInfo("America/Sao_Paulo")
    # Around the DST starts (2016-10-16, 2017-10-15) and ends (2017-02-19, 2018-02-18), every 20 minutes.
    starts = [dt.datetime(2016, 10, 15, 20), dt.datetime(2017, 2, 18, 20), dt.datetime(2017, 10, 14, 20)]
    starts.append(dt.datetime(2018, 2, 17, 20))
    moments = [start + dt.timedelta(minutes=20 * k) for start in starts for k in range(30)]
    local = np.array([int((m - EPOCH).total_seconds()) for m in moments])
    expected = [int(m.replace(tzinfo=zone).timestamp()) for m in moments]
    assert local_to_utc(local).tolist() == expected


def test_brazils_special_days_fall_on_their_dates() -> None:
    days = special_days(2017)
    assert days["dia_das_maes"] == dt.date(2017, 5, 14)  # second Sunday of May
    assert days["dia_dos_pais"] == dt.date(2017, 8, 13)  # second Sunday of August
    assert days["black_friday"] == dt.date(2017, 11, 24)
    assert days["dia_dos_namorados"] == dt.date(2017, 6, 12)
    assert days["dia_das_criancas"] == dt.date(2017, 10, 12)
    assert special_days(2018)["dia_das_maes"] == dt.date(2018, 5, 13)


def test_traffic_rises_before_a_special_day_and_not_on_an_ordinary_one() -> None:
    import pandas as pd

    calendar = seasonal_calendar(pd.date_range("2018-05-01", "2018-05-31"))
    assert calendar.loc["2018-05-12", "factor"] > calendar.loc["2018-05-05", "factor"] > 1
    assert calendar.loc["2018-05-12", "campaign"] == "dia_das_maes"
    assert calendar.loc["2018-05-20", "factor"] == 1 and calendar.loc["2018-05-20", "campaign"] == ""


def test_the_warehouse_knows_the_same_special_days_as_the_generator() -> None:
    """One world: the dbt seed that dates special days (for special-day closeness) agrees with the
    calendar that raised the generated traffic."""
    import pandas as pd

    from shoplens.settings import DBT_PROJECT_DIR

    seed = pd.read_csv(DBT_PROJECT_DIR / "seeds" / "special_days.csv", dtype=str)
    for year in (2016, 2017, 2018):
        for name, day in special_days(year).items():
            rows = seed[(seed["special_day"] == name) & seed["special_date"].str.startswith(str(year))]
            assert rows["special_date"].tolist() == [day.isoformat()], (year, name)


def test_sequential_ids_count_up_across_every_digit_chunk() -> None:
    for n in (0, 1, 99_999, 100_001, 250_003):
        assert sequential_ids("e", n, 10).to_pylist() == [f"e{i:010d}" for i in range(n)]
        assert sequential_ids("s9", n, 8).to_pylist() == [f"s9{i:08d}" for i in range(n)]

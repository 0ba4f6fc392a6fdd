"""Finding a file's format from its header: every sample file, event formats, near misses, unknown headers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingestion.errors import FileRefused
from ingestion.formats import FORMATS, JSONL, identify_format
from ingestion.raw_tables import EVENT_TABLES, OLIST_TABLES, RAW_TABLES
from tests.ingestion.sample_files import KAGGLE_NAMES


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


@pytest.mark.parametrize("folder", ["olist", "olist_canonical_format"])
def test_every_sample_header_identifies_its_table(samples_dir: Path, folder: str) -> None:
    files = sorted((samples_dir / folder).glob("*.csv"))
    assert files
    for path in files:
        match = identify_format(_header(path), "renamed.csv")  # the name plays no part
        assert match.format.table.name == KAGGLE_NAMES[path.name]
        assert match.ignored_columns == ()


def test_every_olist_table_has_exactly_one_format_and_every_raw_table_one_or_more() -> None:
    tables = [f.table.name for f in FORMATS]
    assert sorted(t for t in tables if t in OLIST_TABLES) == sorted(OLIST_TABLES)
    assert set(tables) == set(RAW_TABLES)


def test_header_order_case_and_spaces_do_not_matter() -> None:
    columns = list(reversed(OLIST_TABLES["olist_sellers"].column_names))
    match = identify_format([f"  {c.upper()} " for c in columns], "sellers.csv")
    assert match.format.name == "olist_sellers"
    assert match.field_of_column["seller_id"] == len(columns) - 1


def test_extra_columns_are_ignored_and_reported() -> None:
    header = ["index", *OLIST_TABLES["olist_sellers"].column_names]
    match = identify_format(header, "sellers.csv")
    assert match.format.name == "olist_sellers"
    assert match.ignored_columns == ("index",)
    assert match.field_of_column["seller_id"] == 1


def test_header_close_to_a_format_names_it_and_the_missing_columns() -> None:
    columns = [
        c for c in OLIST_TABLES["olist_order_items"].column_names if c not in ("price", "freight_value")
    ]
    with pytest.raises(FileRefused) as refused:
        identify_format(columns, "items_export.csv")
    message = str(refused.value)
    assert message.startswith("items_export.csv:")
    assert "olist_order_items format" in message
    assert "lacks the columns price, freight_value" in message


def test_unknown_header_is_refused_naming_the_file_and_the_known_formats() -> None:
    with pytest.raises(FileRefused) as refused:
        identify_format(["colour", "size", "weight"], "mystery.csv")
    message = str(refused.value)
    assert message.startswith("mystery.csv: the header matches no known format")
    assert "colour, size, weight" in message
    assert "olist_orders" in message


def test_repeated_header_column_is_refused() -> None:
    header = [*OLIST_TABLES["olist_sellers"].column_names, "seller_id"]
    with pytest.raises(FileRefused, match="repeats the columns seller_id"):
        identify_format(header, "sellers.csv")


REES46_HEADER = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session"
REES46_FIRST_RECORD = (
    "2019-11-01 00:00:00 UTC,view,1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07,"
    "520088904,4d3b30da-a5e4-49df-b1a8-ba5943f1dd33"
)


def test_rees46_header_matches_rees46_not_the_canonical_events_it_also_satisfies() -> None:
    header = REES46_HEADER.split(",")
    assert not next(f for f in FORMATS if f.name == "events").missing_columns(header)
    match = identify_format(header, "2019-Oct.csv")
    assert (match.format.name, match.ignored_columns, match.first_data_line) == ("rees46_events", (), 2)


def test_headerless_rees46_is_recognised_by_the_shape_of_its_first_record() -> None:
    match = identify_format(REES46_FIRST_RECORD.split(","), "2019-Oct.csv")
    assert match.format.name == "rees46_events_headerless"
    assert match.format.table.name == "rees46_events"
    assert (match.width, match.first_data_line) == (9, 1)
    assert match.field_of_column == {c: i for i, c in enumerate(REES46_HEADER.split(","))}


def test_first_record_of_another_shape_is_not_taken_for_headerless_rees46() -> None:
    fields = REES46_FIRST_RECORD.split(",")
    for broken in (fields[:8], [fields[0].replace(" UTC", "x"), *fields[1:]], [*fields[:7], "u1", fields[8]]):
        with pytest.raises(FileRefused, match="the header matches no known format"):
            identify_format(broken, "events.csv")


def test_uci_sample_header_matches_in_lower_case(samples_dir: Path) -> None:
    match = identify_format(
        _header(samples_dir / "online_shoppers" / "online_shoppers_intention.csv"), "x.csv"
    )
    assert (match.format.name, match.ignored_columns) == ("uci_sessions", ())
    assert match.field_of_column["productrelated_duration"] == 5


def test_canonical_header_may_hold_any_subset_with_the_required_columns() -> None:
    match = identify_format(["Event_Type", "user_id", "event_time", "region", "colour"], "e.csv")
    assert match.format.name == "events"
    assert match.field_of_column == {"event_time": 2, "user_id": 1, "event_type": 0, "region": 3}
    assert [c.name for c in match.columns] == ["event_time", "user_id", "event_type", "region"]
    assert match.ignored_columns == ("colour",)


def test_json_keys_tell_canonical_from_journey_events() -> None:
    canonical = identify_format(["event_time", "user_id", "event_type", "page_path"], "a.jsonl", kind=JSONL)
    journey = identify_format(
        ["user_id", "session_id", "path", "css", "text", "value", "event_time", "uuid"], "b.jsonl", kind=JSONL
    )
    assert (canonical.format.name, journey.format.name) == ("events_jsonl", "journey_events")
    # JSON Lines land every column of the format, whichever keys the first lines had.
    assert canonical.header == EVENT_TABLES["events"].column_names
    assert journey.header == EVENT_TABLES["journey_events"].column_names


def test_journey_keys_in_a_csv_header_are_not_a_csv_format() -> None:
    with pytest.raises(FileRefused, match="lacks the column event_type"):
        identify_format(["user_id", "session_id", "path", "css", "text", "value", "event_time"], "j.csv")

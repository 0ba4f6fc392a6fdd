"""Finding a file's format from its header: every Olist file, near misses and unknown headers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingestion.errors import FileRefused
from ingestion.formats import FORMATS, identify_format
from ingestion.raw_tables import OLIST_TABLES
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


def test_every_olist_table_has_exactly_one_format() -> None:
    assert sorted(f.table.name for f in FORMATS) == sorted(OLIST_TABLES)


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

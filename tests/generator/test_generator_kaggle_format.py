"""The generated files look exactly like Kaggle's Olist files: names, headers, quoting, line ends.

The line patterns below encode Kaggle's quoting rule (header quoted; a text value that starts with a
digit is quoted; numbers never are). The tests first prove that the real canonical files match the
patterns, then that the generated files do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ingestion.raw_tables import OLIST_TABLES
from tests.ingestion.sample_files import KAGGLE_NAMES

# The Kaggle file names, written down once for the tests (independently of the generator's own list).
KAGGLE_FILE_NAMES = {table: file_name for file_name, table in KAGGLE_NAMES.items()}

ID = r'(?:"\d[0-9a-f]{31}"|[a-f][0-9a-f]{31})'
TS = r'"20\d\d-[01]\d-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d"'
OPT_TS = rf"(?:{TS})?"
ZIP = r'"\d{5}"'
# Unquoted text never starts with a digit; quoted text starts with one or holds a comma.
CITY = r'(?:[^",\r\n\d][^",\r\n]*|"(?:\d|[^"\r\n]*,)[^"\r\n]*")'
STATE = r"[A-Z]{2}"
INT = r"\d+"
OPT_INT = r"\d*"
MONEY = r"\d+\.\d\d"
FLOAT = r"-?\d+\.\d+(?:e-?\d+)?"
FREE_TEXT = r'(?:"(?:[^"]|"")*"|[^",\r\n\d][^",\r\n]*|)'
CATEGORY = r"(?:[a-z][a-z0-9_]*)?"


def _record(*fields: str) -> re.Pattern[str]:
    return re.compile(",".join(fields))


RECORD_PATTERNS: dict[str, re.Pattern[str]] = {
    "olist_orders": _record(ID, ID, r"[a-z]+", TS, OPT_TS, OPT_TS, OPT_TS, TS),
    "olist_order_items": _record(ID, INT, ID, ID, TS, MONEY, MONEY),
    "olist_order_payments": _record(ID, INT, r"[a-z_]+", INT, MONEY),
    "olist_order_reviews": _record(ID, ID, r"[1-5]", FREE_TEXT, FREE_TEXT, TS, TS),
    "olist_customers": _record(ID, ID, ZIP, CITY, STATE),
    "olist_products": _record(ID, CATEGORY, *[OPT_INT] * 7),
    "olist_sellers": _record(ID, ZIP, CITY, STATE),
    "olist_geolocation": _record(ZIP, FLOAT, FLOAT, CITY, STATE),
}
CANONICAL_TABLES = ("olist_order_payments", "olist_products", "olist_sellers")


def kaggle_header(table: str) -> str:
    return ",".join(f'"{name}"' for name in OLIST_TABLES[table].column_names)


def assert_kaggle_body(path: Path, table: str) -> int:
    """Every record of the file matches its Kaggle pattern; returns the number of records."""
    text = path.read_bytes().decode("utf-8")
    header, _, body = text.partition("\n")
    assert header == kaggle_header(table)
    assert text.endswith("\n")  # LF line ends and a final newline; CR only inside quoted texts
    pattern, position, records = RECORD_PATTERNS[table], 0, 0
    # Records may span lines (review texts), so match record by record rather than line by line.
    while position < len(body):
        match = pattern.match(body, position)
        assert match is not None and body[match.end() : match.end() + 1] == "\n", (
            f"{path.name}: record {records + 1} breaks the Kaggle style: {body[position : position + 200]!r}"
        )
        position, records = match.end() + 1, records + 1
    return records


def test_generate_writes_the_nine_kaggle_file_names(shop_files: dict[str, Path]) -> None:
    assert set(shop_files) == set(OLIST_TABLES)
    assert {t: p.name for t, p in shop_files.items()} == KAGGLE_FILE_NAMES
    assert all(p.is_file() for p in shop_files.values())
    assert len({p.parent for p in shop_files.values()}) == 1
    assert not [p for p in next(iter(shop_files.values())).parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("table", CANONICAL_TABLES)
def test_line_patterns_describe_the_real_kaggle_files(samples_dir: Path, table: str) -> None:
    path = samples_dir / "olist_canonical_format" / KAGGLE_FILE_NAMES[table]
    records = assert_kaggle_body(path, table)
    assert records == len(pd.read_csv(path, dtype=str))


@pytest.mark.parametrize("table", sorted(RECORD_PATTERNS))
def test_generated_file_follows_kaggle_header_and_quoting(
    shop_files: dict[str, Path], shop, table: str
) -> None:
    records = assert_kaggle_body(shop_files[table], table)
    assert records == len(shop[table])


@pytest.mark.parametrize("table", CANONICAL_TABLES + ("olist_category_translation",))
def test_header_bytes_equal_the_canonical_file(
    samples_dir: Path, shop_files: dict[str, Path], table: str
) -> None:
    canonical = (samples_dir / "olist_canonical_format" / KAGGLE_FILE_NAMES[table]).read_bytes()
    generated = shop_files[table].read_bytes()
    assert generated.split(b"\n", 1)[0] == canonical.split(b"\n", 1)[0]


def test_misspelled_product_columns_are_kept(shop_files: dict[str, Path]) -> None:
    header = shop_files["olist_products"].read_text(encoding="utf-8").split("\n", 1)[0]
    assert '"product_name_lenght","product_description_lenght"' in header


def test_translation_file_has_bom_crlf_and_no_final_newline(shop_files: dict[str, Path]) -> None:
    data = shop_files["olist_category_translation"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbfproduct_category_name,product_category_name_english\r\n")
    assert not data.endswith(b"\n")
    lines = data[3:].split(b"\r\n")
    assert len(lines) == 72 and all(b"\n" not in line and line.count(b",") == 1 for line in lines)
    assert b'"' not in data


def test_translation_file_is_byte_identical_to_kaggle(samples_dir: Path, shop_files: dict[str, Path]) -> None:
    canonical = samples_dir / "olist_canonical_format" / KAGGLE_FILE_NAMES["olist_category_translation"]
    assert shop_files["olist_category_translation"].read_bytes() == canonical.read_bytes()


def test_zip_prefixes_are_five_digit_text_with_leading_zeros(shop_read_back: dict[str, pd.DataFrame]) -> None:
    columns = {
        "olist_customers": "customer_zip_code_prefix",
        "olist_sellers": "seller_zip_code_prefix",
        "olist_geolocation": "geolocation_zip_code_prefix",
    }
    for table, column in columns.items():
        assert shop_read_back[table][column].str.fullmatch(r"\d{5}").all()
    assert shop_read_back["olist_geolocation"]["geolocation_zip_code_prefix"].str.startswith("0").any()


def test_timestamps_are_naive_and_parse(shop_read_back: dict[str, pd.DataFrame]) -> None:
    for table, raw in OLIST_TABLES.items():
        frame = shop_read_back[table]
        for column in [c.name for c in raw.columns if c.pg_type == "timestamp"]:
            values = frame[column][frame[column] != ""]
            assert len(values) > 0 and values.str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d").all()
            assert pd.to_datetime(values, format="%Y-%m-%d %H:%M:%S").dt.tz is None


def test_writer_quotes_like_kaggle_and_round_trips_through_csv() -> None:
    import csv
    import io

    from ingestion.generator.kaggle_format import render_kaggle_csv

    frame = pd.DataFrame(
        {
            "id": ["0abc", "abc0", "x"],
            "text": ['says "hi", then\r\nleaves', None, "plain"],
            "n": pd.array([1, None, 30], dtype="Int64"),
            "price": [1.5, 0.0, 1234.99],
            "at": pd.to_datetime(["2017-11-24 10:00:01", None, "2018-01-01 00:00:00"]),
        }
    )
    data = render_kaggle_csv(frame)
    assert data.decode().splitlines()[1] == '"0abc","says ""hi"", then'
    assert b'abc0,,,0.00,\nx,plain,30,1234.99,"2018-01-01 00:00:00"\n' in data
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert rows[1] == ["0abc", 'says "hi", then\r\nleaves', "1", "1.50", "2017-11-24 10:00:01"]

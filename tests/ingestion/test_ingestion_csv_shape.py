"""CsvShape: which files PostgreSQL's CSV parser reads exactly as Python's csv module, and their lines."""

from __future__ import annotations

import csv
import io
import random

import pytest

from ingestion.csv_shape import _PLAIN_LINES, CsvShape, _simply_quoted


def _shape(data: bytes, chunk_size: int | None = None) -> CsvShape:
    shape = CsvShape()
    size = chunk_size or max(len(data), 1)
    for start in range(0, len(data), size):
        shape.feed(data[start : start + size])
    shape.finish()
    return shape


def _python_records(data: bytes) -> int:
    """Records as Python's csv module reads them, header included, as the loader would."""
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


PLAIN = {
    "final newline": b'a,b\n1,2\n"x,y",""\n',
    "no final newline": b"a,b\n1,2\n3,4",
    "crlf": b'a,b\r\n1,"q""uote"\r\n3,4\r\n',
    "bom and quoted header": b'\xef\xbb\xbf"a","b"\n"1",2\n',
    "header only": b"a,b\n",
}
NOT_PLAIN = {
    "quote inside an unquoted field": b'a,b\n1,ab"c"d\n',
    "text after a closing quote": b'a,b\n1,"ab"c\n',
    "line break inside quotes": b'a,b\n1,"two\nlines"\n',
    "carriage return inside quotes": b'a,b\n1,"two\rlines"\n',
    "lone carriage return": b"a,b\n1,2\r3,4\n",
    "unbalanced quote on the last line": b'a,b\n1,"2',
}


@pytest.mark.parametrize("data", PLAIN.values(), ids=PLAIN.keys())
def test_plain_files_count_one_line_per_record(data: bytes) -> None:
    shape = _shape(data)
    assert shape.plain
    assert shape.physical_lines == _python_records(data)


@pytest.mark.parametrize("data", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_quoting_the_parsers_read_differently_is_not_plain(data: bytes) -> None:
    assert not _shape(data).plain


@pytest.mark.parametrize("data", [*PLAIN.values(), *NOT_PLAIN.values()])
def test_chunk_boundaries_do_not_change_the_verdict(data: bytes) -> None:
    whole = _shape(data)
    for size in (1, 2, 3, 7):
        pieces = _shape(data, size)
        assert (pieces.plain, pieces.newlines) == (whole.plain, whole.newlines)
        if whole.plain:
            assert pieces.physical_lines == whole.physical_lines


def test_a_line_longer_than_the_csv_field_limit_is_not_plain() -> None:
    # Such a line may hold a field Python's csv module refuses, so the Python way must decide. Lines
    # are probed in windows, so one up to half the limit is surely plain.
    limit = csv.field_size_limit()
    assert _shape(b"a,b\n1," + b"x" * (limit // 2 - 2) + b"\n").plain
    for size in (limit - 1, 2 * limit):
        long_line = b"a,b\n1," + b"x" * size
        assert not _shape(long_line + b"\n").plain
        assert not _shape(long_line + b"\n", chunk_size=4096).plain
        assert not _shape(long_line, chunk_size=4096).plain  # as the last line, without a line break


def test_the_fast_quote_test_never_clears_what_the_plain_pattern_refuses() -> None:
    # The vectorised test may only say "plain" where the pattern, the definition, says so too.
    rng = random.Random(7)
    cleared = 0
    for _ in range(20_000):
        line = "".join(rng.choice('ab,,""\r') for _ in range(rng.randint(0, 10)))
        lines = (line + "\n" + rng.choice(['"x",y\n', "x\n", '"a,b"\r\n'])).encode()
        if _simply_quoted(lines):
            cleared += 1
            assert _PLAIN_LINES.fullmatch(lines), lines
    assert cleared > 1_000  # and it does clear plenty


def test_the_fast_quote_test_clears_ordinary_quoting() -> None:
    assert _simply_quoted(b'"a","b,c",1\r\n"x",,"y"\r\n')
    assert not _simply_quoted(b'"a""b",1\n')  # an escaped quote: left to the pattern
    assert not _simply_quoted(b'"a\nb",1\n')  # a line break inside quotes

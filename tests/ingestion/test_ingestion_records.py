"""Reading CSV records: physical start lines, wrong field counts, blank lines, BOM and CRLF."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.errors import FileRefused
from ingestion.files import iter_files
from ingestion.records import landing_rows, open_csv, read_header


def _rows(path: Path, width: int) -> list[list]:
    with open_csv(path) as handle:
        return list(landing_rows(handle, width, path.name))


def test_record_line_is_the_physical_line_where_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text('a,b\n1,"two\nlines"\n2,"three\r\nmore\nlines"\n3,x\n', encoding="utf-8")
    rows = _rows(path, 2)
    assert [r[2] for r in rows] == [2, 4, 7]
    assert rows[1][1] == "three\r\nmore\nlines"


def test_wrong_field_count_keeps_reason_and_text(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text('a,b,c\n1,2,3\n1,"x,y"\n1,2,3,4\n', encoding="utf-8")
    rows = _rows(path, 3)
    assert rows[0] == ["1", "2", "3", 2, None, None]
    assert rows[1] == [None, None, None, 3, "expected 3 fields, found 2", '1,"x,y"']
    assert rows[2] == [None, None, None, 4, "expected 3 fields, found 4", "1,2,3,4"]


def test_blank_lines_hold_no_record_but_count_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("a,b\n\n1,2\n\n", encoding="utf-8")
    assert _rows(path, 2) == [["1", "2", 3, None, None]]


def test_bom_crlf_and_no_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("\ufeffa,b\r\n1,2\r\n3,4".encode())
    assert read_header(path) == ["a", "b"]
    assert [r[:3] for r in _rows(path, 2)] == [["1", "2", 2], ["3", "4", 3]]


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(FileRefused, match=r"^empty\.csv: the file is empty"):
        read_header(path)


def test_invalid_utf8_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("a,b\n1,2\n3,S\xe3o Paulo\n".encode("latin-1"))
    with pytest.raises(FileRefused, match=r"^latin1\.csv: .* not valid UTF-8"):
        _rows(path, 2)


def test_directories_are_walked_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    for name in ["b.csv", "a/z.csv", "a/c.csv", ".hidden.csv", ".git/x.csv", "c/.d/y.csv"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a/c.csv", "a/z.csv", "b.csv"]

"""Reading a CSV file's records with the physical line where each one starts.

Python's C csv module does the parsing; the only per-row Python work is numbering lines and checking
the field count, so that validation and casting can happen in bulk in SQL afterwards. Physical lines
are not records: a quoted field may hold newlines, so a record's line is where it starts, and the
header is line 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ingestion.errors import FileRefused

# Kaggle files are UTF-8, some with a BOM; utf-8-sig reads both.
ENCODING = "utf-8-sig"


@contextmanager
def open_csv(path: Path) -> Iterator[TextIO]:
    # newline="" hands line endings to the csv module, which keeps newlines inside quoted fields.
    with open(path, encoding=ENCODING, newline="") as handle:
        yield handle


def read_header(path: Path) -> list[str]:
    """The first record of the file; FileRefused if the file is empty or unreadable."""
    with open_csv(path) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise FileRefused(f"{path.name}: the header cannot be read as UTF-8 CSV ({exc}).") from exc
    if not header or not any(field.strip() for field in header):
        raise FileRefused(
            f"{path.name}: the file is empty (no header line). "
            "Export it again with its header row, or remove it from the landing folder."
        )
    return header


def landing_rows(
    handle: TextIO, width: int, file_name: str, *, header: bool = True
) -> Iterator[list[str | int | None]]:
    """Each data record as `fields + [line_number, reason, raw_line]`, ready for the landing COPY.

    An empty field is None (the landing table's NULL). A record with the wrong number of fields
    keeps its reason and its re-serialised text, and NULL fields, so it reaches raw.rejected_rows
    through the same bulk step as every other reject. Blank lines are skipped: they hold no record.
    Without a header, line 1 is the first record.
    """
    reader = csv.reader(handle)
    try:
        if header:
            next(reader)  # the header, already matched
        previous_end = reader.line_num
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if len(row) == width:
                yield [field or None for field in row] + [start, None, None]
            elif row:
                yield [None] * width + [start, _field_count_reason(width, len(row)), _to_csv_line(row)]
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"{file_name}: after line {reader.line_num} the file is not valid UTF-8 ({exc.reason}). "
            "Save it as UTF-8 and load it again."
        ) from exc
    except csv.Error as exc:
        # E.g. a stray quote swallowing the rest of the file: the csv module's field size limit
        # (131,072 characters) stops it here instead of loading one huge value.
        raise FileRefused(
            f"{file_name}: the file is not valid CSV near line {reader.line_num} ({exc}); "
            "look for an unbalanced quote there."
        ) from exc


def _field_count_reason(expected: int, found: int) -> str:
    return f"expected {expected} fields, found {found}"


def _to_csv_line(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    return buffer.getvalue()

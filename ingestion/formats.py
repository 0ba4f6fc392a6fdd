"""The registry of file formats, and finding a file's format from its header (never from its name).

A format says which raw table a file feeds and which header columns it must have. Olist is the first
source; clickstream formats (canonical events CSV/JSONL, REES46, journey JSONL, UCI sessions) are
added later as further `FileFormat` entries in `FORMATS`: `kind` selects the record reader (only
"csv" exists today), and `required_columns` can be a subset of `columns` for formats whose optional
columns may be absent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.errors import FileRefused
from ingestion.raw_tables import OLIST_TABLES, RawTable

# A header that has at least this share of a format's columns is "close" to it: the refusal message
# then names the format and the columns it lacks, instead of saying the header is unknown.
NEAR_MATCH_SHARE = 0.5


@dataclass(frozen=True)
class FileFormat:
    """One kind of file: how its records are read and which raw table its columns fill."""

    name: str
    table: RawTable
    columns: tuple[str, ...]  # every column the format knows, in the original order
    required_columns: tuple[str, ...]  # a header without one of these is refused
    kind: str = "csv"

    def missing_columns(self, header: Sequence[str]) -> tuple[str, ...]:
        present = set(header)
        return tuple(c for c in self.required_columns if c not in present)

    def share_present(self, header: Sequence[str]) -> float:
        present = set(header)
        return sum(c in present for c in self.columns) / len(self.columns)


@dataclass(frozen=True)
class HeaderMatch:
    """A file's header matched to a format: where each table column sits among the file's fields."""

    format: FileFormat
    header: tuple[str, ...]  # the file's normalised header, in file order
    field_of_column: dict[str, int]  # raw table column -> 0-based field position in the file
    ignored_columns: tuple[str, ...]  # header columns the format does not know

    @property
    def width(self) -> int:
        return len(self.header)


def _olist_format(table: RawTable) -> FileFormat:
    # Every Olist column is present in every real export, so all of them are required in the header.
    return FileFormat(
        name=table.name, table=table, columns=table.column_names, required_columns=table.column_names
    )


FORMATS: tuple[FileFormat, ...] = tuple(_olist_format(t) for t in OLIST_TABLES.values())


def normalise_header(fields: Sequence[str]) -> tuple[str, ...]:
    """Header names compared the forgiving way: surrounding spaces and case do not matter."""
    return tuple(f.strip().lower() for f in fields)


def identify_format(
    header_fields: Sequence[str], file_name: str, formats: Sequence[FileFormat] = FORMATS
) -> HeaderMatch:
    """The format whose required columns the header has; raises FileRefused naming what is wrong."""
    header = normalise_header(header_fields)
    _refuse_duplicates(header, file_name)
    complete = [f for f in formats if not f.missing_columns(header)]
    if complete:
        # The most specific format wins if several fit (e.g. a superset header).
        best = max(complete, key=lambda f: len(f.columns))
        return _match(best, header)
    raise FileRefused(_refusal_message(header, file_name, formats))


def _match(fmt: FileFormat, header: tuple[str, ...]) -> HeaderMatch:
    position = {name: i for i, name in enumerate(header)}
    known = set(fmt.columns)
    return HeaderMatch(
        format=fmt,
        header=header,
        field_of_column={c: position[c] for c in fmt.columns if c in position},
        ignored_columns=tuple(h for h in header if h not in known),
    )


def _refuse_duplicates(header: tuple[str, ...], file_name: str) -> None:
    seen: set[str] = set()
    duplicates = sorted({h for h in header if h in seen or seen.add(h)})
    if duplicates:
        raise FileRefused(
            f"{file_name}: the header repeats the columns {', '.join(duplicates)}; "
            "each column must appear once. Fix the header and load the file again."
        )


def _refusal_message(header: tuple[str, ...], file_name: str, formats: Sequence[FileFormat]) -> str:
    near = max(formats, key=lambda f: f.share_present(header), default=None)
    if near is not None and near.share_present(header) >= NEAR_MATCH_SHARE:
        missing = near.missing_columns(header)
        return (
            f"{file_name}: the header looks like the {near.name} format but lacks the "
            f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. "
            "Add the missing columns (or export the file again with all columns) and load it again."
        )
    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    return (
        f"{file_name}: the header matches no known format (columns: {shown or 'none'}). "
        f"Known formats: {', '.join(f.name for f in formats)}. "
        "Check that the file is one of the supported exports and that its first line is the header."
    )

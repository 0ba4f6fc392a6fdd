"""The registry of file formats, and finding a file's format from its header (never from its name).

A format says which raw table a file feeds, how its records are read (`kind`: CSV or JSON Lines),
and which header columns it must have; `required_columns` can be a subset of `columns` for formats
whose optional columns may be absent (they load as NULL). For JSON Lines the "header" is the keys
of the file's first objects. A format with a `shape` has no header row: a file whose first record
has that shape is read from line 1 as data (REES46 exports come both ways).

When several formats accept a header, the one that recognises most of it wins (fewest unknown
columns), then the widest: a REES46 header also holds the canonical events' required columns, but
only REES46 knows all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingestion.errors import FileRefused
from ingestion.headerless import looks_like_rees46_record
from ingestion.raw_tables import EVENT_TABLES, OLIST_TABLES, Column, RawTable

CSV, JSONL = "csv", "jsonl"

# A header that has at least this share of a format's columns, or of whose columns the format knows
# at least this share (and two or more), is "close" to it: the refusal message then names the
# format and the columns it lacks, instead of saying the header is unknown.
NEAR_MATCH_SHARE = 0.5


@dataclass(frozen=True)
class FileFormat:
    """One kind of file: how its records are read and which raw table its columns fill."""

    name: str
    table: RawTable
    columns: tuple[str, ...]  # every column the format knows, in the original order
    required_columns: tuple[str, ...]  # a header without one of these is refused
    kind: str = CSV  # CSV | JSONL: which reader lands the records
    # Set for a headerless format: does the file's first record look like data of this format?
    shape: Callable[[Sequence[str]], bool] | None = None

    @property
    def has_header(self) -> bool:
        return self.shape is None

    def missing_columns(self, header: Sequence[str]) -> tuple[str, ...]:
        present = set(header)
        return tuple(c for c in self.required_columns if c not in present)

    def known(self, header: Sequence[str]) -> int:
        """How many of the header's columns this format knows."""
        known = set(self.columns)
        return sum(h in known for h in header)

    def share_present(self, header: Sequence[str]) -> float:
        present = set(header)
        return sum(c in present for c in self.columns) / len(self.columns)


@dataclass(frozen=True)
class HeaderMatch:
    """A file matched to a format: where each table column sits among the landed fields."""

    format: FileFormat
    # The landed fields' names in landing order: the file's normalised header for CSV (the format's
    # columns for a headerless CSV), every column of the format for JSON Lines.
    header: tuple[str, ...]
    field_of_column: dict[str, int]  # raw table column -> 0-based landed field position
    ignored_columns: tuple[str, ...]  # header columns (or JSON keys seen so far) the format does not know

    @property
    def width(self) -> int:
        return len(self.header)

    @property
    def first_data_line(self) -> int:
        """The physical line of the first record: 2 below a header row, 1 without one."""
        return 2 if self.format.has_header else 1

    @property
    def columns(self) -> tuple[Column, ...]:
        """The raw table's columns the file has, in table order; the others load as NULL."""
        return tuple(c for c in self.format.table.columns if c.name in self.field_of_column)


def _olist_format(table: RawTable) -> FileFormat:
    # Every Olist column is present in every real export, so all of them are required in the header.
    return FileFormat(
        name=table.name, table=table, columns=table.column_names, required_columns=table.column_names
    )


def _required(table: RawTable) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns if c.required)


_EVENTS, _REES46 = EVENT_TABLES["events"], EVENT_TABLES["rees46_events"]
_JOURNEY, _UCI = EVENT_TABLES["journey_events"], EVENT_TABLES["uci_sessions"]

EVENT_FORMATS: tuple[FileFormat, ...] = (
    # Canonical events: any subset of the columns that has the three required ones.
    FileFormat("events", _EVENTS, _EVENTS.column_names, _required(_EVENTS)),
    FileFormat("events_jsonl", _EVENTS, _EVENTS.column_names, _required(_EVENTS), kind=JSONL),
    # REES46 exports always have all nine columns, with a header row or without one.
    FileFormat("rees46_events", _REES46, _REES46.column_names, _REES46.column_names),
    FileFormat(
        "rees46_events_headerless",
        _REES46,
        _REES46.column_names,
        _REES46.column_names,
        shape=looks_like_rees46_record,
    ),
    # Journey events: `path` tells them from canonical JSON Lines (which has event_type instead);
    # css, text and value may be absent (a page load has no element).
    FileFormat(
        "journey_events", _JOURNEY, _JOURNEY.column_names, ("user_id", "path", "event_time"), kind=JSONL
    ),
    # UCI headers are CamelCase (ProductRelated_Duration); headers are compared in lower case.
    FileFormat("uci_sessions", _UCI, _UCI.column_names, _UCI.column_names),
)

FORMATS: tuple[FileFormat, ...] = (*(_olist_format(t) for t in OLIST_TABLES.values()), *EVENT_FORMATS)


def normalise_header(fields: Sequence[str]) -> tuple[str, ...]:
    """Header names compared the forgiving way: surrounding spaces and case do not matter."""
    return tuple(f.strip().lower() for f in fields)


def identify_format(
    header_fields: Sequence[str],
    file_name: str,
    formats: Sequence[FileFormat] = FORMATS,
    *,
    kind: str = CSV,
) -> HeaderMatch:
    """The format of a file of this kind with this header (or first record, or JSON keys).

    Raises FileRefused naming the file and what is wrong when no format fits.
    """
    header = normalise_header(header_fields)
    candidates = [f for f in formats if f.kind == kind]
    complete = [f for f in candidates if f.has_header and not f.missing_columns(header)]
    if complete:
        _refuse_duplicates(header, file_name)
        # The format that recognises most of the header, then the most specific one.
        best = min(complete, key=lambda f: (len(header) - f.known(header), -len(f.columns)))
        return _match(best, header) if kind == CSV else _match_all_columns(best, header)
    for fmt in candidates:
        if fmt.shape is not None and fmt.shape(header_fields):
            return _match_all_columns(fmt, fmt.columns)
    _refuse_duplicates(header, file_name)
    raise FileRefused(_refusal_message(header, file_name, candidates, kind))


def _match(fmt: FileFormat, header: tuple[str, ...]) -> HeaderMatch:
    position = {name: i for i, name in enumerate(header)}
    known = set(fmt.columns)
    return HeaderMatch(
        format=fmt,
        header=header,
        field_of_column={c: position[c] for c in fmt.columns if c in position},
        ignored_columns=tuple(h for h in header if h not in known),
    )


def _match_all_columns(fmt: FileFormat, seen: tuple[str, ...]) -> HeaderMatch:
    """Landing fields for every column of the format, in its order (headerless CSV, JSON Lines).

    A JSON object may hold keys the first objects did not, so JSON Lines land every column.
    """
    known = set(fmt.columns)
    return HeaderMatch(
        format=fmt,
        header=fmt.columns,
        field_of_column={c: i for i, c in enumerate(fmt.columns)},
        ignored_columns=tuple(h for h in seen if h not in known),
    )


def _refuse_duplicates(header: tuple[str, ...], file_name: str) -> None:
    seen: set[str] = set()
    duplicates = sorted({h for h in header if h in seen or seen.add(h)})
    if duplicates:
        raise FileRefused(
            f"{file_name}: the header repeats the columns {', '.join(duplicates)}; "
            "each column must appear once. Fix the header and load the file again."
        )


def _is_near(fmt: FileFormat, header: tuple[str, ...]) -> bool:
    known = fmt.known(header)
    return fmt.share_present(header) >= NEAR_MATCH_SHARE or (
        known >= 2 and known >= NEAR_MATCH_SHARE * len(header)
    )


@dataclass(frozen=True)
class _Wording:
    """How a refusal speaks of what a file of one kind is matched by."""

    subject: str  # "the header" | "the JSON keys"
    looks: str
    lacks: str
    matches: str
    items: str
    hint: str


_WORDING = {
    CSV: _Wording(
        "the header",
        "looks",
        "lacks",
        "matches",
        "columns",
        "Check that the file is one of the supported exports and that its first line is the header.",
    ),
    JSONL: _Wording(
        "the JSON keys",
        "look",
        "lack",
        "match",
        "keys",
        "Check that each line is one JSON object of one of the supported exports.",
    ),
}


def _refusal_message(
    header: tuple[str, ...], file_name: str, formats: Sequence[FileFormat], kind: str
) -> str:
    words = _WORDING[kind]
    with_header = [f for f in formats if f.has_header]
    # The format that knows most of the header; of those, the one most of whose columns are there.
    near = max(with_header, key=lambda f: (f.known(header), f.share_present(header)), default=None)
    if near is not None and _is_near(near, header):
        missing = near.missing_columns(header)
        return (
            f"{file_name}: {words.subject} {words.looks} like the {near.name} format but {words.lacks} "
            f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. "
            "Add the missing columns (or export the file again with all columns) and load it again."
        )
    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    return (
        f"{file_name}: {words.subject} {words.matches} no known format ({words.items}: {shown or 'none'}). "
        f"Known formats: {', '.join(f.name for f in formats)}. {words.hint}"
    )

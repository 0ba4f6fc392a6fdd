"""Reading a JSON Lines file: one object per line, streamed, each value kept as its exact text.

Each line is parsed by Python's json module, with numbers kept as the text the file wrote (no float
rounding: `19.90` stays `19.90`, an id of 19 digits keeps them all), and turned into a landing row
in the format's column order, ready for the same COPY and bulk validation as a CSV record. The line
number is the physical line (blank lines are skipped, but counted). A line that is not valid JSON
or not an object becomes a reject whose reason names the line and the column (character position)
of the problem; the original line is kept with every landed row, so a reject shows the file's text.
Keys are compared like CSV headers (case and surrounding spaces do not matter); unknown keys are
collected for the load message; nested objects and arrays are stored as JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingestion.errors import FileRefused
from ingestion.formats import HeaderMatch, normalise_header

BOM = b"\xef\xbb\xbf"
# How many non-blank lines the format is identified from: the union of their keys is the "header".
SAMPLE_LINES = 100
NUL_ESCAPE = "\\u0000"  # PostgreSQL text cannot hold the NUL character this escape decodes to
# A longer line is a reject, not read whole; what is kept of it in raw.rejected_rows.
MAX_LINE_BYTES = 16 << 20
SHOWN_CHARS = 1000


class JsonNumber(str):
    """A JSON number, as the text the file wrote."""


_DECODER = json.JSONDecoder(parse_float=JsonNumber, parse_int=JsonNumber, parse_constant=JsonNumber)


def starts_with_json_object(path: Path, probe_bytes: int = 1 << 16) -> bool:
    """True when the file's first non-blank character opens a JSON object: JSON Lines, not CSV."""
    with open(path, "rb") as handle:
        head = handle.read(probe_bytes)
    return head.removeprefix(BOM).lstrip(b" \t\r\n").startswith(b"{")


class _TooLong(str):
    """The start of a line longer than MAX_LINE_BYTES, which is not read further."""


def _lines(path: Path, file_name: str) -> Iterator[tuple[int, str]]:
    """(physical line number, text without its line break) for every non-blank line.

    A line longer than MAX_LINE_BYTES comes as a `_TooLong` holding its start, and the rest of it is
    skipped: memory stays bounded whatever the file holds.
    """
    with open(path, "rb") as handle:
        number = 0
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            number += 1
            if number == 1:
                raw = raw.removeprefix(BOM)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                    pass
                yield number, _TooLong(raw[:SHOWN_CHARS].decode("utf-8", errors="replace"))
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise FileRefused(
                    f"{file_name}: line {number} is not valid UTF-8 ({exc.reason}). "
                    "Save the file as UTF-8 and load it again."
                ) from exc
            line = line.removesuffix("\n").removesuffix("\r")
            if line.strip():
                yield number, line


def sample_keys(path: Path, file_name: str, lines: int = SAMPLE_LINES) -> list[str]:
    """The keys of the objects among the first non-blank lines, in order of first appearance."""
    keys: dict[str, None] = {}
    for count, (_, line) in enumerate(_lines(path, file_name), start=1):
        try:
            value = _DECODER.decode(line)
        except json.JSONDecodeError:
            value = None  # a bad line is a reject of the load, not a reason to refuse the file
        if isinstance(value, dict):
            keys.update(dict.fromkeys(normalise_header(list(value))))
        if count >= lines:
            break
    if not keys:
        raise FileRefused(
            f"{file_name}: the file starts like JSON Lines, but none of its first {lines} non-blank lines "
            "is a JSON object. Check that each line is one JSON object."
        )
    return list(keys)


def landing_rows(
    path: Path, match: HeaderMatch, unknown: dict[str, None]
) -> Iterator[list[str | int | None]]:
    """Each non-blank line as `fields + [line_number, reason, raw_line]`, ready for the landing COPY.

    Keys the format does not know are added to `unknown` (in order of first appearance).
    """
    file_name, width = path.name, match.width
    slot_of_key: dict[str, int | None] = {}  # a key as written -> its landing field, None if unknown
    for number, line in _lines(path, file_name):
        if isinstance(line, _TooLong):
            reason = f"line {number} is longer than {MAX_LINE_BYTES:,} bytes; it was not read"
            yield [*([None] * width), number, reason, line]
            continue
        try:
            value = _DECODER.decode(line)
        except json.JSONDecodeError as exc:
            reason = f"not valid JSON: {exc.msg} (line {number}, column {exc.colno})"
            yield [*([None] * width), number, reason, line]
            continue
        if not isinstance(value, dict):
            reason = f"not a JSON object but a JSON {_json_kind(value)} (line {number})"
            yield [*([None] * width), number, reason, line]
            continue
        row: list[str | int | None] = [*([None] * width), number, None, line]
        for key, item in value.items():
            slot = slot_of_key.get(key, -1)
            if slot == -1:
                slot = slot_of_key[key] = _slot(key, match, unknown)
            if slot is not None:
                row[slot] = _text(item)
        if NUL_ESCAPE in line:
            row = _without_nul(row, match, number, line)
        yield row


def _slot(key: str, match: HeaderMatch, unknown: dict[str, None]) -> int | None:
    [name] = normalise_header([key])
    slot = match.field_of_column.get(name)
    if slot is None:
        unknown[name] = None
    return slot


def _text(value: Any) -> str | None:
    """A JSON value as landed text: strings and numbers as written, nested values as JSON text.

    An empty string is None, as an empty CSV field is.
    """
    if isinstance(value, str):  # JsonNumber is a str too: its exact text
        return value or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _json_text(value)


def _json_text(value: Any) -> str:
    """Compact JSON for a nested value, numbers written as in the file (json.dumps would quote them)."""
    if isinstance(value, JsonNumber):
        return str.__str__(value)
    if isinstance(value, dict):
        members = (f"{json.dumps(k, ensure_ascii=False)}:{_json_text(v)}" for k, v in value.items())
        return "{" + ",".join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json_text(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str) and not isinstance(value, JsonNumber):
        return "string"
    if value is None:
        return "null"
    return "boolean" if isinstance(value, bool) else "number"


def _without_nul(row: list, match: HeaderMatch, number: int, line: str) -> list:
    """The row, or a reject when a kept value holds a NUL character (the escape alone may be text)."""
    for column, slot in match.field_of_column.items():
        value = row[slot]
        if isinstance(value, str) and "\x00" in value:
            reason = f"column {column}: the value holds a NUL character (\\u0000), which text cannot store"
            return [*([None] * match.width), number, reason, line]
    return row

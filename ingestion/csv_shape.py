"""Watching a CSV file's bytes go by, to tell whether PostgreSQL's CSV parser reads it exactly as ours.

The fast landing path lets COPY parse the file and numbers each record by its ordinal, which is its
physical line only if every record is one line. PostgreSQL and Python's csv module also disagree
on malformed quoting (a quote inside an unquoted field opens a quoted section for PostgreSQL and is
a plain character for Python), on a lone carriage return, and Python refuses a field longer than its
field size limit. A file is "plain" when none of that can happen: then both parsers give the same
records, and the fast path is exact. Anything else goes the Python way, which defines the behaviour.
"""

from __future__ import annotations

import csv
import re

import numpy as np

BOM = b"\xef\xbb\xbf"
# One field: quoted (quotes doubled inside, no line break or carriage return) or unquoted (no quote,
# comma, carriage return or line break). The quoted form comes first, so an unquoted field that
# starts with a quote cannot match.
# Possessive quantifiers: a plain line never needs backtracking, and they make the match faster.
_FIELD = rb'(?:"[^"\r\n]*+(?:""[^"\r\n]*+)*+"|[^",\r\n]*+)'
_PLAIN_LINES = re.compile(rb"(?:" + _FIELD + rb"(?:," + _FIELD + rb")*+\r?\n)*+")
_LAST_LINE = re.compile(_FIELD + rb"(?:," + _FIELD + rb")*+")
QUOTE, COMMA, LF, CR = b'"'[0], b","[0], b"\n"[0], b"\r"[0]


class CsvShape:
    """Fed a file's bytes in order: counts its physical lines and says whether it is plain."""

    def __init__(self) -> None:
        self.newlines = 0
        self.plain = True
        self._started = False
        self._tail = b""  # the bytes after the last line break seen so far
        # A line longer than the csv field size limit may hold a field Python would refuse. Lines are
        # probed in windows of half that: any such line holds a whole window, so it cannot be missed
        # (a shorter line may be flagged too, which only means the Python way).
        self._window = csv.field_size_limit() // 2

    def feed(self, chunk: bytes) -> None:
        self.newlines += chunk.count(b"\n")
        if not self.plain:
            return
        buffer = self._tail + chunk
        if not self._started:
            if BOM.startswith(buffer):  # too short yet to tell whether the file starts with a BOM
                self._tail = buffer
                return
            self._started = True
            buffer = buffer.removeprefix(BOM)  # csv reads it as utf-8-sig: not part of the first field
        cut = buffer.rfind(b"\n") + 1
        lines, self._tail = buffer[:cut], buffer[cut:]
        if self._has_long_line(lines) or len(self._tail) > self._window:
            self.plain = False
        elif b'"' in lines or b"\r" in lines:
            # Only lines with a quote or a carriage return can be read differently. The vectorised
            # test settles the usual case; the pattern, which is the definition, decides the rest.
            self.plain = _simply_quoted(lines) or _PLAIN_LINES.fullmatch(lines) is not None

    def _has_long_line(self, lines: bytes) -> bool:
        """True if some window of `_window` + 1 bytes, at a multiple of `_window`, has no line break."""
        step = self._window
        return any(
            lines.find(b"\n", start, start + step + 1) < 0 for start in range(0, len(lines) - step, step)
        )

    def finish(self) -> None:
        """Check the last line when it has no line break of its own."""
        if self.plain and self._tail:
            self.plain = _LAST_LINE.fullmatch(self._tail) is not None

    @property
    def physical_lines(self) -> int:
        """Lines as an editor counts them: a last line without a line break still counts.

        Only meaningful while `plain` holds (the tail is no longer followed once it does not).
        """
        return self.newlines + (1 if self._tail else 0)


def _simply_quoted(lines: bytes) -> bool:
    """A fast test that implies `_PLAIN_LINES` matches: every quoted field is a whole field on one line.

    `lines` ends with a line break. True when carriage returns only end lines, and quotes come in
    pairs, none adjacent (so no escaped quote), each pair opening at a field start (after a comma or
    a line break), closing at a field end (before a comma or the line end) and within one line. Then
    each pair is one quoted field without quotes, line breaks or carriage returns inside it, and no
    other byte is a quote. False means "not shown", not "not plain".
    """
    if b"\r" in lines and lines.count(b"\r") != lines.count(b"\r\n"):
        return False
    data = np.frombuffer(lines, dtype=np.uint8)
    quotes = np.flatnonzero(data == QUOTE)
    if len(quotes) % 2 or np.any(np.diff(quotes) == 1):
        return False
    opens, closes = quotes[0::2], quotes[1::2]
    before = data[opens - 1]  # a quote at 0 is preceded by data[-1], the final line break
    after = data[closes + 1]  # a closing quote is never the last byte, which is a line break
    if not (
        np.all((before == COMMA) | (before == LF))
        and np.all((after == COMMA) | (after == LF) | (after == CR))
    ):
        return False
    breaks = np.flatnonzero(data == LF)
    return bool(np.array_equal(np.searchsorted(breaks, opens), np.searchsorted(breaks, closes)))

"""Finding a file's format from its content: JSON Lines or CSV, then the header, keys or first record.

The file name plays no part. A file whose first non-blank character opens a JSON object is JSON
Lines, matched by the keys of its first objects; anything else is CSV, matched by its header row,
or, when the first record is no header of any format, by the shape of that record (headerless
REES46).
"""

from __future__ import annotations

from pathlib import Path

from ingestion.formats import JSONL, HeaderMatch, identify_format
from ingestion.jsonl import sample_keys, starts_with_json_object
from ingestion.records import read_header


def match_file(path: Path) -> HeaderMatch:
    """The format of the file and where its columns are; raises FileRefused naming what is wrong."""
    if starts_with_json_object(path):
        return identify_format(sample_keys(path, path.name), path.name, kind=JSONL)
    return identify_format(read_header(path), path.name)

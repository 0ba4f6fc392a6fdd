"""Writing tables exactly as Kaggle's Olist CSV files are written, atomically.

The Kaggle originals quote irregularly: every header name is quoted, and so is any text value that
starts with a digit (ids, zip prefixes, timestamps) or that needs quoting anyway (a comma, a quote, a
line break). Numbers are never quoted; money has two decimals. Lines end in LF, with a final newline.
The translation file is the exception: no quotes at all, a UTF-8 BOM, CRLF and no final newline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from ingestion.generator.atomic import write_files_with

FILE_NAMES: dict[str, str] = {
    "olist_orders": "olist_orders_dataset.csv",
    "olist_order_items": "olist_order_items_dataset.csv",
    "olist_order_payments": "olist_order_payments_dataset.csv",
    "olist_order_reviews": "olist_order_reviews_dataset.csv",
    "olist_customers": "olist_customers_dataset.csv",
    "olist_products": "olist_products_dataset.csv",
    "olist_sellers": "olist_sellers_dataset.csv",
    "olist_geolocation": "olist_geolocation_dataset.csv",
    "olist_category_translation": "product_category_name_translation.csv",
}
TRANSLATION_TABLE = "olist_category_translation"
MONEY_COLUMNS = frozenset({"price", "freight_value", "payment_value"})
QUOTE_TRIGGERS = (",", '"', "\r", "\n")


def _through_uniques(values: pd.Series, render: Callable[[Any], Sequence[str] | np.ndarray]) -> np.ndarray:
    """Render each distinct value once and spread the results: columns repeat a lot (a million
    geolocation rows hold ~19k prefixes and a few thousand cities). Missing values become ""."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    rendered = np.asarray(render(uniques), dtype=object)
    return np.append(rendered, "")[codes]


def _money(values: pd.Series) -> np.ndarray:
    """Two decimals from exact cents (no float formatting surprises)."""
    cents = pd.Series(np.rint(values.to_numpy(dtype=float) * 100).astype(np.int64))
    return _through_uniques(cents, lambda u: [f"{c // 100}.{c % 100:02d}" for c in u.tolist()])


def _number(values: pd.Series) -> np.ndarray:
    """Integers as integers, floats in their shortest exact form (repr), missing values empty."""
    if pd.api.types.is_float_dtype(values):
        floats = values.to_numpy(dtype=float)
        return np.where(np.isnan(floats), "", floats.astype(str)).astype(object)
    return _through_uniques(values, lambda u: [str(v) for v in u.tolist()])


def _quote_when_needed(text: str) -> str:
    if text and (text[0].isdigit() or any(c in text for c in QUOTE_TRIGGERS)):
        return '"' + text.replace('"', '""') + '"'
    return text


def _quoted_timestamps(uniques: pd.Index) -> np.ndarray:
    """'YYYY-MM-DD HH:MM:SS', quoted: a timestamp always starts with a digit (numpy formats in C)."""
    iso = np.datetime_as_string(pd.DatetimeIndex(uniques).to_numpy().astype("datetime64[s]"), unit="s")
    return np.char.add(np.char.add('"', np.char.replace(iso, "T", " ")), '"').astype(object)


def _text(values: pd.Series) -> np.ndarray:
    """Text, quoted when it starts with a digit or holds a comma, a quote or a line break."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return _through_uniques(values, _quoted_timestamps)
    return _through_uniques(values, lambda u: [_quote_when_needed(str(t)) for t in u.tolist()])


def render_cell_columns(frame: pd.DataFrame) -> list[np.ndarray]:
    """Each column of `frame` as Kaggle-formatted cell text."""
    cells = []
    for name in frame.columns:
        column = frame[name]
        if name in MONEY_COLUMNS:
            cells.append(_money(column))
        elif pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            cells.append(_number(column))
        else:
            cells.append(_text(column))
    return cells


def render_kaggle_csv(frame: pd.DataFrame) -> bytes:
    """The bytes of a Kaggle-style Olist file: quoted header, LF line ends, a final newline."""
    header = ",".join(f'"{name}"' for name in frame.columns)
    lines = _join_rows(render_cell_columns(frame))
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def render_translation_csv(frame: pd.DataFrame) -> bytes:
    """The translation file's bytes: a UTF-8 BOM, no quotes, CRLF, no newline at the very end."""
    lines = _join_rows([frame[c].to_numpy(dtype=object).astype(str) for c in frame.columns])
    return "\r\n".join([",".join(frame.columns), *lines]).encode("utf-8-sig")


def _join_rows(cells: list[np.ndarray]) -> list[str]:
    # zip + join beats Series.str.cat several times over on a million rows.
    return [",".join(row) for row in zip(*(c.tolist() for c in cells), strict=True)]


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A crash leaves at most a stray temporary file, never a truncated file under the final name, so a
    loader watching the folder can never pick up half a file.
    """
    write_files_atomically({path: data})


def write_files_atomically(contents: dict[Path, bytes]) -> None:
    """Stage every file first, then rename them all into place: a crash while rendering or writing
    leaves the previous files untouched, and the renames themselves take microseconds."""
    write_files_with({path: partial(_write_bytes, data) for path, data in contents.items()})


def _write_bytes(data: bytes, handle: BinaryIO) -> None:
    handle.write(data)


def render_table(table: str, frame: pd.DataFrame) -> bytes:
    """The bytes of one table's Kaggle file."""
    render = render_translation_csv if table == TRANSLATION_TABLE else render_kaggle_csv
    return render(frame)


def write_table(out_dir: Path, table: str, frame: pd.DataFrame) -> Path:
    """Write one table under its Kaggle file name in `out_dir` and return the path."""
    path = out_dir / FILE_NAMES[table]
    write_atomically(path, render_table(table, frame))
    return path


def write_tables(out_dir: Path, tables: dict[str, pd.DataFrame]) -> dict[str, Path]:
    """Write several tables under their Kaggle file names, all renamed into place at the end."""
    contents = {out_dir / FILE_NAMES[table]: render_table(table, frame) for table, frame in tables.items()}
    write_files_atomically(contents)
    return {table: out_dir / FILE_NAMES[table] for table in tables}

"""Short human lines for load results, as `shoplens ingest` prints them."""

from __future__ import annotations

from collections.abc import Iterable

from ingestion.loader import LOADED, SKIPPED, LoadResult


def render_result(result: LoadResult) -> list[str]:
    """One headline for the file, then one indented line per shown reject."""
    if result.status == LOADED:
        head = f"{result.file_name}: loaded {_rows(result.rows_loaded)}"
        if result.table:
            head += f" into {result.table}"
        if result.rows_rejected:
            head += f", rejected {result.rows_rejected:,}"
    elif result.status == SKIPPED:
        head = f"{result.file_name}: skipped, {result.message or 'already loaded'}"
    else:
        head = f"{result.file_name}: {result.status}: {_without_file_name(result)}"
    lines = [head]
    lines += [f"  line {r.line_number}, {r.reason}" for r in result.first_rejects]
    hidden = result.rows_rejected - len(result.first_rejects)
    if hidden > 0 and result.load_id is not None:
        lines.append(f"  ... and {hidden:,} more in raw.rejected_rows (load_id {result.load_id})")
    return lines


def render_results(results: Iterable[LoadResult]) -> list[str]:
    """Every result's lines, then a one-line summary."""
    results = list(results)
    lines = [line for result in results for line in render_result(result)]
    lines.append(render_summary(results))
    return lines


def render_summary(results: Iterable[LoadResult]) -> str:
    counts: dict[str, int] = {}
    rows = 0
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
        rows += result.rows_loaded
    parts = [f"{n} {status}" for status, n in sorted(counts.items())] or ["no files"]
    return f"{', '.join(parts)}; {_rows(rows)} loaded"


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def _without_file_name(result: LoadResult) -> str:
    """The message without its leading 'file name: ', which the headline already shows."""
    message = result.message or ""
    prefix = f"{result.file_name}: "
    return message[len(prefix) :] if message.startswith(prefix) else message

"""Benchmark: shoplens loading a scale-1.0 generated shop vs `psql \\copy` of the same files.

The baseline copies each file into a plain all-text table (no validation, no audit, no line
numbers): the fastest a load can be on this server. Both run in the same process, on the same
embedded server, alternating, each into a fresh database. Prints the medians and the median ratio.

    uv run python tests/benchmarks/bench_ingestion.py [--scale 1.0] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench_support import bench_settings, drop, fresh_warehouse
from psycopg import sql

from ingestion.generator import generate_shop
from ingestion.loader import load_paths
from shoplens.warehouse import Warehouse, embedded_psql, stop_embedded


def header_width(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return handle.readline().count(",") + 1


def time_psql_copy(warehouse: Warehouse, files: dict[str, Path]) -> float:
    """Plain text tables, one `\\copy` per file, all in one psql session."""
    script = []
    with warehouse.connect(autocommit=True) as conn:
        for table, path in files.items():
            columns = sql.SQL(", ").join(
                sql.SQL("{} text").format(sql.Identifier(f"c{i}")) for i in range(header_width(path))
            )
            conn.execute(sql.SQL("create table public.{} ({})").format(sql.Identifier(table), columns))
            script.append(f"\\copy public.{table} from '{path}' with (format csv, header true)")
    started = time.perf_counter()
    subprocess.run(
        [str(embedded_psql()), warehouse.owner.url, "-v", "ON_ERROR_STOP=1", "-q"],
        input="\n".join(script),
        text=True,
        check=True,
    )
    return time.perf_counter() - started


def time_shoplens(warehouse: Warehouse, folder: Path) -> float:
    started = time.perf_counter()
    results = load_paths(warehouse.owner, [folder])
    elapsed = time.perf_counter() - started
    bad = [r for r in results if r.status != "loaded" or r.rows_rejected]
    if bad:
        raise SystemExit(f"benchmark input did not load cleanly: {bad}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="shoplens_bench_") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        files = generate_shop(root / "shop", scale=args.scale, seed=7)
        rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in files.values())
        print(f"generated scale {args.scale}: ~{rows:,} lines in {time.perf_counter() - started:.1f} s")

        home = root / "home"
        try:
            baseline, shoplens, ratios = measure(root, home, files, args.repeats)
        finally:
            stop_embedded(bench_settings(home))
        print(
            f"median psql \\copy {statistics.median(baseline):.2f} s, "
            f"median shoplens {statistics.median(shoplens):.2f} s, "
            f"median ratio shoplens / psql \\copy = {statistics.median(ratios):.2f}x"
        )


def measure(root: Path, home: Path, files: dict[str, Path], repeats: int) -> tuple[list, list, list]:
    """Alternating pairs of loads, each into a fresh database: (psql times, shoplens times, ratios)."""
    baseline, shoplens, ratios = [], [], []
    for i in range(repeats):
        pair = {}
        # Alternate which runs first, so neither always gets the warmer cache.
        for kind in ("psql", "shoplens") if i % 2 == 0 else ("shoplens", "psql"):
            warehouse = fresh_warehouse(home)
            try:
                if kind == "psql":
                    pair[kind] = time_psql_copy(warehouse, files)
                else:
                    pair[kind] = time_shoplens(warehouse, root / "shop")
            finally:
                drop(warehouse)
        baseline.append(pair["psql"])
        shoplens.append(pair["shoplens"])
        ratios.append(pair["shoplens"] / pair["psql"])
        print(f"run {i + 1}: psql \\copy {pair['psql']:.2f} s, shoplens {pair['shoplens']:.2f} s")
    return baseline, shoplens, ratios


if __name__ == "__main__":
    main()

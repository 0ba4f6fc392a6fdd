"""Benchmark: a full build of the clickstream models vs an incremental build after 1 % more events.

One embedded server, one warehouse: a scale-1.0 shop with 10M generated events is loaded once.
Then, in rounds: `dbt run --full-refresh` of every model downstream of the event sources (timed),
load an extra batch of 1 % more events (the shop's last week, as a new day's export would be),
and `dbt run` of the same models (timed, incremental). Each full refresh also checks that the
previous incremental run left exactly what a full rebuild gives. Prints the medians and their ratio.

    uv run python tests/benchmarks/bench_incremental_build.py [--events 10000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench_support import bench_settings

from ingestion.generator import build_shop, write_shop
from ingestion.generator.clickstream import generate_clickstream, generate_extra_events, shop_period
from ingestion.loader import load_paths
from shoplens.dbt import run_dbt
from shoplens.warehouse import Warehouse, ensure_warehouse, stop_embedded

# Every model fed by an event source, and what depends on them (seeds and Olist models are not rebuilt).
CLICKSTREAM_MODELS = " ".join(
    f"source:raw.{table}+" for table in ("events", "rees46_events", "journey_events", "uci_sessions")
)
# What an incremental run must leave exactly as a full rebuild does.
SESSIONS_FINGERPRINT = """
    select count(*), sum(revenue), sum(events),
        md5(string_agg(session_id || ':' || events || ':' || converted, ',' order by session_id))
    from marts.fct_sessions
"""


def load(warehouse: Warehouse, path: Path) -> int:
    results = load_paths(warehouse.owner, [path])
    bad = [r for r in results if not r.ok or r.rows_rejected]
    if bad:
        raise SystemExit(f"benchmark input did not load cleanly: {bad}")
    return sum(r.rows_loaded for r in results)


def timed_dbt_run(warehouse: Warehouse, *extra: str) -> float:
    started = time.perf_counter()
    run_dbt(warehouse, ["run", "--quiet", "--select", CLICKSTREAM_MODELS, *extra])
    return time.perf_counter() - started


def fingerprint(warehouse: Warehouse) -> tuple:
    with warehouse.connect() as conn:
        return conn.execute(SESSIONS_FINGERPRINT).fetchone()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="shoplens_bench_") as tmp:
        home = Path(tmp) / "home"
        settings = bench_settings(home)
        try:
            fulls, incrementals = measure(settings.landing_dir, ensure_warehouse(settings), args)
        finally:
            stop_embedded(settings)
    full, incremental = statistics.median(fulls), statistics.median(incrementals)
    print(
        f"median full build {full:.1f} s, median incremental build {incremental:.1f} s, "
        f"ratio incremental / full = {incremental / full:.2f} ({full / incremental:.1f}x faster)"
    )


def measure(landing: Path, warehouse: Warehouse, args: argparse.Namespace) -> tuple[list, list]:
    started = time.perf_counter()
    shop = build_shop(scale=1.0, seed=42)
    write_shop(shop, landing / "olist")
    generate_clickstream(shop, landing / "events", events=args.events)
    print(f"generated a scale-1.0 shop and {args.events:,} events in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    rows = load(warehouse, landing)
    print(f"loaded {rows:,} rows in {time.perf_counter() - started:.0f} s")
    run_dbt(warehouse, ["build", "--quiet", "--exclude", CLICKSTREAM_MODELS])  # seeds and Olist marts

    last_day = shop_period()[1]
    last_week = (last_day - dt.timedelta(days=6), last_day)
    fulls, incrementals, after_incremental = [], [], None
    for round_number in range(args.repeats + 1):
        fulls.append(timed_dbt_run(warehouse, "--full-refresh"))
        if after_incremental is not None and fingerprint(warehouse) != after_incremental:
            raise SystemExit("the incremental build differs from a full rebuild of the same events")
        if round_number == args.repeats:
            print(f"full build {fulls[-1]:.1f} s")
            break
        extra = generate_extra_events(
            shop,
            landing / "events",
            events=args.events // 100,
            seed=1000 + round_number,
            batch=f"extra{round_number + 1}",
            period=last_week,
        )
        load(warehouse, landing / "events")
        incrementals.append(timed_dbt_run(warehouse))
        after_incremental = fingerprint(warehouse)
        print(
            f"round {round_number + 1}: full build {fulls[-1]:.1f} s, then {extra.table.num_rows:,} more "
            f"events: incremental build {incrementals[-1]:.1f} s"
        )
    return fulls, incrementals


if __name__ == "__main__":
    main()

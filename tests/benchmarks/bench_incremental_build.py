"""Benchmark: `shoplens build` of a scale-1 shop with 10M events, against a hand-written baseline, and
the incremental builds after 1 % more events, against the full build.

One embedded server, one warehouse: a scale-1.0 shop with 10M generated events is generated and
loaded once (not timed). Then, in rounds:
- the baseline: a hand-written sessionization of the raw events (lag, new-session flag, running
  sum: one statement) and a weekly conversion mart over its sessions (one statement), as in
  ../shared/PERFORMANCE.md;
- the full build: `shoplens build --full-refresh` (every model, data test and unit test);
- incremental (a), new visitors: 1 % more events of new visitors in the shop's last week, loaded,
  then `shoplens build` (what the new load touches, with its tests);
- incremental (b), late events: 1 % more events for existing sessions of the last day (each
  reopens its session or bridges it with the next), loaded, then `shoplens build`.
After each round, every clickstream model is kept aside and compared, by `except all` both ways,
with the next full build (tests/dbt/model_equality.py): the benchmark stops if they differ.
Every build is timed as the command a user types (a process of its own, dbt's start included), with
dbt's own run time beside it. Prints the medians, the ratios, and the peak memory of the build
processes and of the PostgreSQL server.

    uv run python tests/benchmarks/bench_incremental_build.py [--events 10000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_support import bench_settings

from ingestion.generator import build_shop, write_shop
from ingestion.generator.clickstream import generate_clickstream, generate_extra_events, shop_period
from ingestion.generator.late_events import generate_late_events
from ingestion.loader import load_paths
from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings
from shoplens.warehouse import Warehouse, ensure_warehouse, stop_embedded

sys.path.insert(0, str(PROJECT_ROOT / "tests" / "dbt"))
from model_equality import clickstream_models, differences, keep_copies

BASELINE_SESSIONIZE = """
create table bench_baseline.sessionized as
with gaps as (
    select *, lag(event_time) over (partition by user_id order by event_time) as previous_event_time
    from raw.events
),
flagged as (
    select *,
        case when previous_event_time is null or event_time - previous_event_time > interval '30 minutes'
            then 1 else 0 end as new_session
    from gaps
)
select *, sum(new_session) over (partition by user_id order by event_time rows unbounded preceding)
    as session_number
from flagged
"""
BASELINE_WEEKLY_CONVERSION = """
create table bench_baseline.weekly_conversion as
with sessions as (
    select user_id, session_number, min(event_time) as started_at,
        bool_or(event_type = 'purchase') as converted,
        min(device_type) as device_type, min(traffic_source) as traffic_source, min(browser) as browser
    from bench_baseline.sessionized
    group by user_id, session_number
)
select date_trunc('week', started_at) as week, device_type, traffic_source, browser,
    count(*) as sessions, count(*) filter (where converted) as converted_sessions
from sessions
group by 1, 2, 3, 4
"""


class PeakMemory:
    """Samples the memory of the PostgreSQL server's processes while a build runs: the sum of their
    proportional set sizes (PSS), so shared buffers count once, not once per backend."""

    def __init__(self, pgdata: Path) -> None:
        self.pgdata, self.peak_mb, self._stop = str(pgdata), 0.0, threading.Event()

    def _server_mb(self) -> float:
        total = 0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"postgres" not in cmdline:
                    continue
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024

    def __enter__(self) -> PeakMemory:
        def sample() -> None:
            while not self._stop.wait(0.5):
                self.peak_mb = max(self.peak_mb, self._server_mb())

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def shoplens_build(settings: Settings, *args: str) -> tuple[float, float, float]:
    """Run `shoplens build ARGS` as a user does: (wall seconds, dbt's own seconds, peak MB of the build)."""
    env = {
        **os.environ,
        "SHOPLENS_HOME": str(settings.home),
        "SHOPLENS_LANDING_DIR": str(settings.landing_dir),
        "SHOPLENS_DATABASE_NAME": settings.database_name,
    }
    command = [sys.executable, "-m", "shoplens.cli", "build", "--quiet", *args]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(
            f"shoplens build {' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    run_results = json.loads((DBT_PROJECT_DIR / "target" / "run_results.json").read_text())
    return wall, run_results["elapsed_time"], peak_mb


class Figures:
    """Every timing of every case, and the memory peaks."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {
            "baseline": [],
            "full": [],
            "new visitors": [],
            "late events": [],
        }
        self.dbt: dict[str, list[float]] = {"full": [], "new visitors": [], "late events": []}
        self.build_mb = self.server_mb = 0.0

    def build(self, case: str, settings: Settings, *args: str) -> None:
        with PeakMemory(settings.pgdata_dir) as server:
            wall, dbt, build_mb = shoplens_build(settings, *args)
        self.wall[case].append(wall)
        self.dbt[case].append(dbt)
        self.build_mb, self.server_mb = max(self.build_mb, build_mb), max(self.server_mb, server.peak_mb)

    def last_round(self) -> str:
        return ", ".join(f"{case} {values[-1]:.1f} s" for case, values in self.wall.items())

    def report(self) -> None:
        median = {case: statistics.median(values) for case, values in self.wall.items()}
        rounds = len(self.wall["full"])
        print(f"\nmedians over {rounds} rounds (wall time of the command; dbt's own run time):")
        for case, value in median.items():
            own = f" (dbt {statistics.median(self.dbt[case]):.1f} s)" if case in self.dbt else ""
            print(f"  {case:13} {value:7.1f} s{own}")
        ratio = median["full"] / median["baseline"]
        print(f"full / baseline = {ratio:.2f} (goal: at most 3, long-term 1.5)")
        for case in ("new visitors", "late events"):
            print(f"{case} / full = {median[case] / median['full']:.3f} (goal: at most 0.10)")
        print(
            f"peak memory: build processes {self.build_mb:.0f} MB, PostgreSQL server {self.server_mb:.0f} MB"
        )
        print("every incremental build equalled a full rebuild (except all, both ways)")


def load(warehouse: Warehouse, path: Path) -> int:
    results = load_paths(warehouse.owner, [path])
    bad = [r for r in results if not r.ok or r.rows_rejected]
    if bad:
        raise SystemExit(f"benchmark input did not load cleanly: {bad}")
    return sum(r.rows_loaded for r in results)


def baseline(warehouse: Warehouse) -> float:
    with warehouse.connect(autocommit=True) as conn:
        conn.execute("drop schema if exists bench_baseline cascade")
        conn.execute("create schema bench_baseline")
        started = time.perf_counter()
        conn.execute(BASELINE_SESSIONIZE)
        conn.execute(BASELINE_WEEKLY_CONVERSION)
        elapsed = time.perf_counter() - started
        conn.execute("drop schema bench_baseline cascade")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--home", type=Path, help="keep the warehouse here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shoplens_bench_") as tmp:
        settings = bench_settings(args.home or Path(tmp) / "home")
        try:
            measure(settings, ensure_warehouse(settings), args)
        finally:
            stop_embedded(settings)


def measure(settings: Settings, warehouse: Warehouse, args: argparse.Namespace) -> None:
    landing = settings.landing_dir
    shop = build_shop(scale=1.0, seed=42)
    if not (landing / "events").is_dir():
        started = time.perf_counter()
        write_shop(shop, landing / "olist")
        generate_clickstream(shop, landing / "events", events=args.events)
        print(
            f"generated a scale-1.0 shop and {args.events:,} events in {time.perf_counter() - started:.0f} s"
        )
    started = time.perf_counter()
    rows = load(warehouse, landing)
    print(f"loaded {rows:,} rows in {time.perf_counter() - started:.0f} s")

    last_day = shop_period()[1]
    last_week = (last_day - dt.timedelta(days=6), last_day)
    extra = args.events // 100
    figures, models = Figures(), None
    for r in range(1, args.repeats + 1):
        figures.wall["baseline"].append(baseline(warehouse))
        figures.build("full", settings, "--full-refresh")
        check_equal(warehouse, models)
        generate_extra_events(
            shop, landing / "events", events=extra, seed=1000 + r, batch=f"extra{r}", period=last_week
        )
        load(warehouse, landing / "events")
        figures.build("new visitors", settings)
        generate_late_events(landing / "events", day=last_day, events=extra, seed=2000 + r, batch=f"late{r}")
        load(warehouse, landing / "events")
        figures.build("late events", settings)
        models = clickstream_models(DBT_PROJECT_DIR / "target" / "manifest.json")
        keep_copies(warehouse, models)
        print(f"round {r}: {figures.last_round()}")
    shoplens_build(settings, "--full-refresh")
    check_equal(warehouse, models)
    figures.report()


def check_equal(warehouse: Warehouse, models: list[tuple[str, str]] | None) -> None:
    """After a full build: the copies kept after the last incremental build must equal it."""
    if models is not None and (found := differences(warehouse, models)):
        raise SystemExit(f"the incremental builds differ from a full rebuild: {found}")


if __name__ == "__main__":
    main()

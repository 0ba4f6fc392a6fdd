"""Benchmark: how long a simulated event takes from its file landing to being counted on the Live page.

On a warehouse that already holds a scale-1 shop and 10M events (built first, or reused with
--home), `dagster dev` runs with its landing sensor on, as a data engineer starts it. Once its first
run (the files already there) is done, `shoplens simulate`'s simulator writes a file of live events
every few seconds for --duration seconds. The Live page's data (the live mart, read as the
dashboard's read-only role) is polled every half second: a file counts as shown when the mart holds
all the events written up to and including it. Prints the median and the worst latency.

    uv run python tests/benchmarks/bench_live_latency.py --home /tmp/bench-home [--duration 300] [--rate 20]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from bench_support import bench_settings
from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

from ingestion.generator import build_shop, write_shop
from ingestion.generator.clickstream import generate_clickstream
from ingestion.generator.live import simulate
from ingestion.loader import load_paths
from orchestration.run import prepare_dagster_home
from orchestration.sensors import ACTIVE_RUN_STATUSES
from shoplens.dbt import dbt_executable
from shoplens.settings import PROJECT_ROOT, Settings
from shoplens.warehouse import Warehouse, ensure_warehouse, stop_embedded

SHOWN = "select coalesce(sum(events), 0) from marts.mart_live_minutes where source = 'events'"


def prepare(settings: Settings, events: int) -> Warehouse:
    """The warehouse with the shop and its history loaded and built (once; reused with --home)."""
    warehouse = ensure_warehouse(settings)
    landing = settings.landing_dir
    if not (landing / "events").is_dir():
        shop = build_shop(scale=1.0, seed=42)
        write_shop(shop, landing / "olist")
        generate_clickstream(shop, landing / "events", events=events)
    load_paths(warehouse.owner, [landing])
    env = {**os.environ, **_env(settings)}
    subprocess.run(
        [sys.executable, "-m", "shoplens.cli", "build", "--quiet"], env=env, cwd=PROJECT_ROOT, check=True
    )
    return warehouse


def _env(settings: Settings) -> dict[str, str]:
    return {
        "SHOPLENS_HOME": str(settings.home),
        "SHOPLENS_LANDING_DIR": str(settings.landing_dir),
        "SHOPLENS_DATABASE_NAME": settings.database_name,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_dagster(settings: Settings, dagster_home: Path) -> subprocess.Popen:
    env = {**os.environ, **_env(settings), "DAGSTER_HOME": str(dagster_home)}
    dagster = Path(dbt_executable()).with_name("dagster")
    return subprocess.Popen(
        [str(dagster), "dev", "--port", str(_free_port())],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until_idle(instance: DagsterInstance, *, after_runs: int, timeout: float) -> None:
    """Until the sensor's runs (at least `after_runs` finished) are all done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = instance.get_runs_count(filters=RunsFilter(statuses=[DagsterRunStatus.SUCCESS]))
        failed = instance.get_runs(filters=RunsFilter(statuses=[DagsterRunStatus.FAILURE]), limit=1)
        if failed:
            raise SystemExit(f"a Dagster run failed: {failed[0].run_id}")
        active = instance.get_runs(filters=RunsFilter(statuses=ACTIVE_RUN_STATUSES), limit=1)
        if finished >= after_runs and not active:
            return
        time.sleep(2)
    raise SystemExit("Dagster's runs did not finish in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of simulated traffic")
    parser.add_argument("--rate", type=float, default=20.0, help="events per second")
    parser.add_argument("--home", type=Path, help="keep the warehouse here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shoplens_live_") as tmp:
        settings = bench_settings(args.home or Path(tmp) / "home")
        try:
            measure(settings, args, Path(tmp) / "dagster")
        finally:
            stop_embedded(settings)


def measure(settings: Settings, args: argparse.Namespace, dagster_home: Path) -> None:
    warehouse = prepare(settings, args.events)
    prepare_dagster_home(dagster_home)  # the instance a data engineer's `dagster dev` gets
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    dagster = start_dagster(settings, dagster_home)
    try:
        instance = DagsterInstance.get()
        print("dagster dev started; waiting for its first run (the files already landed) ...")
        wait_until_idle(instance, after_runs=1, timeout=1800)
        latencies = watch(warehouse, settings, args)
    finally:
        os.killpg(dagster.pid, signal.SIGTERM)
        dagster.wait(timeout=60)
    print(f"\n{len(latencies)} files of live events; from a file landing to its events on the Live page:")
    median, worst = statistics.median(latencies), max(latencies)
    print(f"  median {median:.1f} s, worst {worst:.1f} s (goal: at most 60 s, long-term 30 s)")


def watch(warehouse: Warehouse, settings: Settings, args: argparse.Namespace) -> list[float]:
    """Simulate in a thread; poll the Live page's data until every file written is shown."""
    written: list[tuple[float, int]] = []  # (when, events written so far)
    shop = build_shop(scale=1.0, seed=42)

    def write() -> None:
        total = 0
        for live_file in simulate(
            shop, settings.landing_dir / "events" / "live", rate=args.rate, duration=args.duration
        ):
            total += live_file.events
            written.append((time.time(), total))

    with psycopg.connect(warehouse.dashboard.url, autocommit=True) as conn:
        before = conn.execute(SHOWN).fetchone()[0]
        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        shown_at: list[float] = []
        deadline = time.time() + args.duration + 600
        while time.time() < deadline and (writer.is_alive() or len(shown_at) < len(written)):
            shown = conn.execute(SHOWN).fetchone()[0] - before
            now = time.time()
            while len(shown_at) < len(written) and written[len(shown_at)][1] <= shown:
                shown_at.append(now)
            time.sleep(0.5)
    if len(shown_at) < len(written):
        raise SystemExit(
            f"{len(written) - len(shown_at)} of {len(written)} files never showed on the Live page"
        )
    return [seen - landed for (landed, _), seen in zip(written, shown_at, strict=True)]


if __name__ == "__main__":
    main()

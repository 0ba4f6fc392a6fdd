"""The newcomer's path: `shoplens demo --no-serve` on a fresh home builds a full, tested warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.conftest import csv_records

SHOPLENS = [sys.executable, "-m", "shoplens.cli"]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SHOPLENS, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_demo_builds_a_full_warehouse_then_reloading_adds_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPLENS_")}
    env |= {"SHOPLENS_HOME": str(tmp_path / "home"), "SHOPLENS_LANDING_DIR": str(tmp_path / "landing")}
    try:
        demo = _run(["demo", "--no-serve", "--scale", "0.02", "--seed", "3"], env, tmp_path)
        assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
        assert "Build and tests passed." in demo.stdout

        orders_file = next((tmp_path / "landing").rglob("olist_orders_dataset.csv"))
        url = _run(["db", "url"], env, tmp_path).stdout.strip()
        with psycopg.connect(url) as conn:
            orders = conn.execute("select count(*) from marts.fct_orders").fetchone()[0]
            people = conn.execute("select count(*) from marts.dim_customers").fetchone()[0]
        assert orders == csv_records(orders_file) > 0
        assert 0 < people <= orders

        again = _run(["ingest", str(tmp_path / "landing")], env, tmp_path)
        assert again.returncode == 0, again.stderr
        with psycopg.connect(url) as conn:
            assert conn.execute("select count(*) from raw.olist_orders").fetchone()[0] == orders
        # The reload only audited skipped files; after one build for that, nothing is left to do
        # (--quiet says how to build, not what: it does not make the build a full one).
        for _ in range(2):
            rebuild = _run(["build", "--quiet"], env, tmp_path)
            assert rebuild.returncode == 0, rebuild.stderr[-3000:]
        assert "Nothing changed since the last build" in rebuild.stdout

        site = tmp_path / "docs.html"
        docs = _run(["docs", "--static", str(site)], env, tmp_path)
        assert docs.returncode == 0, docs.stderr[-3000:]
        assert "fct_orders" in site.read_text(encoding="utf-8")
    finally:
        _run(["db", "stop"], env, tmp_path)

"""The `shoplens` command line: help for every command and short, clear errors without tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shoplens.cli import COMMANDS, build_parser, parse_args
from shoplens.warehouse import ensure_warehouse
from tests.conftest import csv_records, drop_database, make_settings

SHOPLENS = [sys.executable, "-m", "shoplens.cli"]


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "SHOPLENS_HOME": str(tmp_path / "home"),
        "SHOPLENS_LANDING_DIR": str(tmp_path / "landing"),
        **env,
    }
    return subprocess.run(
        [*SHOPLENS, *args], env=full_env, capture_output=True, text=True, cwd=tmp_path, timeout=600
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str, tmp_path: Path) -> None:
    result = _run([command, "--help"], tmp_path)
    assert result.returncode == 0
    assert f"usage: shoplens {command}" in result.stdout


def test_parser_knows_exactly_the_documented_commands() -> None:
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    assert set(choices) == set(COMMANDS) == {
        "demo", "generate", "simulate", "ingest", "build", "run", "score", "dashboard", "docs", "db"
    }  # fmt: skip


def test_ingest_of_a_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    result = _run(["ingest", str(tmp_path / "nowhere.csv")], tmp_path)
    assert result.returncode == 1
    assert "nowhere.csv" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_psql_without_psql_installed_points_to_db_url(tmp_path: Path) -> None:
    no_psql = tmp_path / "empty_bin"
    no_psql.mkdir()
    # Checked before any connection, so no server is needed at this (unreachable) URL.
    result = _run(
        ["db", "psql"], tmp_path, SHOPLENS_DATABASE_URL="postgresql://u@127.0.0.1:1/x", PATH=str(no_psql)
    )
    assert result.returncode == 1
    assert "psql is not installed" in result.stderr and "shoplens db url" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_db_stop_refuses_an_external_server(tmp_path: Path) -> None:
    result = _run(["db", "stop"], tmp_path, SHOPLENS_DATABASE_URL="postgresql://u@127.0.0.1:1/x")
    assert result.returncode == 1
    assert "external server" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_external_server_is_reported_without_traceback(tmp_path: Path) -> None:
    result = _run(["db", "url"], tmp_path, SHOPLENS_DATABASE_URL="postgresql://u@127.0.0.1:1/x")
    assert result.returncode == 1
    assert result.stderr.startswith("error: Cannot reach PostgreSQL at 127.0.0.1:1")
    assert "Traceback" not in result.stderr


def test_generate_rejects_a_non_positive_scale(tmp_path: Path) -> None:
    result = _run(["generate", str(tmp_path / "out"), "--scale", "0"], tmp_path)
    assert result.returncode == 2
    assert "must be greater than 0" in result.stderr


def test_generate_writes_the_olist_files_and_the_clickstream_side_by_side(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run(["generate", str(out), "--scale", "0.01", "--seed", "5", "--events", "3000"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list((out / "olist").glob("olist_*_dataset.csv"))) == 8
    event_files = sorted((out / "events").glob("events_*.csv"))
    assert event_files and all(len(p.stem) == len("events_2017-11") for p in event_files)
    assert sum(csv_records(p) for p in event_files) == 3000
    assert "3,000 events" in result.stdout and "converted" in result.stdout


def test_generate_without_events_writes_only_the_olist_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run(["generate", str(out), "--scale", "0.01", "--events", "0"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["olist"]


def test_generate_rejects_a_negative_event_count(tmp_path: Path) -> None:
    result = _run(["generate", str(tmp_path / "out"), "--events", "-1"], tmp_path)
    assert result.returncode == 2
    assert "must be 0 or more" in result.stderr
    assert not (tmp_path / "out").exists()


def test_db_url_is_accepted_by_psql(tmp_path: Path, shoplens_home: Path) -> None:
    from shoplens.warehouse import embedded_psql

    env = {"SHOPLENS_HOME": str(shoplens_home), "SHOPLENS_DATABASE_NAME": "cli_url_check"}
    url = _run(["db", "url"], tmp_path, **env).stdout.strip()
    result = subprocess.run(
        [str(embedded_psql()), url, "-tAc", "select current_database()"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "cli_url_check"


def test_ingest_names_the_file_and_missing_column_and_exits_non_zero(
    tmp_path: Path, shoplens_home: Path
) -> None:
    bad = tmp_path / "orders_export.csv"
    bad.write_text(
        "order_id,customer_id,order_status,order_approved_at,order_delivered_carrier_date,"
        "order_delivered_customer_date,order_estimated_delivery_date\n"
        "o1,c1,delivered,,,,\n"
    )
    env = {"SHOPLENS_HOME": str(shoplens_home), "SHOPLENS_DATABASE_NAME": "cli_ingest_check"}
    result = _run(["ingest", str(bad)], tmp_path, **env)
    assert result.returncode == 1
    assert "orders_export.csv" in result.stderr
    assert "order_purchase_timestamp" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_ingest_strict_fails_on_a_rejected_row(tmp_path: Path, shoplens_home: Path) -> None:
    items = tmp_path / "items.csv"
    items.write_text(
        "order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n"
        "o1,1,p1,s1,2017-01-01 10:00:00,10.00,1.00\n"
        "o2,1,p1,s1,2017-01-01 10:00:00,abc,1.00\n"
    )
    env = {"SHOPLENS_HOME": str(shoplens_home), "SHOPLENS_DATABASE_NAME": "cli_strict_check"}
    strict = _run(["ingest", "--strict", str(items)], tmp_path, **env)
    assert strict.returncode == 1
    assert "line 3" in strict.stderr and "price" in strict.stderr
    lenient = _run(["ingest", str(items)], tmp_path, **env)
    assert lenient.returncode == 0, lenient.stderr
    assert "loaded 1 row" in lenient.stdout and "rejected 1" in lenient.stdout


def test_db_start_prepares_an_external_server(shoplens_home: Path, tmp_path: Path) -> None:
    """compose.yaml's init service runs `shoplens db start` against its own PostgreSQL."""
    settings = make_settings("external", shoplens_home)
    result = _run(["db", "start"], tmp_path, SHOPLENS_DATABASE_URL=settings.database_url)
    warehouse = ensure_warehouse(settings)
    try:
        assert result.returncode == 0, result.stderr
        assert f"database {warehouse.owner.dbname} on 127.0.0.1" in result.stdout
        with warehouse.connect() as conn:
            schemas = {r[0] for r in conn.execute("select nspname from pg_namespace")}
        assert {"raw", "staging", "intermediate", "marts"} <= schemas
    finally:
        drop_database(warehouse)


def test_build_passes_dbt_options_through() -> None:
    assert parse_args(["build", "--select", "marts", "--exclude", "fct_orders"]).dbt_args == [
        "--select",
        "marts",
        "--exclude",
        "fct_orders",
    ]


def test_other_commands_still_refuse_unknown_options() -> None:
    with pytest.raises(SystemExit):
        parse_args(["ingest", "somewhere", "--select", "marts"])


def test_simulate_refuses_impossible_arguments_in_one_line(tmp_path: Path) -> None:
    result = _run(["simulate", "--every", "120", "--duration", "5"], tmp_path)
    assert result.returncode == 1
    assert "every 0.5 to 60 seconds" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "data").exists()  # nothing written

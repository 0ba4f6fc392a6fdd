"""The `shoplens` command line: one entry point for newcomers, engineers, analysts and managers.

Errors a user can cause print one clear line; anything unexpected prints a short message and
writes the traceback to the log file instead of the terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from shoplens.errors import ShoplensError
from shoplens.settings import Settings, load_settings

DEFAULT_DASHBOARD_PORT = 8501
DEFAULT_DOCS_PORT = 8580
# The demo's shop: a tenth of Olist (~10k orders, 200k events), so a newcomer's first run takes about a
# minute; --scale 1 is Olist's size (about three minutes more, most of it the clickstream models).
DEMO_SCALE = 0.1


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shoplens",
        description="An analytics warehouse for online shops: load, model, test and show.",
        epilog="Settings come from SHOPLENS_HOME, SHOPLENS_LANDING_DIR and SHOPLENS_DATABASE_URL.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="generate a shop if none has landed, load, build, test and serve")
    demo.add_argument("--no-serve", action="store_true", help="stop after the build and its tests")
    demo.add_argument("--scale", type=_positive_float, default=DEMO_SCALE, help="shop size (1.0 = Olist)")
    demo.add_argument("--seed", type=int, default=42, help="random seed of the generated shop")
    demo.add_argument("--port", type=int, default=DEFAULT_DASHBOARD_PORT, help="dashboard port")

    gen = sub.add_parser(
        "generate",
        help="write a synthetic shop: Olist files in OUT_DIR/olist, its clickstream in OUT_DIR/events",
    )
    gen.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    gen.add_argument(
        "--scale", type=_positive_float, default=1.0, help="shop size (1.0 = Olist, ~100k orders)"
    )
    gen.add_argument("--seed", type=int, default=42, help="random seed (same seed, same files)")
    gen.add_argument(
        "--events",
        type=_non_negative_int,
        default=None,
        metavar="N",
        help="clickstream events (default 2,000,000 x scale; 0 for none)",
    )

    live = sub.add_parser(
        "simulate",
        help="write live clickstream files of the generated shop into the landing folder",
        description=(
            "Writes canonical event files of sessions happening now (the demo's shop: its products, "
            "visitors and buyers) into <landing>/events/live/, a small file every few seconds, each "
            "written atomically and never repeating an event. With `dagster dev` running, the landing "
            "sensor loads them and the Live page of the dashboard shows them."
        ),
    )
    live.add_argument("--rate", type=_positive_float, default=20.0, help="events per second (default 20)")
    live.add_argument(
        "--duration", type=_positive_float, default=None, help="seconds to run (default: until Ctrl-C)"
    )
    live.add_argument("--every", type=_positive_float, default=5.0, help="seconds between files (default 5)")
    live.add_argument(
        "--scale", type=_positive_float, default=DEMO_SCALE, help="the shop's size (as for demo)"
    )
    live.add_argument("--seed", type=int, default=42, help="the shop's seed (as for demo)")

    ingest = sub.add_parser("ingest", help="load files or folders into the raw schema")
    ingest.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    ingest.add_argument(
        "--strict", action="store_true", help="fail (and load nothing of a file) on any rejected row"
    )

    build = sub.add_parser(
        "build",
        help="build and test what changed since the last build (extra arguments go to dbt build)",
        description=(
            "Runs `dbt build` of what the loads and model edits since the last successful build touch "
            "(everything the first time). Arguments that say what to build, such as --select marts "
            "or --full-refresh, are passed to dbt instead; others, such as --quiet, go with it."
        ),
    )
    build.add_argument("dbt_args", nargs=argparse.REMAINDER, metavar="DBT_ARGS")

    sub.add_parser("run", help="materialize every asset through Dagster (runs show in the Dagster UI)")

    score = sub.add_parser("score", help="train and score the customer models (churn, intent, segments, CLV)")
    score.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="T, YYYY-MM-DD (default: the day after the last order)",
    )
    score.add_argument("--horizon", type=int, default=180, metavar="DAYS", help="churn horizon H in days")

    dash = sub.add_parser("dashboard", help="serve the Streamlit dashboard")
    dash.add_argument("--port", type=int, default=DEFAULT_DASHBOARD_PORT)

    docs = sub.add_parser("docs", help="serve the dbt docs (lineage, column and metric definitions)")
    docs.add_argument("--port", type=int, default=DEFAULT_DOCS_PORT)
    docs.add_argument("--static", type=Path, metavar="OUT", help="write one self-contained HTML file instead")

    db = sub.add_parser("db", help="manage the warehouse server")
    db.add_argument("action", choices=["start", "stop", "status", "url", "psql"])
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line; `build` hands every argument it does not know (e.g. --select) to dbt."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "build":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "build":
        args.dbt_args = [*unknown, *args.dbt_args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = load_settings()
    _configure_logging(settings)
    try:
        return COMMANDS[args.command](args, settings) or 0
    except ShoplensError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the user gets one line; the log keeps the traceback
        log_file = settings.logs_dir / "shoplens.log"
        logging.getLogger("shoplens").error("unexpected error\n%s", traceback.format_exc())
        print(f"error: unexpected {type(exc).__name__}: {exc} (details in {log_file})", file=sys.stderr)
        return 1


def _configure_logging(settings: Settings) -> None:
    try:
        settings.logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(settings.logs_dir / "shoplens.log")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def _warehouse(settings: Settings):
    from shoplens.warehouse import ensure_warehouse

    return ensure_warehouse(settings)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from shoplens.pipeline import run_demo_pipeline

    warehouse = _warehouse(settings)
    where = (
        "embedded PostgreSQL" if settings.is_embedded else f"{warehouse.owner.host}:{warehouse.owner.port}"
    )
    print(f"Warehouse: {warehouse.owner.dbname} on {where}")
    run_demo_pipeline(warehouse, settings, scale=args.scale, seed=args.seed)
    print("Build and tests passed.")
    if args.no_serve:
        return 0
    from shoplens.serve import serve_dashboard

    return serve_dashboard(warehouse, args.port)


def cmd_generate(args: argparse.Namespace, settings: Settings) -> int:
    from ingestion.generator import generate_world

    world = generate_world(args.out_dir, scale=args.scale, seed=args.seed, events=args.events)
    olist_dir = next(iter(world.olist_files.values())).parent
    print(f"{olist_dir}: {len(world.olist_files)} Olist files, {len(world.shop['olist_orders']):,} orders")
    clicks = world.clickstream
    if clicks is None:
        print("no clickstream (--events 0)")
        return 0
    print(
        f"{world.event_files[0].parent}: {clicks.table.num_rows:,} events in {len(world.event_files)} "
        f"monthly files; {clicks.sessions:,} sessions, {clicks.conversion:.1%} converted; "
        f"{clicks.web_orders:,} of {clicks.eligible_orders:,} orders with items came through the web site "
        "(the others through the app or marketplaces)"
    )
    return 0


def cmd_simulate(args: argparse.Namespace, settings: Settings) -> int:
    from ingestion.generator import build_shop
    from ingestion.generator.live import simulate, validate_live_arguments

    validate_live_arguments(args.rate, args.duration, args.every)
    out_dir = settings.landing_dir / "events" / "live"
    print(f"Building the shop (scale {args.scale}, seed {args.seed}) ...")
    shop = build_shop(scale=args.scale, seed=args.seed)
    print(f"Writing about {args.rate:g} events per second into {out_dir}, a file every {args.every:g} s.")
    for written in simulate(shop, out_dir, rate=args.rate, duration=args.duration, every=args.every):
        print(f"{written.path.name}: {written.events:,} events, up to {written.last_event_at:%H:%M:%S} UTC")
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from shoplens.pipeline import ingest, require_paths

    require_paths(args.paths)  # before starting a server for nothing
    print(ingest(_warehouse(settings), args.paths, strict=args.strict).lines)
    return 0


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from shoplens.pipeline import build

    if build(_warehouse(settings), settings, args.dbt_args) is None:
        print("Nothing changed since the last build: no new loads, no edited models.")
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from orchestration.run import materialize_all

    _warehouse(settings)
    ok = materialize_all(settings)
    print(f"Dagster run {'succeeded' if ok else 'failed'}; see it with:")
    print(f"  DAGSTER_HOME={settings.dagster_home} uv run dagster dev")
    return 0 if ok else 1


def cmd_score(args: argparse.Namespace, settings: Settings) -> int:
    from ml.scoring import ScoreSettings, score_all

    with _warehouse(settings).connect() as conn:
        report = score_all(conn, ScoreSettings(as_of=args.as_of, horizon_days=args.horizon))
    print("\n".join(report.lines()))
    return 0


def cmd_dashboard(args: argparse.Namespace, settings: Settings) -> int:
    from shoplens.serve import serve_dashboard

    return serve_dashboard(_warehouse(settings), args.port)


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from shoplens.serve import generate_docs, serve_docs

    warehouse = _warehouse(settings)
    generate_docs(warehouse, settings, args.static)
    if args.static:
        print(f"Wrote {args.static}")
        return 0
    return serve_docs(warehouse, settings, args.port)


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from shoplens import warehouse as wh

    if args.action == "stop" and not settings.is_embedded:
        raise ShoplensError("SHOPLENS_DATABASE_URL points at an external server; shoplens does not stop it.")
    if args.action == "start":  # on an external server: only prepare the database, schemas and role
        owner = _warehouse(settings).owner
        print(f"Warehouse ready: database {owner.dbname} on {owner.host}:{owner.port}")
    elif args.action == "stop":
        print("Stopped the embedded PostgreSQL." if wh.stop_embedded(settings) else "It was not running.")
    elif args.action == "status":
        return _db_status(settings)
    elif args.action == "url":
        print(_warehouse(settings).owner.url)
    else:
        psql = str(wh.embedded_psql()) if settings.is_embedded else _external_psql()
        return subprocess.run([psql, _warehouse(settings).owner.url], check=False).returncode
    return 0


def _external_psql() -> str:
    """The psql on PATH: an external server brings no client of its own, unlike the embedded one."""
    found = shutil.which("psql")
    if found is None:
        raise ShoplensError(
            "psql is not installed. Install the PostgreSQL client, or connect with any client "
            "to the URL that `shoplens db url` prints."
        )
    return found


def _db_status(settings: Settings) -> int:
    from shoplens import warehouse as wh

    if settings.is_embedded:
        running = wh.embedded_is_running(settings)
        print(f"embedded PostgreSQL in {settings.pgdata_dir}: {'running' if running else 'stopped'}")
        return 0 if running else 3
    owner = wh.ConnInfo.from_url(settings.database_url or "")
    try:
        with owner.connect(connect_timeout=5) as conn:
            version = conn.execute("show server_version").fetchone()[0]
    except Exception as exc:
        print(f"external PostgreSQL at {owner.host}:{owner.port}: unreachable ({exc})".strip())
        return 3
    print(f"external PostgreSQL {version} at {owner.host}:{owner.port}, database {owner.dbname}: reachable")
    return 0


COMMANDS = {
    "demo": cmd_demo,
    "generate": cmd_generate,
    "simulate": cmd_simulate,
    "ingest": cmd_ingest,
    "build": cmd_build,
    "run": cmd_run,
    "score": cmd_score,
    "dashboard": cmd_dashboard,
    "docs": cmd_docs,
    "db": cmd_db,
}

if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

"""A small warehouse for the operations marts: known loads, known rejects, one outlier load, and builds
through `shoplens build` (one that passes, then one whose deliberately failing test really fails).

- The Olist sample and the hand-written canonical events (tests/dashboard/fixtures) load first.
- Then event files load one at a time, in this order, so their load ids and the medians are known:
  five normal files of 10-12 rows, an outlier of OUTLIER_ROWS rows, and a normal one after it.
- A file with BAD_LINES (an unreadable event time, a missing user) rejects exactly those lines.
- `shoplens build` (pipeline.build) builds the project; then a temporary copy of the project with one
  extra singular test, which fails whenever a source has loads, is built the same way, and fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from shoplens.dbt import DbtError
from shoplens.settings import DBT_PROJECT_DIR, Settings
from shoplens.warehouse import Warehouse, ensure_warehouse
from tests.conftest import drop_database, make_settings

HAND_EVENTS = Path(__file__).parent / "dashboard" / "fixtures" / "canonical_events.csv"
NORMAL_ROWS = (10, 12, 11, 10, 12)
OUTLIER_ROWS = 120  # ten times the median of the loads before it
AFTER_OUTLIER_ROWS = 11
# line number (the header is line 1) -> what is wrong with it
BAD_LINES = {3: "an unreadable event time", 5: "no user"}
FAILING_TEST = "assert_build_probe_fails"
FAILING_TEST_SQL = """
-- Fails on purpose (one row per source with loads): proves a failed test reaches the Data health marts.
select source_table from {{ ref('mart_source_loads') }}
"""


@dataclass(frozen=True)
class OperationsShop:
    warehouse: Warehouse
    settings: Settings
    passing_target: Path  # the target folder of the build that passed
    failing_target: Path  # the target folder of the build with the failing test
    outlier_file: str
    normal_files: tuple[str, ...]
    reject_file: str


def events_file(path: Path, rows: int, tag: str) -> Path:
    lines = ["event_id,event_time,user_id,event_type,page_path,page_type"]
    lines += [
        f"{tag}-{n},2019-04-0{1 + n % 7}T10:{n % 60:02d}:00Z,{tag}-user-{n % 3},page_view,/,home"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def reject_file(path: Path) -> Path:
    rows = {
        2: "rj-1,2019-04-02T10:00:00Z,rj-user,page_view,/,home",
        3: "rj-2,not-a-time,rj-user,page_view,/,home",
        4: "rj-3,2019-04-02T10:02:00Z,rj-user,page_view,/,home",
        5: "rj-4,2019-04-02T10:03:00Z,,page_view,/,home",
        6: "rj-5,2019-04-02T10:04:00Z,rj-user,page_view,/,home",
    }
    header = "event_id,event_time,user_id,event_type,page_path,page_type\n"
    path.write_text(header + "\n".join(rows.values()) + "\n")
    return path


def project_with_failing_test(copy_dir: Path) -> Path:
    """A copy of the dbt project (without its artifacts) plus the failing singular test."""
    shutil.copytree(
        DBT_PROJECT_DIR, copy_dir, ignore=shutil.ignore_patterns("target", "logs", "sqlfluff_libs")
    )
    (copy_dir / "tests" / f"{FAILING_TEST}.sql").write_text(FAILING_TEST_SQL)
    return copy_dir


def build_operations_shop(home: Path, samples_dir: Path, work: Path) -> OperationsShop:
    from ingestion.loader import LOADED, load_paths
    from shoplens.pipeline import build

    settings = make_settings("embedded", home)
    warehouse = ensure_warehouse(settings)
    first = load_paths(warehouse.owner, [samples_dir / "olist", HAND_EVENTS])
    assert all(r.status == LOADED and not r.rows_rejected for r in first), first
    files = work / "events"
    files.mkdir()
    normal = [events_file(files / f"normal_{i}.csv", rows, f"n{i}") for i, rows in enumerate(NORMAL_ROWS)]
    outlier = events_file(files / "outlier.csv", OUTLIER_ROWS, "out")
    after = events_file(files / "after_outlier.csv", AFTER_OUTLIER_ROWS, "after")
    for path in [*normal, outlier, after]:  # one call each: the load ids follow this order
        (result,) = load_paths(warehouse.owner, [path])
        assert result.status == LOADED and not result.rows_rejected, result
    (rejecting,) = load_paths(warehouse.owner, [reject_file(files / "with_rejects.csv")])
    assert rejecting.rows_rejected == len(BAD_LINES), rejecting

    passing = work / "passing_target"
    build(warehouse, settings, ["--exclude", "test_type:unit", "--target-path", str(passing)], quiet=True)
    copy = project_with_failing_test(work / "project_copy")
    failing = work / "failing_target"
    with pytest.raises(DbtError):
        build(
            warehouse,
            settings,
            ["--project-dir", str(copy), "--select", "mart_source_loads", "--target-path", str(failing)],
            quiet=True,
        )
    return OperationsShop(
        warehouse=warehouse,
        settings=settings,
        passing_target=passing,
        failing_target=failing,
        outlier_file=outlier.name,
        normal_files=tuple(p.name for p in [*normal, after]),
        reject_file="with_rejects.csv",
    )


def operations_shop(
    shoplens_home: Path, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OperationsShop]:
    """The body of a test module's fixture (`yield from operations_shop(...)`): build, yield, drop."""
    shop = build_operations_shop(shoplens_home, samples_dir, tmp_path_factory.mktemp("operations_shop"))
    yield shop
    drop_database(shop.warehouse)

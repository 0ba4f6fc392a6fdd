"""One generated shop, loaded and built once per session, and scored once as of its default T: the ML
tests and the dashboard's model pages share it (a pytest plugin of the root conftest).

30 % of Olist (~30k orders, 200k events): the smallest shop in which enough customers come back within
180 days for the churn model to train at T - 2H and be judged at T - H (it needs 30 of each class).
The UCI Online Shoppers sample is loaded too when the samples are there, for the UCI intent model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shoplens.warehouse import Warehouse, ensure_warehouse
from tests.conftest import SAMPLES_DIR, drop_database, make_settings

ML_SCALE = 0.3
ML_EVENTS = 200_000
ML_SEED = 5


def build_warehouse(warehouse: Warehouse, work: Path, *dbt_args: str) -> None:
    """`dbt build` the seeds and models (no tests: tests/dbt runs them), in this test's own dbt folders."""
    from shoplens.dbt import run_dbt

    run_dbt(
        warehouse,
        [
            "build",
            "--exclude",
            "resource_type:test",
            "resource_type:unit_test",
            "--target-path",
            str(work / "target"),
            *dbt_args,
        ],
        log_dir=work / "logs",
        capture=True,
    )


@pytest.fixture(scope="session")
def ml_warehouse(shoplens_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """A generated shop with its clickstream, loaded and built: tests that change it work on a copy."""
    from ingestion.generator import generate_world
    from ingestion.loader import LOADED, load_paths

    work = tmp_path_factory.mktemp("ml_warehouse")
    generate_world(work / "landing", scale=ML_SCALE, seed=ML_SEED, events=ML_EVENTS)
    paths = [work / "landing"]
    uci = SAMPLES_DIR / "online_shoppers"
    if uci.is_dir():
        paths.append(uci)
    wh = ensure_warehouse(make_settings("embedded", shoplens_home))
    results = load_paths(wh.owner, paths)
    problems = [r for r in results if r.status != LOADED or r.rows_rejected]
    assert not problems, problems
    build_warehouse(wh, work)
    yield wh
    drop_database(wh)


@pytest.fixture(scope="session")
def scored(ml_warehouse: Warehouse):
    """Every model trained and its marts written, as of the default T (the day after the last order)."""
    from ml.scoring import score_all

    with ml_warehouse.connect() as conn:
        return score_all(conn)

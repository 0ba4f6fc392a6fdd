"""The operations marts against what they report on: dbt's run_results.json, the raw audit and rejects,
the volume rule computed here from the audit rows, and the marts' yml for the glossary."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import yaml

from shoplens.build_results import PERSISTED_TYPES
from shoplens.settings import DBT_PROJECT_DIR
from tests.dbt.model_equality import clickstream_models
from tests.operations_shop import BAD_LINES, FAILING_TEST, OperationsShop, operations_shop

OPERATIONS_MARTS = (
    "mart_source_loads",
    "mart_latest_rejects",
    "mart_load_volume",
    "mart_freshness",
    "mart_dbt_builds",
    "mart_dbt_last_build",
    "mart_metric_glossary",
)
# dbt_project.yml vars of the volume rule
VOLUME_FACTOR, VOLUME_LOOKBACK, VOLUME_MIN_PREVIOUS = 5, 10, 3


@pytest.fixture(scope="module")
def shop(
    shoplens_home: Path, samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OperationsShop]:
    """Built once for this module: the tests only read it."""
    yield from operations_shop(shoplens_home, samples_dir, tmp_path_factory)


def rows(shop: OperationsShop, query: str, params: tuple = ()) -> list[tuple]:
    with shop.warehouse.owner.connect() as conn:
        return conn.execute(query, params).fetchall()


def run_results(target: Path) -> list[dict]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return [r for r in results if r["unique_id"].split(".", 1)[0] in PERSISTED_TYPES]


def test_the_last_build_in_the_marts_is_the_run_results_of_the_failed_build(
    shop: OperationsShop,
) -> None:
    expected = {(r["unique_id"], r["status"], r["failures"]) for r in run_results(shop.failing_target)}
    shown = set(rows(shop, "select unique_id, status, failures from marts.mart_dbt_last_build"))
    assert len(expected) > 5 and shown == expected


def test_every_build_is_persisted_with_its_counts(shop: OperationsShop) -> None:
    passing = run_results(shop.passing_target)
    kinds = Counter((r["unique_id"].split(".", 1)[0], r["status"]) for r in passing)
    invocation = json.loads((shop.passing_target / "run_results.json").read_text())["metadata"][
        "invocation_id"
    ]
    (build,) = rows(
        shop,
        "select build_rank, nodes_built, nodes_succeeded, data_tests, data_tests_passed, data_tests_failed, "
        "is_success from marts.mart_dbt_builds where build_id = %s",
        (invocation,),
    )
    models = kinds[("model", "success")] + kinds[("seed", "success")]
    tests = sum(n for (kind, _), n in kinds.items() if kind == "test")
    assert kinds[("model", "success")] > 50
    assert build == (2, models, models, tests, kinds[("test", "pass")], 0, True)
    persisted = rows(
        shop,
        "select resource_type, status, count(*) from raw.dbt_node_results where invocation_id = %s "
        "group by resource_type, status",
        (invocation,),
    )
    assert dict(((kind, status), n) for kind, status, n in persisted) == dict(kinds)


def test_a_failing_test_shows_as_failed(shop: OperationsShop) -> None:
    (sources,) = rows(shop, "select count(*) from marts.mart_source_loads")[0]
    (failed,) = rows(
        shop,
        "select status, is_failure, failures, tested_node from marts.mart_dbt_last_build "
        "where node_name = %s",
        (FAILING_TEST,),
    )
    assert failed == ("fail", True, sources, "mart_source_loads")
    (last,) = rows(
        shop,
        "select is_success, data_tests_failed from marts.mart_dbt_builds where build_rank = 1",
    )
    assert last == (False, 1)


def test_the_rejects_shown_are_the_raw_reject_rows_of_the_latest_rejecting_load(
    shop: OperationsShop,
) -> None:
    raw = rows(
        shop,
        "select r.line_number, r.reason from raw.rejected_rows as r "
        "inner join raw.load_audit as a using (load_id) where a.file_name = %s order by 1",
        (shop.reject_file,),
    )
    shown = rows(
        shop,
        "select line_number, reason from marts.mart_latest_rejects where source_table = 'events' order by 1",
    )
    assert [line for line, _ in raw] == sorted(BAD_LINES) and shown == raw
    (loads,) = rows(
        shop,
        "select last_file_name, last_rows_rejected, rows_rejected_total from marts.mart_source_loads "
        "where source_table = 'events'",
    )
    assert loads == (shop.reject_file, len(BAD_LINES), len(BAD_LINES))


def test_the_volume_flag_fires_on_the_outlier_load_and_not_on_normal_ones(
    shop: OperationsShop,
) -> None:
    audit = rows(
        shop,
        "select load_id, target_table, rows_loaded from raw.load_audit where status = 'loaded' "
        "order by load_id",
    )
    expected, history = {}, {}
    for load_id, table, loaded in audit:  # the rule, computed here from the audit rows
        previous = history.setdefault(table, [])[-VOLUME_LOOKBACK:]
        judged = len(previous) >= VOLUME_MIN_PREVIOUS
        median = statistics.median(previous) if previous else None
        expected[load_id] = judged and (loaded > VOLUME_FACTOR * median or loaded * VOLUME_FACTOR < median)
        history[table].append(loaded)
    marked = dict(rows(shop, "select load_id, is_volume_outlier from marts.mart_load_volume"))
    assert marked == expected
    flagged = rows(shop, "select file_name from marts.mart_load_volume where is_volume_outlier")
    assert flagged == [(shop.outlier_file,)]
    normal = rows(
        shop,
        "select bool_or(is_volume_outlier), bool_and(is_judged) from marts.mart_load_volume "
        "where file_name = any(%s)",
        (list(shop.normal_files[VOLUME_MIN_PREVIOUS:]),),
    )
    assert normal == [(False, True)]


def test_freshness_judges_sources_by_their_yml_thresholds(shop: OperationsShop) -> None:
    sources = yaml.safe_load((DBT_PROJECT_DIR / "models" / "staging" / "_olist__sources.yml").read_text())
    raw = next(s for s in sources["sources"] if s["name"] == "raw")
    default = raw["config"]["freshness"]["warn_after"]["count"]
    shown = {
        name: (status, warn)
        for name, status, warn in rows(
            shop,
            "select object_name, freshness_status, warn_after_hours from marts.mart_freshness "
            "where object_type = 'source'",
        )
    }
    untracked = {t["name"] for t in raw["tables"] if "freshness" in (t.get("config") or {})} - {
        "load_audit",
        "rejected_rows",
        "dbt_node_results",
    }
    assert shown["events"] == ("ok", default) and shown["olist_orders"] == ("ok", default)
    assert shown["rees46_events"] == ("not_loaded", default)  # never loaded here
    assert {name for name, (_, warn) in shown.items() if warn is None} == untracked
    assert shown["olist_geolocation"][0] == "untracked"
    (fct_orders,) = rows(
        shop,
        "select freshness_status, age_hours from marts.mart_freshness where object_name = 'fct_orders'",
    )
    assert fct_orders == ("ok", 0)  # built after every load


def _docs_blocks() -> dict[str, str]:
    text = "\n".join(path.read_text() for path in (DBT_PROJECT_DIR / "models").rglob("*.md"))
    return {
        name: body.strip() for name, body in re.findall(r"{% docs (\w+) %}(.*?){% enddocs %}", text, re.S)
    }


def _rendered(description: str, docs: dict[str, str]) -> str:
    return re.sub(r"""{{\s*doc\(["'](\w+)["']\)\s*}}""", lambda m: docs[m.group(1)], description).strip()


def test_the_glossary_has_one_row_per_meta_metric_column_with_its_yml_description(
    shop: OperationsShop,
) -> None:
    docs, expected = _docs_blocks(), set()
    for path in (DBT_PROJECT_DIR / "models" / "marts").rglob("*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            for column in model.get("columns", []):
                metric = ((column.get("config") or {}).get("meta") or {}).get("metric")
                if metric:
                    description = _rendered(column.get("description", ""), docs)
                    expected.add(
                        (model["name"], column["name"], metric["label"], metric["unit"], description)
                    )
    glossary = rows(
        shop, "select mart, column_name, metric, unit, description from marts.mart_metric_glossary"
    )
    assert len(expected) >= 10 and len(glossary) == len(set(glossary)) and set(glossary) == expected
    (conversion,) = rows(
        shop,
        "select numerator, denominator from marts.mart_metric_glossary "
        "where mart = 'mart_conversion_cube' and column_name = 'conversion_rate'",
    )
    assert conversion == ("converted_sessions", "sessions")


def test_the_dashboard_role_reads_the_operations_marts_and_not_raw(shop: OperationsShop) -> None:
    with shop.warehouse.dashboard.connect(autocommit=True) as conn:
        for mart in OPERATIONS_MARTS:
            assert conn.execute(f"select count(*) from marts.{mart}").fetchone()[0] > 0, mart  # noqa: S608
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from raw.dbt_node_results")


def test_no_operations_mart_is_in_the_incremental_comparison(shop: OperationsShop) -> None:
    # They change with every load and build by design; model_equality must not compare them.
    compared = {table for _, table in clickstream_models(shop.passing_target / "manifest.json")}
    assert compared and not compared & set(OPERATIONS_MARTS)

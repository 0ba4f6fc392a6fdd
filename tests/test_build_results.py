"""shoplens.build_results without a database: where dbt's results are read from, and how a node reads."""

from __future__ import annotations

from pathlib import Path

from shoplens.build_results import DEFAULT_TARGET_DIR, node_results, target_dir_of
from shoplens.settings import DBT_PROJECT_DIR


def test_the_results_are_read_where_the_arguments_tell_dbt_to_write_them(tmp_path: Path) -> None:
    assert target_dir_of(["--select", "marts"]) == DEFAULT_TARGET_DIR
    assert target_dir_of(["--target-path", str(tmp_path)]) == tmp_path
    assert target_dir_of([f"--target-path={tmp_path}"]) == tmp_path
    assert target_dir_of(["--target-path", "elsewhere"]) == DBT_PROJECT_DIR / "elsewhere"  # dbt's cwd


def test_a_node_keeps_its_status_time_rows_failures_and_model() -> None:
    run_results = {
        "metadata": {"invocation_id": "inv-1", "generated_at": "2026-01-02T03:04:05.000001Z"},
        "args": {"which": "build"},
        "results": [
            {
                "unique_id": "model.shoplens.fct_orders",
                "status": "success",
                "execution_time": 1.5,
                "timing": [
                    {
                        "name": "compile",
                        "started_at": "2026-01-02T03:00:00Z",
                        "completed_at": "2026-01-02T03:00:01Z",
                    },
                    {
                        "name": "execute",
                        "started_at": "2026-01-02T03:00:01Z",
                        "completed_at": "2026-01-02T03:00:02Z",
                    },
                ],
                "adapter_response": {"rows_affected": 2000},
                "failures": None,
                "message": "SELECT 2000",
            },
            {"unique_id": "test.shoplens.not_null_fct_orders_order_id.ab12", "status": "fail", "failures": 3},
            {"unique_id": "operation.shoplens.shoplens-on-run-start-0", "status": "success"},
        ],
    }
    manifest = {
        "nodes": {
            "test.shoplens.not_null_fct_orders_order_id.ab12": {
                "name": "not_null_fct_orders_order_id",
                "attached_node": "model.shoplens.fct_orders",
            }
        }
    }
    model, test = node_results(run_results, manifest, build_id="run-9")  # the hook is left out
    assert (model.build_id, model.invocation_id, model.node_name, model.rows_affected) == (
        "run-9",
        "inv-1",
        "fct_orders",
        2000,
    )
    assert (model.started_at.second, model.completed_at.second, model.execution_seconds) == (1, 2, 1.5)
    assert (test.resource_type, test.node_name, test.tested_node, test.status, test.failures) == (
        "test",
        "not_null_fct_orders_order_id",
        "fct_orders",
        "fail",
        3,
    )

"""The dbt exposure of the dashboard lists exactly the marts its queries read, so lineage is true.

The marts read are parsed from the SQL itself: the `from` and `join` clauses of the string literals
in the dashboard's code, not names that only appear in comments or docstrings.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT

READ_CLAUSE = re.compile(r"\b(?:from|join)\s+marts\.([a-z_0-9]+)", re.IGNORECASE)


def _sql_literals(module: Path) -> list[str]:
    """Every string literal of a module but its docstrings (module, class and function ones)."""
    tree = ast.parse(module.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def marts_read_by(modules: list[Path]) -> set[str]:
    texts = [text for module in modules for text in _sql_literals(module)]
    return {mart for text in texts for mart in READ_CLAUSE.findall(text)}


def test_the_parser_reads_clauses_not_comments(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    module.write_text(
        '"""Reads from marts.in_docstring."""\n'
        "# select * from marts.in_comment\n"
        'QUERY = "select * from marts.mart_a as a join marts.mart_b using (id)"\n'
        'TEXT = "see marts.mart_c in the docs"\n'
    )
    assert marts_read_by([module]) == {"mart_a", "mart_b"}


def test_dashboard_exposure_matches_the_marts_the_dashboard_queries_read() -> None:
    modules = sorted((PROJECT_ROOT / "dashboard").rglob("*.py"))
    read = marts_read_by(modules)
    exposures = yaml.safe_load((DBT_PROJECT_DIR / "models" / "marts" / "_marts__models.yml").read_text())
    exposure = next(e for e in exposures["exposures"] if e["name"] == "shoplens_dashboard")
    # dbt models by ref('name'); the ML marts (written by `shoplens score`) by source('ml', 'name').
    declared = {
        re.fullmatch(r"ref\('([a-z_]+)'\)|source\('ml', '([a-z_]+)'\)", ref).group(1, 2)
        for ref in exposure["depends_on"]
    }
    declared = {model or ml_mart for model, ml_mart in declared}
    assert read == declared, {"read, not declared": read - declared, "declared, not read": declared - read}

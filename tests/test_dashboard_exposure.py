"""The dbt exposure of the dashboard lists exactly the marts its data module reads, so lineage is true."""

from __future__ import annotations

import re

import yaml

from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT


def test_dashboard_exposure_matches_the_marts_the_data_module_reads() -> None:
    # The data module and the query modules behind it (dashboard/queries/): the only door to the warehouse.
    dashboard = PROJECT_ROOT / "dashboard"
    modules = [dashboard / "data.py", *sorted((dashboard / "queries").glob("*.py"))]
    source = "\n".join(module.read_text() for module in modules)
    read = set(re.findall(r"\bmarts\.([a-z_]+)", source))
    exposures = yaml.safe_load((DBT_PROJECT_DIR / "models" / "marts" / "_marts__models.yml").read_text())
    exposure = next(e for e in exposures["exposures"] if e["name"] == "shoplens_dashboard")
    # dbt models by ref('name'); the ML marts (written by `shoplens score`) by source('ml', 'name').
    declared = {
        re.fullmatch(r"ref\('([a-z_]+)'\)|source\('ml', '([a-z_]+)'\)", ref).group(1, 2)
        for ref in exposure["depends_on"]
    }
    declared = {model or ml_mart for model, ml_mart in declared}
    assert len(modules) > 2 and read and read == declared

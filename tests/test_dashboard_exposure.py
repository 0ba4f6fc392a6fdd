"""The dbt exposure of the dashboard lists exactly the marts its data module reads, so lineage is true."""

from __future__ import annotations

import re

import yaml

from shoplens.settings import DBT_PROJECT_DIR, PROJECT_ROOT


def test_dashboard_exposure_matches_the_marts_the_data_module_reads() -> None:
    source = (PROJECT_ROOT / "dashboard" / "data.py").read_text()
    read = set(re.findall(r"\bmarts\.([a-z_]+)", source))
    exposures = yaml.safe_load((DBT_PROJECT_DIR / "models" / "marts" / "_marts__models.yml").read_text())
    dashboard = next(e for e in exposures["exposures"] if e["name"] == "shoplens_dashboard")
    declared = {re.fullmatch(r"ref\('([a-z_]+)'\)", ref).group(1) for ref in dashboard["depends_on"]}
    assert read and read == declared

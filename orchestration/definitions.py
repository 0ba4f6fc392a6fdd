"""The shoplens code location: assembles assets, checks, job, schedule, sensor and resources.

`dagster dev` (pyproject [tool.dagster]) loads `defs` lazily; `build_definitions` also serves
`shoplens run` and the tests, which pass their own settings.
"""

from __future__ import annotations

from pathlib import Path

from dagster import Definitions, definitions

from orchestration.assets.dbt import AFTER_ML_SELECTION, build_dbt_assets, exposure_specs
from orchestration.assets.ingestion import BOOKKEEPING_SPECS, LANDING_SPECS, raw_tables
from orchestration.assets.ml import train_models
from orchestration.dbt_manifest import ensure_manifest, shoplens_dbt_project
from orchestration.jobs import shoplens_job
from orchestration.resources import WarehouseResource, dbt_cli_resource
from orchestration.schedules import daily_refresh
from orchestration.sensors import landing_folder_sensor
from orchestration.translator import ShoplensDbtTranslator
from shoplens.settings import DBT_PROJECT_DIR, Settings


def build_definitions(
    settings: Settings | None = None, dbt_project_dir: Path = DBT_PROJECT_DIR
) -> Definitions:
    """Everything Dagster knows about shoplens; `settings` None means those of the environment."""
    project = shoplens_dbt_project(dbt_project_dir)
    manifest_path = ensure_manifest(project)
    translator = ShoplensDbtTranslator()
    return Definitions(
        assets=[
            *LANDING_SPECS,
            *BOOKKEEPING_SPECS,
            raw_tables,
            build_dbt_assets(project, manifest_path, translator),
            train_models,
            build_dbt_assets(
                project,
                manifest_path,
                translator,
                name="dbt_build_after_ml",
                select=AFTER_ML_SELECTION,
                exclude=None,
            ),
            *exposure_specs(manifest_path, translator),
        ],
        jobs=[shoplens_job],
        schedules=[daily_refresh],
        sensors=[landing_folder_sensor],
        resources={"warehouse": WarehouseResource(settings), "dbt": dbt_cli_resource(dbt_project_dir)},
    )


@definitions
def defs() -> Definitions:
    return build_definitions()

"""dbt assets: every model is an asset, every data test an asset check, and exposures sit downstream.

One step runs `dbt build`, so models and their tests run in dependency order and a failing test
skips what depends on it (and fails the step, so nothing after the dbt step runs either). The few
models that read the ML marts (mart_insights) are a second dbt multi-asset, built after the ML step:
one multi-asset both upstream and downstream of the ML assets would be a cycle, which Dagster would
resolve by splitting it into colour-coded subsets, and that split put tests on a seed into the seeds'
own step, before the models they test existed.
"""

# No `from __future__ import annotations`: Dagster reads the type hints of the decorated functions.
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetsDefinition, AssetSpec, ResourceParam
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.resources import WarehouseResource
from shoplens.build_results import persist_build_results

# dbt models that read the marts the ML models write (the source `ml`): they are downstream of the ML
# assets, which are downstream of the other marts, so they get a dbt step of their own after the models.
AFTER_ML_SELECTION = "source:ml+"


def build_dbt_assets(
    project: DbtProject,
    manifest_path: Path,
    translator: DagsterDbtTranslator,
    *,
    name: str = "dbt_build",
    select: str = "fqn:*",
    exclude: str | None = AFTER_ML_SELECTION,
) -> AssetsDefinition:
    """The dbt models of `select` (less `exclude`) as one multi-asset whose step runs `dbt build`."""

    @dbt_assets(
        manifest=manifest_path,
        project=project,
        dagster_dbt_translator=translator,
        name=name,
        select=select,
        exclude=exclude,
    )
    def shoplens_dbt_models(
        context: AssetExecutionContext, dbt: DbtCliResource, warehouse: ResourceParam[WarehouseResource]
    ) -> Iterator[Any]:
        # DbtCliResource hands the current environment to dbt; profiles.yml reads SHOPLENS_PG_* from
        # it. The subprocess starts inside `cli`, so the variables only need to be set around it.
        with environ(warehouse.get().dbt_env()):
            invocation = dbt.cli(["build"], context=context)
        try:
            yield from invocation.stream()
        finally:
            # The Data health marts read dbt's results, of a failed build too; the run id ties this
            # step to the run's other dbt step (the models after ML) as one build.
            persist_build_results(warehouse.get().owner, invocation.target_path, build_id=context.run.run_id)
        # Each invocation gets its own target folder (~10 MB); keep it only when the build failed
        # (stream() raised above), since the run's events already hold what a success reported.
        shutil.rmtree(invocation.target_path, ignore_errors=True)

    return shoplens_dbt_models


def exposure_specs(manifest_path: Path, translator: DagsterDbtTranslator) -> list[AssetSpec]:
    """dbt exposures (the dashboard ...) as assets downstream of the models they read.

    dagster-dbt 0.29 does not turn exposures into assets itself; they are external (Dagster does
    not materialize them) but show who depends on which mart.
    """
    manifest = json.loads(manifest_path.read_text())
    return [_exposure_spec(manifest, exposure, translator) for exposure in manifest["exposures"].values()]


def _exposure_spec(
    manifest: Mapping[str, Any], exposure: Mapping[str, Any], translator: DagsterDbtTranslator
) -> AssetSpec:
    nodes = {**manifest["nodes"], **manifest["sources"]}
    deps = [
        translator.get_asset_key(nodes[unique_id])
        for unique_id in exposure["depends_on"]["nodes"]
        if unique_id in nodes
    ]
    owner = exposure.get("owner") or {}
    metadata = {"dbt_unique_id": exposure["unique_id"], "owner": owner.get("name") or owner.get("email")}
    if exposure.get("url"):
        metadata["url"] = exposure["url"]
    return AssetSpec(
        key=translator.get_asset_key(exposure),
        group_name=translator.get_group_name(exposure),
        deps=deps,
        description=exposure.get("description") or None,
        metadata={k: v for k, v in metadata.items() if v},
        kinds={"dbt", exposure.get("type") or "exposure"},
    )


@contextmanager
def environ(variables: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore what was there before."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

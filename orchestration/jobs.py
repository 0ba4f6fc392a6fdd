"""The job that materializes the whole graph: landing files -> raw -> staging -> marts -> ML models.
The landing sensor's runs select only what new files feed, never the ML models."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, in_process_executor

# In-process: the machine has 2 cores, and the multiprocess executor re-imports the code location in
# every step, which costs more than it saves here (dbt already runs its models with 2 threads).
shoplens_job = define_asset_job(
    name="shoplens_job",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Load new landing files, dbt build (models and data tests) the whole warehouse, and train "
    "and score the ML models.",
)

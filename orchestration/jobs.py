"""The jobs: the whole graph (landing files -> raw -> staging -> marts -> models), and the warehouse
without the models, which the landing sensor runs so that a landed file never retrains them."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, in_process_executor

from orchestration.naming import ML_GROUP

# In-process: the machine has 2 cores, and the multiprocess executor re-imports the code location in
# every step, which costs more than it saves here (dbt already runs its models with 2 threads).
shoplens_job = define_asset_job(
    name="shoplens_job",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Load new landing files, dbt build (models and data tests) the whole warehouse, and train "
    "and score the ML models.",
)

warehouse_job = define_asset_job(
    name="warehouse_job",
    selection=AssetSelection.all() - AssetSelection.groups(ML_GROUP),
    executor_def=in_process_executor,
    description="Load new landing files, then dbt build the whole warehouse; the ML models keep their last "
    "training (they retrain with the daily schedule).",
)

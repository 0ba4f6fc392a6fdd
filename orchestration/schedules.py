"""The daily schedule that refreshes the whole graph."""

from __future__ import annotations

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import shoplens_job

daily_refresh = ScheduleDefinition(
    name="daily_refresh",
    job=shoplens_job,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Every day at 05:00 UTC: load whatever landed and rebuild and test the warehouse.",
)

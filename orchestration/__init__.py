"""The Dagster definitions: landing-folder and raw-table assets, the dbt models as assets, the job
that runs them and the sensor that starts it when files land."""

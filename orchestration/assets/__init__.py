"""Dagster assets: ingestion (landing folder -> raw tables) and dbt (raw -> staging -> marts)."""

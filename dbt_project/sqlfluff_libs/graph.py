"""Lint-time stand-in for dbt's `graph` context (the project's nodes and sources).

The models written out of the graph (mart_metric_glossary, mart_freshness) read it; under sqlfluff's
plain Jinja it is empty, so they lint as their no-rows form. Used only by `sqlfluff lint`.
"""

nodes: dict[str, dict] = {}
sources: dict[str, dict] = {}

{#-
    create_build_results_table()

    The on-run-start hook: make sure raw.dbt_node_results exists before any model runs. After each
    build, Python (shoplens.build_results, called by `shoplens build` and the Dagster dbt assets)
    appends one row per node of dbt's run_results.json to it; the operations marts are views over
    it. It is created here, not by Python, so that every dbt invocation (tests, `dbt build` by hand)
    can build those views, even one whose results nobody persists.
-#}
{% macro create_build_results_table() -%}
    create table if not exists raw.dbt_node_results (
        build_id text not null,
        invocation_id text not null,
        command text,
        generated_at timestamptz not null,
        unique_id text not null,
        resource_type text not null,
        node_name text not null,
        tested_node text,
        status text not null,
        execution_seconds double precision,
        started_at timestamptz,
        completed_at timestamptz,
        rows_affected bigint,
        failures bigint,
        message text,
        persisted_at timestamptz not null default now(),
        primary key (invocation_id, unique_id)
    )
{%- endmacro %}

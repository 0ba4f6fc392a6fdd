{#-
    analyze_after_build()

    The post-hook of staging and mart models: `analyze` the table just built, so the planner knows
    its row counts (without statistics it guesses, and can pick nested loops that take minutes at
    scale 1.0, for later models and dashboard queries alike). Not for views, and not after an
    incremental run: a batch changes little of a table's statistics, and autovacuum analyzes it
    once enough rows changed.
-#}
{% macro analyze_after_build() -%}
    {%- if config.get('materialized') in ('table', 'incremental') and not is_incremental() -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}

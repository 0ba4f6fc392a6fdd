{#-
    audit_source_table(target_table)

    The source a raw.load_audit row belongs to: its target table without the schema
    (`raw.olist_orders` -> `olist_orders`, the name the dbt sources use), or `unrecognised` for a
    file whose format the loader could not tell.
-#}
{% macro audit_source_table(target_table) -%}
    coalesce(substring({{ target_table }} from '[^.]+$'), 'unrecognised')
{%- endmacro %}

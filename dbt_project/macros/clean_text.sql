{#-
    clean_text(column_name)

    Trimmed text, with empty strings as NULL: exports disagree on whether a missing value is an
    empty field or nothing at all.
-#}
{% macro clean_text(column_name) -%}
    nullif(trim({{ column_name }}), '')
{%- endmacro %}

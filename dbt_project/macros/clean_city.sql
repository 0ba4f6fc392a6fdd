{#-
    clean_city(column_name)

    A city name in one spelling for grouping: trimmed, lower case, inner runs of spaces collapsed.
    (Accents are kept: removing them needs the unaccent extension, which we do not assume.)
-#}
{% macro clean_city(column_name) -%}
    nullif(lower(regexp_replace(trim({{ column_name }}), '\s+', ' ', 'g')), '')
{%- endmacro %}

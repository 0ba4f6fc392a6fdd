{#-
    freshness_hours(threshold)

    A dbt freshness threshold ({count: 36, period: hour}) in hours, as SQL (`null` when the source
    has none), so mart_freshness judges sources by the thresholds their sources yml declares.
-#}
{% macro freshness_hours(threshold) -%}
    {%- set hours_per_period = {'minute': 1 / 60, 'hour': 1, 'day': 24} -%}
    {%- if threshold and threshold.count and threshold.period -%}
        {{ threshold.count * hours_per_period[threshold.period] }}
    {%- else -%}
        null
    {%- endif -%}
{%- endmacro %}

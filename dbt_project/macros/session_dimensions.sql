{#-
    session_dimensions()

    The dimensions the session marts break sessions down by, in order: device_type, browser, os,
    region, traffic_source, visitor_type. The one list behind named_session_dimensions,
    session_dimension_grouping_sets and session_dimension_of_row. The source is not among them:
    two sources are two shops, so every grouping set keeps the source apart.
-#}
{% macro session_dimensions() -%}
    {{ return(['device_type', 'browser', 'os', 'region', 'traffic_source', 'visitor_type']) }}
{%- endmacro %}

{#-
    session_dimensions()

    The dimensions the funnel, drop-off and cart marts break sessions down by, in order:
    event_source, device_type, browser, os, region, traffic_source, visitor_type. The one list
    behind named_session_dimensions, session_dimension_grouping_sets and session_dimension_of_row.
-#}
{% macro session_dimensions() -%}
    {{ return(['event_source', 'device_type', 'browser', 'os', 'region', 'traffic_source', 'visitor_type']) }}
{%- endmacro %}

{#-
    canonical_event_columns()

    The columns every event staging model ends with, in this order (contract 4 of issue 3): the
    three models can be unioned by name, and int_events_sessionized adds its columns after them.
    Returns a list of column names; join it with ', ' in a select list.
-#}
{% macro canonical_event_columns() -%}
    {{ return([
        'event_id', 'event_source', 'event_time', 'user_id', 'source_session_id', 'event_type',
        'page_path', 'page_type', 'product_id', 'category', 'brand', 'price', 'quantity',
        'order_id', 'customer_id', 'search_query', 'element', 'element_text', 'value',
        'browser', 'os', 'device_type', 'country', 'region', 'traffic_source', 'referrer',
        'utm_campaign', '_load_id', '_line_number',
    ]) }}
{%- endmacro %}

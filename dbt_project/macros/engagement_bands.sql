{#-
    engagement_bands()

    The bands that mart_conversion_cube counts sessions in, per engagement measure, in order: the
    spread of session duration, page views and time on product pages, kept as additive counts so
    that any filter's distribution is a sum of rows (percentiles would need every session). Each
    measure's bands cover every session exactly once; a data test on the cube holds them to it.
    Each entry: column (the count's name) and condition (over a fct_sessions row).
-#}
{% macro engagement_bands() -%}
    {{ return([
        {'column': 'duration_under_1m_sessions', 'condition': 'duration_seconds < 60'},
        {'column': 'duration_1_to_3m_sessions', 'condition': 'duration_seconds >= 60 and duration_seconds < 180'},
        {'column': 'duration_3_to_10m_sessions', 'condition': 'duration_seconds >= 180 and duration_seconds < 600'},
        {'column': 'duration_10_to_30m_sessions', 'condition': 'duration_seconds >= 600 and duration_seconds < 1800'},
        {'column': 'duration_30m_plus_sessions', 'condition': 'duration_seconds >= 1800'},
        {'column': 'page_views_0_to_1_sessions', 'condition': 'page_views <= 1'},
        {'column': 'page_views_2_to_3_sessions', 'condition': 'page_views between 2 and 3'},
        {'column': 'page_views_4_to_7_sessions', 'condition': 'page_views between 4 and 7'},
        {'column': 'page_views_8_to_15_sessions', 'condition': 'page_views between 8 and 15'},
        {'column': 'page_views_16_plus_sessions', 'condition': 'page_views >= 16'},
        {'column': 'product_time_none_sessions', 'condition': 'product_related_duration_seconds = 0'},
        {'column': 'product_time_under_1m_sessions', 'condition': 'product_related_duration_seconds > 0 and product_related_duration_seconds < 60'},
        {'column': 'product_time_1_to_5m_sessions', 'condition': 'product_related_duration_seconds >= 60 and product_related_duration_seconds < 300'},
        {'column': 'product_time_5_to_15m_sessions', 'condition': 'product_related_duration_seconds >= 300 and product_related_duration_seconds < 900'},
        {'column': 'product_time_15m_plus_sessions', 'condition': 'product_related_duration_seconds >= 900'},
    ]) }}
{%- endmacro %}

{#-
    engagement_band_counts()

    The select items that count a group's sessions per engagement band (engagement_bands), one per
    line: cast(count(*) filter (where <condition>) as integer) as <column>.
-#}
{% macro engagement_band_counts() -%}
    {%- for band in engagement_bands() -%}
        cast(count(*) filter (where {{ band.condition }}) as integer) as {{ band.column }}
        {%- if not loop.last %},
        {% endif -%}
    {%- endfor -%}
{%- endmacro %}

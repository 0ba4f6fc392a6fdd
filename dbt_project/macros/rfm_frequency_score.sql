{#-
    rfm_frequency_score(order_count)

    The RFM frequency score from fixed order-count bands: 1 order -> 1, 2 -> 2, 3 -> 3, 4 -> 4,
    5 or more -> 5. About 97% of Olist customers have exactly one order, so quantiles of frequency
    would put almost everyone in one tie block and say nothing.
-#}
{% macro rfm_frequency_score(order_count) -%}
    case
        when {{ order_count }} >= 5 then 5
        when {{ order_count }} >= 1 then {{ order_count }}
    end
{%- endmacro %}

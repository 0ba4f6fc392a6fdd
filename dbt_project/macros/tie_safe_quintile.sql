{#-
    tie_safe_quintile(order_by)

    A 1-5 score from the cumulative distribution: ceil(cume_dist() * 5). Equal values share one
    cume_dist, so they always get the same score (ntile would split ties arbitrarily), and a value
    held by a large share of rows takes the score of the top of its block. cume_dist is a float:
    it is rounded as a numeric first so that e.g. 3/5 * 5 is exactly 3, never 3.0000000000000004.

    order_by: the window ordering, e.g. 'monetary' (higher is better) or 'recency_days desc'.
-#}
{% macro tie_safe_quintile(order_by) -%}
    cast(ceil(round(cast(cume_dist() over (order by {{ order_by }}) as numeric), 10) * 5) as integer)
{%- endmacro %}

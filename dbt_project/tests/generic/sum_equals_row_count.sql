{#-
    sum_equals_row_count(model, column_name, compare_model)

    Fails when the total of column_name in this model differs from the number of rows of
    compare_model. Proves that an aggregate counts every row of its source exactly once: e.g. the
    orders of mart_traffic_source_revenue add up to the orders of fct_orders (no order dropped,
    none counted twice).
-#}
{% test sum_equals_row_count(model, column_name, compare_model) %}

with model_total as (
    select coalesce(sum({{ column_name }}), 0) as total from {{ model }}
),

compare_rows as (
    select count(*) as total from {{ compare_model }}
)

select
    model_total.total as model_total,
    compare_rows.total as compare_rows
from model_total
cross join compare_rows
where model_total.total <> compare_rows.total

{% endtest %}

{#-
    sum_equals(model, column_name, compare_model, compare_column, tolerance=0)

    Fails when the total of column_name in this model differs from the total of compare_column in
    compare_model by more than tolerance. Proves an aggregate did not fan out (or drop) anything:
    e.g. the revenue of every mart equals the revenue of fct_orders.
-#}
{% test sum_equals(model, column_name, compare_model, compare_column, tolerance=0) %}

with model_total as (
    select coalesce(sum({{ column_name }}), 0) as total from {{ model }}
),

compare_total as (
    select coalesce(sum({{ compare_column }}), 0) as total from {{ compare_model }}
)

select
    model_total.total as model_total,
    compare_total.total as compare_total
from model_total
cross join compare_total
where abs(model_total.total - compare_total.total) > {{ tolerance }}

{% endtest %}

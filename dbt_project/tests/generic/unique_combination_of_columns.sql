{#-
    unique_combination_of_columns(model, combination_of_columns)

    Fails on every combination of the given columns that occurs more than once: the uniqueness
    test for a composite key such as (review_id, order_id).
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}

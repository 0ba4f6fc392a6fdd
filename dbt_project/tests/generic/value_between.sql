{#-
    value_between(model, column_name, min_value, max_value)

    Fails on every non-NULL value outside [min_value, max_value] (both ends included). For rates
    (0-1), scores (1-5) and anything else with a known range.
-#}
{% test value_between(model, column_name, min_value, max_value) %}

select {{ column_name }} as out_of_range_value
from {{ model }}
where
    {{ column_name }} is not null
    and ({{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }})

{% endtest %}

{#-
    value_between(model, column_name, min_value=none, max_value=none)

    Fails on every non-NULL value outside [min_value, max_value] (both ends included). Either end
    may be left out for a one-sided range: amounts (>= 0), counts (>= 1), rates (0-1), scores
    (1-5) and anything else with a known range.
-#}
{% test value_between(model, column_name, min_value=none, max_value=none) %}

{%- set below = column_name ~ ' < ' ~ min_value if min_value is not none else 'false' %}
{%- set above = column_name ~ ' > ' ~ max_value if max_value is not none else 'false' %}

select {{ column_name }} as out_of_range_value
from {{ model }}
where
    {{ column_name }} is not null
    and ({{ below }} or {{ above }})

{% endtest %}

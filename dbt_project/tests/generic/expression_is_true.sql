{#-
    expression_is_true(model, expression)

    A row-level invariant: fails on every row where the boolean SQL `expression` is not true
    (false, or NULL: an invariant that cannot be evaluated is not proven). E.g.
    'revenue = items_price + items_freight'. Use `config: where:` to limit the rows checked.
-#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}

{#-
    error_category(message)

    The kind of an error message shown to a visitor: 'payment failure' (any message about payment:
    'Payment declined', 'Payment service unavailable', ...), 'out of stock' ('Out of stock',
    'Sold out'), else 'other error' ('Address not found', ...). Case does not matter.
-#}
{% macro error_category(message) -%}
    case
        when lower({{ message }}) like '%payment%' then 'payment failure'
        when lower({{ message }}) like '%out of stock%' or lower({{ message }}) like '%sold out%'
            then 'out of stock'
        else 'other error'
    end
{%- endmacro %}

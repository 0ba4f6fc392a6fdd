{#-
    uci_page_group(page_type)

    The UCI Online Shoppers page group of a canonical page type, so event sessions get the same
    engagement columns as UCI sessions: 'product_related' (product, category, search: browsing
    the catalogue), 'administrative' (account, cart, checkout, confirmation: managing the visit
    and the order) and 'informational' (home, help, other). NULL when the page type is NULL.
-#}
{% macro uci_page_group(page_type) -%}
    case
        when {{ page_type }} in ('product', 'category', 'search') then 'product_related'
        when {{ page_type }} in ('account', 'cart', 'checkout', 'confirmation') then 'administrative'
        when {{ page_type }} is not null then 'informational'
    end
{%- endmacro %}

{#-
    page_type_from_path(path)

    The canonical page type of a URL path (query string and trailing slash ignored): home,
    category, search, product, cart, checkout, confirmation, account, help, or other. NULL when
    the path is NULL. Journey events have only a path; canonical events fall back to it when
    their page_type is empty.
-#}
{% macro page_type_from_path(path) -%}
    case
        when {{ path }} is null then null
        when {{ clean_url_path(path) }} in ('', '/', '/home', '/index.html') then 'home'
        when {{ clean_url_path(path) }} ~ '^/(product|products|p)(/|$)' then 'product'
        when {{ clean_url_path(path) }} ~ '^/(category|categories|c)(/|$)' then 'category'
        when {{ clean_url_path(path) }} ~ '^/search(/|$)' then 'search'
        when {{ clean_url_path(path) }} ~ '^/(cart|basket|bag)(/|$)' then 'cart'
        when {{ clean_url_path(path) }} ~ '^/checkout/(confirmation|success|complete|thank-you)(/|$)' then 'confirmation'
        when {{ clean_url_path(path) }} ~ '^/checkout(/|$)' then 'checkout'
        when {{ clean_url_path(path) }} ~ '^/(confirmation|order-confirmation|thank-you|thanks)(/|$)' then 'confirmation'
        when {{ clean_url_path(path) }} ~ '^/(account|login|signup|register|profile|orders)(/|$)' then 'account'
        when {{ clean_url_path(path) }} ~ '^/(help|faq|support|contact)(/|$)' then 'help'
        else 'other'
    end
{%- endmacro %}

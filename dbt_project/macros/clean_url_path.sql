{#-
    clean_url_path(path)

    A URL path in lower case, without query string, fragment or trailing slash ('/' stays '/'),
    so '/Cart/?x=1' and '/cart' are one page.
-#}
{% macro clean_url_path(path) -%}
    regexp_replace(lower(split_part(split_part(trim({{ path }}), '?', 1), '#', 1)), '(.)/+$', '\1')
{%- endmacro %}

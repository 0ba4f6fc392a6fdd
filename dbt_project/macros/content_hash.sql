{#-
    content_hash(expressions)

    md5 of a row's values, for rows that carry no id of their own. Each value is cast to text,
    NULL is written as '\N' (so NULL and '' differ) and values are joined by a unit separator (so
    'ab','c' and 'a','bc' differ). Pass timestamps through utc_text() so the hash does not depend
    on the session's time zone.

    expressions: a list of SQL expressions, in a fixed order.
-#}
{% macro content_hash(expressions) -%}
    md5(
    {%- for expression in expressions %}
        coalesce(cast({{ expression }} as text), '\N'){{ " || chr(31) ||" if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

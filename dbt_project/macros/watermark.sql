{#-
    watermark(relation, column, where='true')

    The latest `column` (a timestamptz) of `relation`'s rows matching `where` ('-infinity' for
    none), as a literal read when the model compiles. Incremental filters compare with it rather
    than with a `(select max(...))` subquery: the planner cannot see a subquery's value, so it
    guesses a third of the rows and scans the whole table, while a literal lets it read the few
    newer rows through their index. dbt compiles a model just before running it, so this is the
    value the model's own run starts from. In a unit test `relation` is a fixture, so the
    subquery stays.
-#}
{% macro watermark(relation, column, where='true') -%}
    {%- set latest -%}
        (select coalesce(max({{ column }}), '-infinity') from {{ relation }} where {{ where }})
    {%- endset -%}
    {%- if reads_at_compile_time() -%}
        cast('{{ run_query("select cast(" ~ latest ~ " as text)").columns[0].values()[0] }}' as timestamptz)
    {%- else -%}
        {{ latest }}
    {%- endif -%}
{%- endmacro %}

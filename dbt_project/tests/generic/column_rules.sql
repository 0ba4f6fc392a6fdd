{#-
    column_rules(model, not_null=[], between={}, accepted={}, expressions=[], latest_run_only=false,
                 stamp='updated_at')

    Every row-level rule on a model's columns in one test and one scan, instead of one test (and
    one scan, and one dbt node) per column and rule: a model-level test that fails on each row
    breaking a rule, naming the rules it breaks.

    not_null: columns that must have a value. between: {column: [min, max]} (either may be null
    for a one-sided range; NULL values pass, as in value_between). accepted: {column: [values]}
    (NULL passes; values compared as text). expressions: row invariants, boolean SQL that must be
    true (false or NULL breaks it, as in expression_is_true). latest_run_only: check only the rows the model's latest
    run wrote (its max(updated_at), or refreshed_at): for the large incremental models, whose
    earlier rows were checked when they were written. stamp: that column's name.
-#}
{% test column_rules(
    model, not_null=[], between={}, accepted={}, expressions=[], latest_run_only=false, stamp='updated_at'
) %}
    {%- set checks = [] -%}
    {%- for column in not_null -%}
{%- do checks.append("case when " ~ column ~ " is null then '" ~ column ~ " is null' end") -%}
{%- endfor -%}
    {%- for column, bounds in between.items() -%}
{%- set low = bounds[0] -%}
{%- set high = bounds[1] -%}
{%- set outside = [] -%}
{%- if low is not none %}{% do outside.append(column ~ ' < ' ~ low) %}{% endif -%}
{%- if high is not none %}{% do outside.append(column ~ ' > ' ~ high) %}{% endif -%}
{%- do checks.append(
    "case when " ~ (outside | join(' or ')) ~ " then '" ~ column ~ " outside ["
    ~ (low if low is not none else '') ~ ", " ~ (high if high is not none else '') ~ "]' end"
) -%}
{%- endfor -%}
    {%- for column, values in accepted.items() -%}
{%- set quoted = [] -%}
{%- for value in values %}{% do quoted.append("'" ~ value ~ "'") %}{% endfor -%}
{%- do checks.append(
    "case when cast(" ~ column ~ " as text) not in (" ~ (quoted | join(', ')) ~ ") then '"
    ~ column ~ " not accepted' end"
) -%}
{%- endfor -%}
    {%- for expression in expressions -%}
{%- do checks.append(
    "case when not coalesce(" ~ expression ~ ", false) then 'invariant " ~ loop.index ~ " fails' end"
) -%}
{%- endfor -%}
select *
from (
    select
        concat_ws('; ', {{ checks | join(', ') }}) as broken_rules,
        checked_rows.*
    from {{ model }} as checked_rows
{%- if latest_run_only %}
    where checked_rows.{{ stamp }} = (select max(latest.{{ stamp }}) from {{ model }} as latest)
    {%- endif %}
) as rules
where broken_rules <> ''
{% endtest %}

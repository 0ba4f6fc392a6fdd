{#-
    reconciles_within(model, column_name, other_column, abs_tolerance, max_exception_share)

    A business invariant with a stated tolerance: a row "reconciles" when
    abs(column_name - other_column) <= abs_tolerance. The test fails (returning the counts) when
    the share of rows that do not reconcile exceeds max_exception_share. Use `config: where:` to
    limit it to the rows where both sides exist.
-#}
{% test reconciles_within(model, column_name, other_column, abs_tolerance, max_exception_share) %}

with compared as (
    select
        count(*) as compared_rows,
        count(
            case when abs({{ column_name }} - {{ other_column }}) > {{ abs_tolerance }} then 1 end
        ) as exception_rows
    from {{ model }}
)

select
    compared_rows,
    exception_rows
from compared
where exception_rows > {{ max_exception_share }} * compared_rows

{% endtest %}

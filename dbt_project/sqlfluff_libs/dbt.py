"""Lint-time stand-ins for dbt's cross-database macros (`dbt.date_trunc`, ...).

sqlfluff renders the models with plain Jinja, where dbt's own `dbt` namespace does not exist. These
functions return the SQL that dbt-postgres generates, so the linted SQL matches what dbt runs.
They are used only by `sqlfluff lint` (see `library_path` in the root .sqlfluff), never by dbt.
"""

from __future__ import annotations


def date_trunc(datepart: str, date: str) -> str:
    return f"date_trunc('{datepart}', {date})"


def datediff(first_date: str, second_date: str, datepart: str) -> str:
    if datepart == "day":
        return f"(({second_date})::date - ({first_date})::date)"
    if datepart == "month":
        years = f"(date_part('year', ({second_date})::date) - date_part('year', ({first_date})::date))"
        months = f"(date_part('month', ({second_date})::date) - date_part('month', ({first_date})::date))"
        return f"({years} * 12 + {months})"
    raise ValueError(f"datediff stand-in does not know datepart {datepart!r}")


def dateadd(datepart: str, interval: object, from_date_or_timestamp: str) -> str:
    return f"{from_date_or_timestamp} + (({interval}) * (interval '1 {datepart}'))"


def safe_cast(field: str, type_name: str) -> str:
    return f"cast({field} as {type_name})"

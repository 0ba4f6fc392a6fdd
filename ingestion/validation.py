"""SQL that validates and casts landed text in bulk: one reason per bad row, one cast per good value.

Every landed field is text. For each raw table column this module builds (a) a CASE expression that
is NULL when the value is acceptable and otherwise says why not, naming the column and the value, and
(b) the cast into the column's type. CASE evaluates its branches in order, so a cast in a later
branch only runs on text that passed the earlier tests.

Numbers are tested with a regular expression (cheap) plus range checks. Timestamps are where the
cost is: a full regular expression takes several microseconds per value, so on PostgreSQL 16+ a
LIKE shape test and `pg_input_is_valid` do the job about four times faster; PostgreSQL 15 (a
supported server) lacks that function and gets the regular expression. Both refuse what an input
function would take but a data file should not hold ('now', 'epoch', 'infinity', '24:00:00').

`timestamptz` values are ISO 8601 with an optional zone: `Z`, ` UTC` or a numeric offset; a naive
time is UTC because the loader's transaction sets TimeZone to UTC. On PostgreSQL 16+ a one-class
character test (digits, separators and the letters of T, Z, UTC only; as cheap as a LIKE) keeps out
zone names, 'BC' and words before `pg_input_is_valid`. `boolean` takes true/false, t/f, yes/no,
y/n, on/off and 1/0, in any case.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from ingestion.raw_tables import Column

NUMBER_RE = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*$"
# Year 1-9999, month, day 1-31, and optionally a time; day 29-31 is checked against the month apart.
TIMESTAMP_RE = (
    r"^(000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"([ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?)?\s*$"
)
# The same, plus any fraction and a zone: `Z`, `UTC` or an offset PostgreSQL accepts (up to 15:59).
TIMESTAMPTZ_RE = (
    r"^(000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"([ T]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?( ?(Z|UTC|[+-](0\d|1[0-5])(:?[0-5]\d)?))?)?\s*$"
)
# A character outside these keeps a value out of timestamptz on PostgreSQL 16+ (zone names, BC, words).
NOT_TIMESTAMPTZ_CHARACTER = r"[^0-9TZUC:. +-]"
BOOLEAN_WORDS = ("true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0")
INT_MAX = 2147483647
# A plain decimal this short cannot overflow or underflow a float8, so only longer text or text with
# an exponent pays for the range check.
SHORT_DECIMAL_CHARS = 25
# Values quoted in reasons are cut to this length so one huge field cannot flood the reject table.
SHOWN_VALUE_CHARS = 80
FIRST_SERVER_WITH_INPUT_CHECK = 160000  # pg_input_is_valid came with PostgreSQL 16

NOT_A = {
    "integer": "is not an integer",
    "numeric": "is not a number",
    "double precision": "is not a number",
    "timestamp": "is not a timestamp",
    "timestamptz": "is not a timestamp",
    "boolean": "is not a boolean (true or false)",
}
TIMESTAMP_TYPES = ("timestamp", "timestamptz")


@dataclass(frozen=True)
class ValueChecks:
    """Builds the checks for one server: `native` uses pg_input_is_valid (PostgreSQL 16+)."""

    native: bool

    @classmethod
    def for_server(cls, server_version: int) -> ValueChecks:
        return cls(native=server_version >= FIRST_SERVER_WITH_INPUT_CHECK)

    def check_expression(self, column: Column, field: sql.Composable) -> sql.Composed | None:
        """NULL when the field suits the column, else the reason; None when nothing can be wrong."""
        empty = _missing(column) if column.required else sql.NULL
        branches = [sql.SQL("when {} is null or {} = '' then {}").format(field, field, empty)]
        if column.pg_type in TIMESTAMP_TYPES:
            branches.append(self._timestamp_branch(column, field))
        elif column.pg_type == "boolean":
            branches.append(_boolean_branch(column, field))
        else:
            branches += _number_branches(column, field)
        if len(branches) == 1 and not column.required:
            return None
        return sql.SQL("case {} end").format(sql.SQL(" ").join(branches))

    def _timestamp_branch(self, column: Column, field: sql.Composable) -> sql.Composed:
        bad = _reason(column, field, NOT_A[column.pg_type])
        if self.native:
            valid = sql.SQL("{} and pg_input_is_valid({}, {})").format(
                timestamp_shape_expression(field, column.pg_type), field, sql.Literal(column.pg_type)
            )
        else:
            pattern = TIMESTAMPTZ_RE if column.pg_type == "timestamptz" else TIMESTAMP_RE
            valid = sql.SQL("{f} ~ {re} and ({day})").format(
                f=field, re=sql.Literal(pattern), day=_day_exists_in_month(field)
            )
        return sql.SQL("when not ({}) then {}").format(valid, bad)


def timestamp_shape_expression(field: sql.Composable, pg_type: str = "timestamp") -> sql.Composed:
    """What the input function would accept but a data file should not hold, refused by position.

    The date sits at fixed positions (LIKE), so hour 24 and second 60, which the input function
    accepts, can be refused by position too (LIKE again: cheaper than substr). A timestamptz may
    hold only the characters of an ISO time with a `Z`, `UTC` or numeric zone.
    """
    shape = sql.SQL(
        "{f} like '____-__-__%' and {f} not like '___________24%' and {f} not like '_________________60%'"
    ).format(f=field)
    if pg_type == "timestamptz":
        return sql.SQL("{} and {} !~ {}").format(shape, field, sql.Literal(NOT_TIMESTAMPTZ_CHARACTER))
    return shape


def _day_exists_in_month(field: sql.Composable) -> sql.Composed:
    """For text that matched TIMESTAMP_RE: days 29-31 must exist in that month of that year."""
    return sql.SQL(
        "case when substr({f}, 9, 2) <= '28' then true"
        " else substr({f}, 9, 2)::int <= extract(day from make_date("
        "substr({f}, 1, 4)::int, substr({f}, 6, 2)::int, 1) + interval '1 month - 1 day') end"
    ).format(f=field)


def _boolean_branch(column: Column, field: sql.Composable) -> sql.Composed:
    """The words boolean input takes, whole (it would also take prefixes such as 'tr')."""
    return sql.SQL("when lower(btrim({})) not in ({}) then {}").format(
        field,
        sql.SQL(", ").join(map(sql.Literal, BOOLEAN_WORDS)),
        _reason(column, field, NOT_A["boolean"]),
    )


def _number_branches(column: Column, field: sql.Composable) -> list[sql.Composed]:
    """WHEN branches for a non-empty value; none for text, which accepts anything."""
    if column.pg_type == "text":
        return []
    bad = _reason(column, field, NOT_A[column.pg_type])
    branches = [sql.SQL("when {} !~ {} then {}").format(field, sql.Literal(NUMBER_RE), bad)]
    if column.pg_type == "integer":
        # "541.0" is an integer: some exports write every number as a float.
        out_of_range = _reason(column, field, "is out of range for an integer")
        branches += [
            sql.SQL("when {f}::numeric <> trunc({f}::numeric) then {r}").format(f=field, r=bad),
            sql.SQL("when abs({}::numeric) > {} then {}").format(field, sql.Literal(INT_MAX), out_of_range),
        ]
    elif column.pg_type == "double precision":
        # float8 refuses what overflows, and what underflows to zero.
        out_of_range = _reason(column, field, "is out of range for a floating-point number")
        branches.append(
            sql.SQL(
                "when (octet_length({f}) > {short} or strpos({f}, 'e') > 0 or strpos({f}, 'E') > 0)"
                " and not ({f}::numeric = 0 or abs({f}::numeric) between 1e-300 and 1e300) then {r}"
            ).format(f=field, short=sql.Literal(SHORT_DECIMAL_CHARS), r=out_of_range)
        )
    return branches


def _reason(column: Column, field: sql.Composable, problem: str) -> sql.Composed:
    """`column X: 'value' <problem>` as a SQL text expression."""
    return sql.SQL("{} || left({}, {}) || {}").format(
        sql.Literal(f"column {column.name}: '"),
        field,
        sql.Literal(SHOWN_VALUE_CHARS),
        sql.Literal(f"' {problem}"),
    )


def _missing(column: Column) -> sql.Literal:
    return sql.Literal(f"column {column.name}: required value is missing")


def reason_expression(checks: list[sql.Composed], field_count_reason: sql.Composable) -> sql.Composed:
    """All of a row's problems, '; '-separated, or NULL for a good row."""
    if not checks:
        return sql.SQL("{}").format(field_count_reason)
    return sql.SQL("coalesce({}, nullif(concat_ws('; ', {}), ''))").format(
        field_count_reason, sql.SQL(", ").join(checks)
    )


def cast_expression(column: Column, field: sql.Composable) -> sql.Composed:
    """The typed value of a field that passed its check (an empty field is NULL in the landing table)."""
    if column.pg_type == "text":
        return sql.SQL("{}").format(field)
    if column.pg_type == "integer":
        # Through numeric so that "541.0" casts; the check allowed only zero fractions.
        return sql.SQL("{}::numeric::integer").format(field)
    return sql.SQL("{}::{}").format(field, sql.SQL(column.pg_type))


def csv_line_expression(fields: list[sql.Composable]) -> sql.Composed:
    """The record re-serialised as one CSV line, quoting only where CSV needs it."""
    quoted = [
        sql.SQL(
            "case when {f} is null then ''"
            " when {f} ~ '[\",\\r\\n]' then '\"' || replace({f}, '\"', '\"\"') || '\"'"
            " else {f} end"
        ).format(f=f)
        for f in fields
    ]
    return sql.SQL("concat_ws(',', {})").format(sql.SQL(", ").join(quoted))

"""A KPI's change against the previous period: as many days, just before the selected range.

Both periods are read from the same mart through the same query, so the change compares like with
like; the page only subtracts the two figures it was given. There is no change to show when the
previous period would start before the data does (the whole range is selected, or most of it):
a part-covered period would read as growth that is only missing data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.formatting import is_missing


@dataclass(frozen=True)
class PreviousPeriod:
    start: date
    end: date

    @property
    def description(self) -> str:
        return f"vs {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


def previous_period(start: date | None, end: date | None, first_date: date | None) -> PreviousPeriod | None:
    """The same number of days ending the day before `start`, if the data covers all of it."""
    if start is None or end is None or first_date is None:
        return None
    previous_end = start - timedelta(days=1)
    previous_start = previous_end - (end - start)
    return None if previous_start < first_date else PreviousPeriod(previous_start, previous_end)


def relative(current: float, previous: float) -> str | None:
    """A count's or an amount's change in percent, e.g. '+12.5%'; none from nothing."""
    if is_missing(current) or is_missing(previous) or float(previous) == 0:
        return None
    return f"{float(current) / float(previous) - 1:+.1%}"


def points(current: float, previous: float) -> str | None:
    """A rate's change in percentage points, e.g. '-1.2 pp' (a relative change of a rate misleads)."""
    if is_missing(current) or is_missing(previous):
        return None
    return f"{(float(current) - float(previous)) * 100:+.1f} pp"


def difference(current: float, previous: float, decimals: int = 2) -> str | None:
    """An average's change in its own unit, e.g. '+0.12' stars."""
    if is_missing(current) or is_missing(previous):
        return None
    return f"{float(current) - float(previous):+.{decimals}f}"

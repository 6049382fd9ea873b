"""Properties of temporal and range values, such as ``date.year``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from ._temporal import YearMonthDuration
from ._values import MISSING, Range

__all__ = ["property_of"]


def _offset(value: datetime | time) -> Any:
    return value.utcoffset()


def _zone(value: datetime | time) -> Any:
    return value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None


_DATE: dict[str, Callable[[Any], Any]] = {
    "year": lambda v: Decimal(v.year),
    "month": lambda v: Decimal(v.month),
    "day": lambda v: Decimal(v.day),
    "weekday": lambda v: Decimal(v.isoweekday()),
}
_CLOCK: dict[str, Callable[[Any], Any]] = {
    "hour": lambda v: Decimal(v.hour),
    "minute": lambda v: Decimal(v.minute),
    "second": lambda v: Decimal(v.second),
    "time offset": _offset,
    "timezone": _zone,
}
_DATE_TIME = {**_DATE, **_CLOCK}
_DAY_TIME: dict[str, Callable[[Any], Any]] = {
    "days": lambda v: Decimal(v.days) if v >= timedelta(0) else -Decimal((-v).days),
    "hours": lambda v: _part(v, 3600, 24),
    "minutes": lambda v: _part(v, 60, 60),
    "seconds": lambda v: _part(v, 1, 60),
}
_YEAR_MONTH: dict[str, Callable[[Any], Any]] = {
    "years": lambda v: Decimal(v.years),
    "months": lambda v: Decimal(v.months),
}
_RANGE: dict[str, Callable[[Any], Any]] = {
    "start": lambda v: v.low,
    "end": lambda v: v.high,
    "start included": lambda v: v.low_closed,
    "end included": lambda v: v.high_closed,
}


def _part(value: timedelta, unit: int, modulo: int) -> Decimal:
    seconds = int(abs(value).total_seconds())
    sign = -1 if value < timedelta(0) else 1
    return Decimal(sign * ((seconds // unit) % modulo))


def property_of(value: Any, key: str) -> Any:
    """Return the named property of ``value``, or ``MISSING``."""
    table: dict[str, Callable[[Any], Any]]
    if isinstance(value, datetime):
        table = _DATE_TIME
    elif isinstance(value, date):
        table = _DATE
    elif isinstance(value, time):
        table = _CLOCK
    elif isinstance(value, timedelta):
        table = _DAY_TIME
    elif isinstance(value, YearMonthDuration):
        table = _YEAR_MONTH
    elif isinstance(value, Range):
        table = _RANGE
    else:
        return MISSING
    getter = table.get(key)
    return MISSING if getter is None else getter(value)

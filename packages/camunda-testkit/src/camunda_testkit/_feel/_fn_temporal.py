"""Temporal built-ins: constructors, ``now()``, ``today()`` and calendar facts."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from ._errors import FeelError
from ._registry import builtin, expect_integer, expect_string
from ._temporal import (
    YearMonthDuration,
    parse_date,
    parse_feel_date_time,
    parse_feel_duration,
    parse_time,
)
from ._values import FeelTypeError, render

__all__: list[str] = []

# Fixed English names: the calendar module would follow the process locale.
_WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _parsed(parser: Any, text: Any, what: str) -> Any:
    try:
        return parser(expect_string(text, what))
    except FeelError as error:
        raise FeelTypeError(str(error)) from None


@builtin("date", "from", "month", "day")
def _date(value: Any, month: Any = None, day: Any = None) -> date:
    if month is not None or day is not None:
        try:
            return date(
                expect_integer(value), expect_integer(month), expect_integer(day)
            )
        except ValueError:
            raise FeelTypeError("no such calendar date") from None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parsed(parse_date, value, "from")


@builtin("time", "from", "minute", "second", "offset")
def _time(
    value: Any, minute: Any = None, second: Any = None, offset: Any = None
) -> time:
    if minute is None:
        if isinstance(value, datetime):
            return value.timetz()
        if isinstance(value, time):
            return value
        return _parsed(parse_time, value, "from")
    zone = None
    if offset is not None:
        if not isinstance(offset, timedelta):
            raise FeelTypeError(
                f"expected a duration as offset but found {render(offset)}"
            )
        zone = timezone(offset)
    seconds = second if isinstance(second, Decimal) else Decimal(0)
    micros = int((seconds % 1) * 1_000_000)
    try:
        return time(
            expect_integer(value), expect_integer(minute), int(seconds), micros, zone
        )
    except ValueError:
        raise FeelTypeError("no such time of day") from None


@builtin("date and time", "from", "time")
def _date_and_time(value: Any, clock: Any = None) -> datetime:
    if clock is None:
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime.combine(value, time())
        text = expect_string(value, "from")
        if "T" not in text:
            return datetime.combine(_parsed(parse_date, text, "from"), time())
        return _parsed(parse_feel_date_time, text, "from")
    if not isinstance(value, date) or not isinstance(clock, time):
        raise FeelTypeError(
            f"expected a date and a time, found {render(value)}, {render(clock)}"
        )
    day = value.date() if isinstance(value, datetime) else value
    return datetime.combine(day, clock, tzinfo=clock.tzinfo)


@builtin("duration", "from")
def _duration(value: Any) -> Any:
    return _parsed(parse_feel_duration, value, "from")


@builtin("years and months duration", "from", "to")
def _years_and_months(start: Any, end: Any) -> YearMonthDuration:
    if not isinstance(start, date) or not isinstance(end, date):
        raise FeelTypeError(f"expected dates, found {render(start)}, {render(end)}")
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if months > 0 and _day_key(end) < _day_key(start):
        months -= 1
    elif months < 0 and _day_key(end) > _day_key(start):
        months += 1
    return YearMonthDuration(months)


def _day_key(value: date) -> tuple[int, int, int, int, int]:
    if isinstance(value, datetime):
        return (value.day, value.hour, value.minute, value.second, value.microsecond)
    return (value.day, 0, 0, 0, 0)


@builtin("now", needs_now=True)
def _now(now: datetime) -> datetime:
    return now


@builtin("today", needs_now=True)
def _today(now: datetime) -> date:
    return now.date()


def _day(value: Any) -> date:
    if not isinstance(value, date):
        raise FeelTypeError(f"expected a date but found {render(value)}")
    return value


@builtin("day of week", "date")
def _day_of_week(value: Any) -> str:
    return _WEEKDAYS[_day(value).weekday()]


@builtin("day of year", "date")
def _day_of_year(value: Any) -> Decimal:
    return Decimal(_day(value).timetuple().tm_yday)


@builtin("week of year", "date")
def _week_of_year(value: Any) -> Decimal:
    return Decimal(_day(value).isocalendar()[1])


@builtin("month of year", "date")
def _month_of_year(value: Any) -> str:
    return _MONTHS[_day(value).month - 1]


@builtin("last day of month", "date")
def _last_day_of_month(value: Any) -> Decimal:
    day = _day(value)
    return Decimal(calendar.monthrange(day.year, day.month)[1])

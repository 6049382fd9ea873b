"""ISO 8601 dates, times, durations and cycles, parsed and formatted by hand.

``datetime.fromisoformat`` on Python 3.10 rejects ``Z`` and most of the forms
FEEL and BPMN timers use, so the grammar lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import FeelError

__all__ = [
    "RepeatingInterval",
    "YearMonthDuration",
    "add_months",
    "format_temporal",
    "parse_cycle",
    "parse_date",
    "parse_date_time",
    "parse_duration",
    "parse_feel_date_time",
    "parse_feel_duration",
    "parse_interval",
    "parse_repeating_interval",
    "parse_time",
]


@dataclass(frozen=True, order=True)
class YearMonthDuration:
    """A FEEL years-and-months duration, kept as a signed count of months.

    Attributes:
        total_months: Signed number of months (``P1Y2M`` is 14).
    """

    total_months: int

    @property
    def years(self) -> int:
        """Whole years, with the sign of the duration."""
        sign = -1 if self.total_months < 0 else 1
        return sign * (abs(self.total_months) // 12)

    @property
    def months(self) -> int:
        """Months left over after whole years, with the sign of the duration."""
        sign = -1 if self.total_months < 0 else 1
        return sign * (abs(self.total_months) % 12)

    def isoformat(self) -> str:
        """Return the ISO 8601 text, such as ``P1Y2M`` or ``-P3M``."""
        sign = "-" if self.total_months < 0 else ""
        years, months = divmod(abs(self.total_months), 12)
        if years == 0 and months == 0:
            return "P0M"
        text = (f"{years}Y" if years else "") + (f"{months}M" if months else "")
        return f"{sign}P{text}"

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class RepeatingInterval:
    """An ISO 8601 repeating interval such as ``R3/PT10S``.

    Attributes:
        repetitions: How often it repeats; ``None`` for unbounded ``R/``.
        start: The first fire time when the text names one, else ``None``.
        interval: Time between two fires.
    """

    repetitions: int | None
    start: datetime | None
    interval: timedelta


_DATE = r"(?P<year>[+-]?\d{4,9})-(?P<month>\d{2})-(?P<day>\d{2})"
_TIME = (
    r"(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?"
)
_ZONE = r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|@[A-Za-z][A-Za-z0-9_/+\-]*)?"
_DATE_RE = re.compile(_DATE)
_TIME_RE = re.compile(_TIME + _ZONE)
_DATE_TIME_RE = re.compile(_DATE + "T" + _TIME + _ZONE)
_DURATION_RE = re.compile(
    r"(?P<sign>[+-])?P(?!$)"
    r"(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?"
    r"(?:T(?!$)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?"
)


def parse_date(text: str) -> date:
    """Parse ``YYYY-MM-DD``.

    Raises:
        FeelError: The text is not a valid calendar date.
    """
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise FeelError(f"not an ISO 8601 date: {text!r}")
    return _date_from(match, text)


def parse_time(text: str) -> time:
    """Parse ``hh:mm:ss[.f]`` with an optional ``Z``, offset or ``@zone``.

    Raises:
        FeelError: The text is not a valid time of day.
    """
    match = _TIME_RE.fullmatch(text)
    if match is None:
        raise FeelError(f"not an ISO 8601 time: {text!r}")
    return _time_from(match, text)


def parse_feel_date_time(text: str) -> datetime:
    """Parse a date-time; without a zone the result is naive (FEEL local).

    Raises:
        FeelError: The text is not a valid date-time.
    """
    match = _DATE_TIME_RE.fullmatch(text)
    if match is None:
        raise FeelError(f"not an ISO 8601 date-time: {text!r}")
    day = _date_from(match, text)
    clock = _time_from(match, text)
    return datetime.combine(day, clock, tzinfo=clock.tzinfo)


def parse_date_time(text: str) -> datetime:
    """Parse an ISO 8601 date-time that names its zone (``Z``, offset, ``@zone``).

    Raises:
        FeelError: The text is not a date-time or has no zone.
    """
    value = parse_feel_date_time(text)
    if value.tzinfo is None:
        raise FeelError(f"date-time has no offset or zone: {text!r}")
    return value


def parse_feel_duration(text: str) -> timedelta | YearMonthDuration:
    """Parse a FEEL duration: days-and-time or years-and-months, never both.

    Raises:
        FeelError: The text is not a duration or mixes the two kinds.
    """
    months, rest, has_months, has_rest = _duration_parts(text)
    if has_months and has_rest:
        raise FeelError(f"duration mixes years/months with days/time: {text!r}")
    if has_months:
        return YearMonthDuration(months)
    return rest


def parse_interval(text: str) -> tuple[int, timedelta]:
    """Parse any ISO 8601 duration into (months, remaining time).

    Raises:
        FeelError: The text is not an ISO 8601 duration.
    """
    months, rest, _, _ = _duration_parts(text)
    return months, rest


def parse_duration(text: str) -> timedelta:
    """Parse an ISO 8601 duration of fixed length (``PT5S``, ``P1DT2H``, ``P2W``).

    Raises:
        FeelError: The text is not a duration, or it has years or months,
            whose length depends on the calendar (see :func:`parse_interval`).
    """
    months, rest, _, _ = _duration_parts(text)
    if months:
        raise FeelError(f"duration with years or months has no fixed length: {text!r}")
    return rest


def parse_repeating_interval(text: str) -> RepeatingInterval:
    """Parse ``R[n]/[start/]duration``, as used by timer cycles.

    Raises:
        FeelError: The text is not a repeating interval.
    """
    parts = text.split("/")
    if len(parts) not in (2, 3) or not parts[0].startswith("R"):
        raise FeelError(f"not an ISO 8601 repeating interval: {text!r}")
    count = parts[0][1:]
    if count and not count.isdigit():
        raise FeelError(f"bad repetition count in {text!r}")
    repetitions = int(count) if count else None
    try:
        start = parse_date_time(parts[1]) if len(parts) == 3 else None
        interval = parse_duration(parts[-1])
    except FeelError as error:
        raise FeelError(f"bad repeating interval {text!r}: {error}") from None
    return RepeatingInterval(repetitions, start, interval)


def parse_cycle(text: str) -> tuple[int | None, timedelta]:
    """Parse a timer cycle such as ``R3/PT10S`` or ``R/PT1M``.

    Returns:
        The repetition count (``None`` when unbounded) and the interval.

    Raises:
        FeelError: The text is not a repeating interval.
    """
    cycle = parse_repeating_interval(text)
    return cycle.repetitions, cycle.interval


def add_months(value: date | datetime, months: int) -> date | datetime:
    """Shift a date or date-time by whole months, clamping the day of month."""
    index = value.year * 12 + (value.month - 1) + months
    year, month = divmod(index, 12)
    day = min(value.day, _days_in_month(year, month + 1))
    return value.replace(year=year, month=month + 1, day=day)


def format_temporal(value: object) -> str:
    """Return the ISO 8601 text of a FEEL temporal value.

    Raises:
        TypeError: The value is not temporal.
    """
    if isinstance(value, datetime):
        zone = _format_zone(value.tzinfo, value)
        return f"{value.date().isoformat()}T{_format_clock(value.time())}{zone}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _format_clock(value) + _format_zone(value.tzinfo, None)
    if isinstance(value, timedelta):
        return _format_timedelta(value)
    if isinstance(value, YearMonthDuration):
        return value.isoformat()
    raise TypeError(f"not a temporal value: {type(value).__name__}")


def _date_from(match: re.Match[str], text: str) -> date:
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise FeelError(f"no such calendar date: {text!r}") from None


def _time_from(match: re.Match[str], text: str) -> time:
    fraction = (match["fraction"] or "").ljust(6, "0")[:6]
    try:
        return time(
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
            int(fraction),
            tzinfo=_zone_from(match["zone"], text),
        )
    except ValueError:
        raise FeelError(f"no such time of day: {text!r}") from None


def _zone_from(zone: str | None, text: str) -> tzinfo | None:
    if zone is None:
        return None
    if zone == "Z":
        return timezone.utc
    if zone.startswith("@"):
        try:
            return ZoneInfo(zone[1:])
        except (ZoneInfoNotFoundError, ValueError):
            raise FeelError(f"unknown time zone in {text!r}") from None
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 18 or minutes > 59:
        raise FeelError(f"offset out of range in {text!r}")
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if zone[0] == "-" else offset)


def _duration_parts(text: str) -> tuple[int, timedelta, bool, bool]:
    match = _DURATION_RE.fullmatch(text)
    if match is None:
        raise FeelError(f"not an ISO 8601 duration: {text!r}")
    sign = -1 if match["sign"] == "-" else 1
    months = int(match["years"] or 0) * 12 + int(match["months"] or 0)
    seconds = Decimal((match["seconds"] or "0").replace(",", "."))
    rest = timedelta(
        weeks=int(match["weeks"] or 0),
        days=int(match["days"] or 0),
        hours=int(match["hours"] or 0),
        minutes=int(match["minutes"] or 0),
        seconds=int(seconds),
        microseconds=int((seconds % 1) * 1_000_000),
    )
    has_months = match["years"] is not None or match["months"] is not None
    has_rest = any(
        match[name] is not None
        for name in ("weeks", "days", "hours", "minutes", "seconds")
    )
    return sign * months, rest if sign > 0 else -rest, has_months, has_rest


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _format_clock(value: time) -> str:
    text = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text


def _format_zone(zone: tzinfo | None, moment: datetime | None) -> str:
    if zone is None:
        return ""
    if isinstance(zone, ZoneInfo):
        if moment is None:
            return f"@{zone.key}"
        return f"{_format_offset(moment.utcoffset())}[{zone.key}]"
    return _format_offset(zone.utcoffset(moment))


def _format_offset(offset: timedelta | None) -> str:
    if offset is None or offset == timedelta(0):
        return "Z"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds()) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _format_timedelta(value: timedelta) -> str:
    if value == timedelta(0):
        return "PT0S"
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or value.microseconds:
        fraction = (
            f".{value.microseconds:06d}".rstrip("0") if value.microseconds else ""
        )
        clock += f"{seconds}{fraction}S"
    days = f"{value.days}D" if value.days else ""
    return f"{sign}P{days}" + (f"T{clock}" if clock else "")

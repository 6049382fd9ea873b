from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from camunda_testkit._feel import YearMonthDuration, evaluate

UTC = timezone.utc
PLUS_TWO = timezone(timedelta(hours=2))
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2020-01-31")', date(2020, 1, 31)),
        ("date(2020, 2, 29)", date(2020, 2, 29)),
        ('date(date and time("2020-01-01T23:00:00Z"))', date(2020, 1, 1)),
        ('time("10:20:30")', time(10, 20, 30)),
        ('time("10:20:30.25Z")', time(10, 20, 30, 250000, tzinfo=UTC)),
        ('time("10:20:30+02:00")', time(10, 20, 30, tzinfo=PLUS_TWO)),
        ("time(10, 20, 30)", time(10, 20, 30)),
        (
            'time(10, 20, 30.5, duration("PT2H"))',
            time(10, 20, 30, 500000, tzinfo=PLUS_TWO),
        ),
        ('date and time("2020-01-01T10:00:00")', datetime(2020, 1, 1, 10)),
        ('date and time("2020-01-01T10:00:00Z")', datetime(2020, 1, 1, 10, tzinfo=UTC)),
        (
            'date and time("2020-01-01T10:00:00+02:00")',
            datetime(2020, 1, 1, 10, tzinfo=PLUS_TWO),
        ),
        (
            'date and time("2020-06-01T10:00:00@Europe/Paris")',
            datetime(2020, 6, 1, 10, tzinfo=PARIS),
        ),
        ('date and time("2020-01-01")', datetime(2020, 1, 1)),
        (
            'date and time(date("2020-01-01"), time("10:00:00Z"))',
            datetime(2020, 1, 1, 10, tzinfo=UTC),
        ),
        ('duration("PT5S")', timedelta(seconds=5)),
        (
            'duration("P1DT2H3M4.5S")',
            timedelta(days=1, hours=2, minutes=3, seconds=4.5),
        ),
        ('duration("-PT1H")', timedelta(hours=-1)),
        ('duration("P2W")', timedelta(days=14)),
        ('duration("P1Y2M")', YearMonthDuration(14)),
        ('duration("-P3M")', YearMonthDuration(-3)),
        (
            'years and months duration(date("2020-01-15"), date("2021-03-14"))',
            YearMonthDuration(13),
        ),
        (
            'years and months duration(date("2021-03-14"), date("2020-01-15"))',
            YearMonthDuration(-13),
        ),
        ('@"2020-01-01"', date(2020, 1, 1)),
        ('@"10:00:00"', time(10)),
        ('@"2020-01-01T10:00:00Z"', datetime(2020, 1, 1, 10, tzinfo=UTC)),
        ('@"P1D"', timedelta(days=1)),
        ('@"P1Y"', YearMonthDuration(12)),
        ('date("2020-02-30")', None),
        ('date("2020-1-1")', None),
        ('time("25:00:00")', None),
        ('duration("P1Y2D")', None),
        ('duration("PT")', None),
        ('duration("P")', None),
        ('date and time("2020-01-01T10:00:00@Mars/Base")', None),
    ],
)
def test_constructor(source: str, expected: Any) -> None:
    """date, time, date and time and duration build temporal values."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2020-01-31") + duration("P1M")', date(2020, 2, 29)),
        ('date("2020-02-29") - duration("P1Y")', date(2019, 2, 28)),
        ('date("2020-01-01") + duration("P1D")', date(2020, 1, 2)),
        ('duration("P1D") + date("2020-01-01")', date(2020, 1, 2)),
        ('date("2020-03-01") - date("2020-02-01")', timedelta(days=29)),
        (
            '@"2020-01-01T10:00:00Z" + duration("PT1H")',
            datetime(2020, 1, 1, 11, tzinfo=UTC),
        ),
        (
            '@"2020-01-31T10:00:00Z" + duration("P1M")',
            datetime(2020, 2, 29, 10, tzinfo=UTC),
        ),
        ('@"2020-01-02T00:00:00Z" - @"2020-01-01T12:00:00Z"', timedelta(hours=12)),
        ('@"2020-01-01T10:00:00+02:00" - @"2020-01-01T08:00:00Z"', timedelta(0)),
        (
            '@"2026-03-29T01:30:00@Europe/Paris" + duration("PT1H")',
            datetime(2026, 3, 29, 3, 30, tzinfo=PARIS),
        ),
        ('time("23:00:00") + duration("PT2H")', time(1)),
        ('time("10:00:00") - time("08:30:00")', timedelta(hours=1, minutes=30)),
        ('duration("PT1H") + duration("PT30M")', timedelta(minutes=90)),
        ('duration("PT1H") * 2', timedelta(hours=2)),
        ('2 * duration("PT1H")', timedelta(hours=2)),
        ('duration("PT1H") / 4', timedelta(minutes=15)),
        ('duration("PT1H") / duration("PT20M")', 3),
        ('-duration("PT1H")', timedelta(hours=-1)),
        ('duration("P1Y") + duration("P2M")', YearMonthDuration(14)),
        ('duration("P1Y") * 2', YearMonthDuration(24)),
        ('duration("P1Y") / duration("P6M")', 2),
        ('@"2020-01-01T10:00:00Z" > @"2020-01-01T09:00:00Z"', True),
        ('@"2020-01-01T10:00:00+02:00" = @"2020-01-01T08:00:00Z"', True),
        ('@"2020-01-01T10:00:00" > @"2020-01-01T09:00:00Z"', None),
        ('date("2020-01-01") + 1', None),
    ],
)
def test_temporal_arithmetic(source: str, expected: Any) -> None:
    """Dates, times and durations add, subtract and compare."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('date("2020-03-14").year', 2020),
        ('date("2020-03-14").month', 3),
        ('date("2020-03-14").day', 14),
        ('date("2020-03-14").weekday', 6),
        ('@"2020-03-14T10:20:30+02:00".hour', 10),
        ('@"2020-03-14T10:20:30+02:00".minute', 20),
        ('@"2020-03-14T10:20:30+02:00".second', 30),
        ('@"2020-03-14T10:20:30+02:00".time offset', timedelta(hours=2)),
        ('@"2020-03-14T10:20:30@Europe/Paris".timezone', "Europe/Paris"),
        ('@"2020-03-14T10:20:30".timezone', None),
        ('@"10:20:30".hour', 10),
        ('duration("P1DT2H3M4S").days', 1),
        ('duration("P1DT2H3M4S").hours', 2),
        ('duration("P1DT2H3M4S").minutes', 3),
        ('duration("P1DT2H3M4S").seconds', 4),
        ('duration("P1Y2M").years', 1),
        ('duration("P1Y2M").months', 2),
        ("[1..5].start", 1),
        ("[1..5).end included", False),
        ('day of week(date("2026-03-14"))', "Saturday"),
        ('day of year(date("2026-03-14"))', 73),
        ('week of year(date("2026-01-01"))', 1),
        ('month of year(date("2026-03-14"))', "March"),
        ('last day of month(date("2024-02-10"))', 29),
    ],
)
def test_temporal_property(source: str, expected: Any) -> None:
    """Temporal values expose their parts as properties."""
    assert expected == evaluate(source)


def test_now_and_today_use_the_given_clock(fixed_now: datetime) -> None:
    """now() and today() read the evaluation's pinned time."""
    assert fixed_now == evaluate("now()", now=fixed_now)
    assert fixed_now.date() == evaluate("today()", now=fixed_now)
    assert timedelta(hours=1) == evaluate(
        '(now() + duration("PT1H")) - now()', now=fixed_now
    )


def test_now_defaults_to_the_current_utc_time() -> None:
    """Without a pinned time, now() is aware and in UTC."""
    before = datetime.now(timezone.utc)
    value = evaluate("now()")
    after = datetime.now(timezone.utc)

    assert before <= value <= after
    assert timedelta(0) == value.utcoffset()

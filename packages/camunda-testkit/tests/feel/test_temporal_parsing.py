from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from camunda_testkit._feel import (
    FeelError,
    RepeatingInterval,
    YearMonthDuration,
    add_months,
    format_temporal,
    parse_cycle,
    parse_date,
    parse_date_time,
    parse_duration,
    parse_interval,
    parse_repeating_interval,
    parse_time,
)

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT5S", timedelta(seconds=5)),
        ("PT0.5S", timedelta(milliseconds=500)),
        ("PT1,5S", timedelta(milliseconds=1500)),
        ("PT1M", timedelta(minutes=1)),
        ("PT2H", timedelta(hours=2)),
        ("P1D", timedelta(days=1)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        ("P2W", timedelta(weeks=2)),
        ("-PT10S", timedelta(seconds=-10)),
        ("P0D", timedelta(0)),
        ("P0Y1D", timedelta(days=1)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    """Fixed-length ISO 8601 durations parse to timedelta."""
    assert expected == parse_duration(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5S", "not an ISO 8601 duration: '5S'"),
        ("P", "not an ISO 8601 duration: 'P'"),
        ("PT", "not an ISO 8601 duration: 'PT'"),
        ("P1H", "not an ISO 8601 duration: 'P1H'"),
        ("", "not an ISO 8601 duration: ''"),
        ("P1M", "duration with years or months has no fixed length: 'P1M'"),
    ],
)
def test_parse_duration_rejects(text: str, message: str) -> None:
    """Bad or calendar-dependent durations raise FeelError naming the text."""
    with pytest.raises(FeelError) as caught:
        parse_duration(text)

    assert message == str(caught.value)


def test_parse_interval_keeps_months_apart() -> None:
    """Calendar parts come back as months next to the fixed part."""
    assert (14, timedelta(days=3, hours=4)) == parse_interval("P1Y2M3DT4H")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R3/PT10S", (3, timedelta(seconds=10))),
        ("R/PT1M", (None, timedelta(minutes=1))),
        ("R0/P1D", (0, timedelta(days=1))),
    ],
)
def test_parse_cycle(text: str, expected: tuple[int | None, timedelta]) -> None:
    """Timer cycles give the repetition count and the interval."""
    assert expected == parse_cycle(text)


def test_parse_repeating_interval_with_start() -> None:
    """A cycle may name its first fire time."""
    expected = RepeatingInterval(
        2, datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=1)
    )

    assert expected == parse_repeating_interval("R2/2026-01-01T00:00:00Z/PT1H")


@pytest.mark.parametrize(
    "text", ["PT10S", "R3", "Rx/PT1S", "R3/PT1S/PT2S/PT3S", "R/P1M"]
)
def test_parse_cycle_rejects(text: str) -> None:
    """Malformed cycles raise FeelError that quotes the text."""
    with pytest.raises(FeelError) as caught:
        parse_cycle(text)

    assert repr(text) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-02T03:04:05Z", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2026-01-02T03:04:05.123Z", datetime(2026, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
        (
            "2026-01-02T03:04:05+01:30",
            datetime(
                2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=1, minutes=30))
            ),
        ),
        (
            "2026-01-02T03:04:05-0500",
            datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("2026-01-02T03:04Z", datetime(2026, 1, 2, 3, 4, tzinfo=UTC)),
        (
            "2026-07-02T03:04:05@Europe/Berlin",
            datetime(2026, 7, 2, 3, 4, 5, tzinfo=ZoneInfo("Europe/Berlin")),
        ),
    ],
)
def test_parse_date_time(text: str, expected: datetime) -> None:
    """Zoned date-times parse to aware datetimes."""
    assert expected == parse_date_time(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2026-01-02T03:04:05",
            "date-time has no offset or zone: '2026-01-02T03:04:05'",
        ),
        ("2026-01-02", "not an ISO 8601 date-time: '2026-01-02'"),
        ("2026-02-30T00:00:00Z", "no such calendar date: '2026-02-30T00:00:00Z'"),
        ("2026-01-02T24:00:00Z", "no such time of day: '2026-01-02T24:00:00Z'"),
        (
            "2026-01-02T03:04:05+19:00",
            "offset out of range in '2026-01-02T03:04:05+19:00'",
        ),
        (
            "2026-01-02T03:04:05@No/Where",
            "unknown time zone in '2026-01-02T03:04:05@No/Where'",
        ),
    ],
)
def test_parse_date_time_rejects(text: str, message: str) -> None:
    """Date-times without zone or with impossible fields raise FeelError."""
    with pytest.raises(FeelError) as caught:
        parse_date_time(text)

    assert message == str(caught.value)


def test_parse_date_and_time() -> None:
    """Plain dates and times parse on their own."""
    assert date(2024, 2, 29) == parse_date("2024-02-29")
    assert time(7, 8, 9, tzinfo=UTC) == parse_time("07:08:09Z")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2020, 1, 31), "2020-01-31"),
        (datetime(2020, 1, 1, 10), "2020-01-01T10:00:00"),
        (datetime(2020, 1, 1, 10, tzinfo=UTC), "2020-01-01T10:00:00Z"),
        (datetime(2020, 1, 1, 10, 0, 0, 500, tzinfo=UTC), "2020-01-01T10:00:00.0005Z"),
        (
            datetime(2020, 1, 1, 10, tzinfo=timezone(timedelta(hours=-3))),
            "2020-01-01T10:00:00-03:00",
        ),
        (
            datetime(2020, 6, 1, 10, tzinfo=ZoneInfo("Europe/Paris")),
            "2020-06-01T10:00:00+02:00[Europe/Paris]",
        ),
        (time(10, 20, 30), "10:20:30"),
        (time(10, 20, 30, 250000, tzinfo=UTC), "10:20:30.25Z"),
        (time(10, tzinfo=ZoneInfo("Europe/Paris")), "10:00:00@Europe/Paris"),
        (timedelta(0), "PT0S"),
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(minutes=3, seconds=4.5), "PT3M4.5S"),
        (timedelta(hours=-1), "-PT1H"),
        (timedelta(days=2), "P2D"),
        (YearMonthDuration(14), "P1Y2M"),
        (YearMonthDuration(-3), "-P3M"),
        (YearMonthDuration(12), "P1Y"),
        (YearMonthDuration(0), "P0M"),
    ],
)
def test_format_temporal(value: Any, expected: str) -> None:
    """Temporal values format as ISO 8601 text."""
    assert expected == format_temporal(value)


def test_format_temporal_rejects_other_values() -> None:
    """Only temporal values format."""
    with pytest.raises(TypeError):
        format_temporal(1)


@pytest.mark.parametrize(
    ("value", "months", "expected"),
    [
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 12, 15), 1, date(2021, 1, 15)),
        (date(2020, 1, 15), -1, date(2019, 12, 15)),
        (
            datetime(2020, 3, 31, 8, tzinfo=UTC),
            -1,
            datetime(2020, 2, 29, 8, tzinfo=UTC),
        ),
    ],
)
def test_add_months(value: date, months: int, expected: date) -> None:
    """Month arithmetic clamps to the last day of the month."""
    assert expected == add_months(value, months)


def test_year_month_duration_parts() -> None:
    """A years-and-months duration splits into signed years and months."""
    value = YearMonthDuration(-14)

    assert (-1, -2) == (value.years, value.months)
    assert "-P1Y2M" == str(value)

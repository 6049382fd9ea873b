"""FEEL arithmetic on numbers, strings and temporal values.

Each function raises ``FeelTypeError`` for operand types FEEL does not
combine; the evaluator turns that into null plus a warning.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from ._temporal import YearMonthDuration, add_months
from ._values import DECIMAL, FeelTypeError, kind_of, render

__all__ = ["add", "divide", "multiply", "negate", "power", "subtract"]

_UTC = timezone.utc


def add(left: Any, right: Any) -> Any:
    """FEEL ``+``."""
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return DECIMAL.add(left, right)
    if isinstance(left, str) and isinstance(right, str):
        return left + right
    if isinstance(right, (date, time)) and _is_duration(left):
        return add(right, left)
    return _shift(left, right, 1, "+")


def subtract(left: Any, right: Any) -> Any:
    """FEEL ``-``."""
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return DECIMAL.subtract(left, right)
    if _is_temporal_point(left) and kind_of(left) == kind_of(right):
        return _difference(left, right)
    return _shift(left, right, -1, "-")


def multiply(left: Any, right: Any) -> Any:
    """FEEL ``*``."""
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return DECIMAL.multiply(left, right)
    if isinstance(left, Decimal) and _is_duration(right):
        return multiply(right, left)
    if isinstance(left, timedelta) and isinstance(right, Decimal):
        return _micros_to_delta(DECIMAL.multiply(_delta_to_micros(left), right))
    if isinstance(left, YearMonthDuration) and isinstance(right, Decimal):
        months = DECIMAL.multiply(Decimal(left.total_months), right)
        return YearMonthDuration(int(months))
    raise _mismatch("*", left, right)


def divide(left: Any, right: Any) -> Any:
    """FEEL ``/``; division by zero is null."""
    if isinstance(right, Decimal) and right == 0:
        raise FeelTypeError(f"division of {render(left)} by zero")
    if isinstance(left, Decimal) and isinstance(right, Decimal):
        return DECIMAL.divide(left, right)
    if isinstance(left, timedelta) and isinstance(right, Decimal):
        return _micros_to_delta(DECIMAL.divide(_delta_to_micros(left), right))
    if isinstance(left, YearMonthDuration) and isinstance(right, Decimal):
        months = DECIMAL.divide(Decimal(left.total_months), right)
        return YearMonthDuration(int(months))
    if isinstance(left, timedelta) and isinstance(right, timedelta) and right:
        return DECIMAL.divide(_delta_to_micros(left), _delta_to_micros(right))
    if (
        isinstance(left, YearMonthDuration)
        and isinstance(right, YearMonthDuration)
        and right.total_months
    ):
        return DECIMAL.divide(Decimal(left.total_months), Decimal(right.total_months))
    raise _mismatch("/", left, right)


def power(left: Any, right: Any) -> Any:
    """FEEL ``**``."""
    if not (isinstance(left, Decimal) and isinstance(right, Decimal)):
        raise _mismatch("**", left, right)
    if left == 0 and right < 0:
        raise FeelTypeError(f"division of 1 by zero in 0 ** {render(right)}")
    if right == right.to_integral_value():
        return DECIMAL.power(left, int(right))
    return DECIMAL.power(left, right)


def negate(value: Any) -> Any:
    """FEEL unary ``-``."""
    if isinstance(value, Decimal):
        return DECIMAL.minus(value)
    if isinstance(value, timedelta):
        return -value
    if isinstance(value, YearMonthDuration):
        return YearMonthDuration(-value.total_months)
    raise FeelTypeError(f"can't negate {render(value)}")


def _shift(left: Any, right: Any, sign: int, op: str) -> Any:
    """Add (sign 1) or subtract (sign -1) a duration from a value."""
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return left + sign * right
    if isinstance(left, YearMonthDuration) and isinstance(right, YearMonthDuration):
        return YearMonthDuration(left.total_months + sign * right.total_months)
    if isinstance(left, date) and isinstance(right, YearMonthDuration):
        return add_months(left, sign * right.total_months)
    if isinstance(left, datetime) and isinstance(right, timedelta):
        return _wall_clock_shift(left, sign * right)
    if isinstance(left, date) and isinstance(right, timedelta):
        midnight = datetime.combine(left, time())
        return (midnight + sign * right).date()
    if isinstance(left, time) and isinstance(right, timedelta):
        moment = datetime.combine(date(2000, 1, 1), left) + sign * right
        return moment.timetz() if left.tzinfo else moment.time()
    raise _mismatch(op, left, right)


def _wall_clock_shift(moment: datetime, delta: timedelta) -> datetime:
    # Aware values move on the timeline, so daylight-saving gaps stay correct.
    if moment.tzinfo is None:
        return moment + delta
    zone = moment.tzinfo
    return (moment.astimezone(_UTC) + delta).astimezone(zone)


def _difference(left: Any, right: Any) -> Any:
    if isinstance(left, datetime):
        if (left.tzinfo is None) != (right.tzinfo is None):
            raise _mismatch("-", left, right)
        return left - right
    if isinstance(left, date):
        return left - right
    if isinstance(left, time):
        base = date(2000, 1, 1)
        return datetime.combine(base, left) - datetime.combine(base, right)
    raise _mismatch("-", left, right)


def _is_duration(value: Any) -> bool:
    return isinstance(value, (timedelta, YearMonthDuration))


def _is_temporal_point(value: Any) -> bool:
    return isinstance(value, (date, time))


def _delta_to_micros(value: timedelta) -> Decimal:
    return Decimal(
        (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    )


def _micros_to_delta(micros: Decimal) -> timedelta:
    return timedelta(microseconds=int(micros.to_integral_value()))


def _mismatch(op: str, left: Any, right: Any) -> FeelTypeError:
    return FeelTypeError(
        f"can't apply {op!r} to {render(left)} ({kind_of(left)}) "
        f"and {render(right)} ({kind_of(right)})"
    )

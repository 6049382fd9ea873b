"""FEEL values in Python: conversion in and out, equality and ordering.

Inside the evaluator every number is a ``Decimal`` (34 digits, as FEEL-Scala's
DECIMAL128), so ``0.1 + 0.2`` is exactly ``0.3``. Results leave as ``int``
when integral and ``float`` otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Context, Decimal
from typing import Any, cast

from ._temporal import YearMonthDuration, format_temporal

__all__ = [
    "DECIMAL",
    "MISSING",
    "FeelTypeError",
    "FeelFunction",
    "Range",
    "compare",
    "equal",
    "from_python",
    "is_number",
    "kind_of",
    "render",
    "to_json_value",
    "to_output",
]

DECIMAL = Context(prec=34)

# Integral results this large leave as floats, which JSON encoders handle.
_INT_DIGITS = 34

# Marks a name or property that does not exist (unlike one bound to null).
MISSING: Any = object()


class FeelTypeError(Exception):
    """An operation got a value of the wrong type; the result becomes null."""


@dataclass(frozen=True)
class Range:
    """A FEEL range value such as ``[1..10)``."""

    low: Any
    high: Any
    low_closed: bool
    high_closed: bool


@dataclass(frozen=True)
class FeelFunction:
    """A function value from ``function(...) ...``, callable by built-ins.

    Attributes:
        params: Parameter names.
        invoke: Runs the body with positional arguments bound; never raises.
    """

    params: tuple[str, ...]
    invoke: Callable[[list[Any]], Any]


def is_number(value: object) -> bool:
    """Tell whether ``value`` is a FEEL number (booleans are not)."""
    return isinstance(value, Decimal)


def kind_of(value: object) -> str:
    """Return the FEEL type name of an internal value."""
    if value is None:
        return "null"
    checks: tuple[tuple[type | tuple[type, ...], str], ...] = (
        (bool, "boolean"),
        (Decimal, "number"),
        (str, "string"),
        (datetime, "date and time"),
        (date, "date"),
        (time, "time"),
        (timedelta, "days and time duration"),
        (YearMonthDuration, "years and months duration"),
        (list, "list"),
        (dict, "context"),
        (Range, "range"),
    )
    for python_type, name in checks:
        if isinstance(value, python_type):
            return name
    return "function"


def from_python(value: object) -> Any:
    """Convert a variable from the caller into the evaluator's form."""
    if value is None or isinstance(value, (bool, str, Decimal)):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, (list, tuple)):
        items = cast("list[object] | tuple[object, ...]", value)
        return [from_python(item) for item in items]
    if isinstance(value, Mapping):
        entries = cast("Mapping[object, object]", value)
        return {str(key): from_python(item) for key, item in entries.items()}
    if isinstance(value, (date, time, timedelta, YearMonthDuration, Range)):
        return value
    return None


def to_output(value: Any) -> Any:
    """Convert an internal value to the documented result form."""
    if isinstance(value, Decimal):
        return _number_out(value)
    if isinstance(value, list):
        return [to_output(item) for item in cast("list[Any]", value)]
    if isinstance(value, dict):
        entries = cast("dict[str, Any]", value)
        return {key: to_output(item) for key, item in entries.items()}
    if isinstance(value, FeelFunction):
        return None
    if isinstance(value, Range):
        return {
            "start": to_output(value.low),
            "end": to_output(value.high),
            "startIncluded": value.low_closed,
            "endIncluded": value.high_closed,
        }
    return value


def to_json_value(value: Any) -> Any:
    """Convert any FEEL value to JSON-native data; temporals become ISO 8601."""
    value = to_output(value)
    if isinstance(value, list):
        return [to_json_value(item) for item in cast("list[Any]", value)]
    if isinstance(value, dict):
        entries = cast("dict[str, Any]", value)
        return {key: to_json_value(item) for key, item in entries.items()}
    if isinstance(value, (date, time, timedelta, YearMonthDuration)):
        return format_temporal(value)
    return value


def render(value: Any) -> str:
    """Return FEEL-like text for a value, used in warnings."""
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(_number_out(value))
    if isinstance(value, (date, time, timedelta, YearMonthDuration)):
        return format_temporal(value)
    if isinstance(value, list):
        return "[" + ", ".join(render(item) for item in cast("list[Any]", value)) + "]"
    if isinstance(value, dict):
        entries = cast("dict[str, Any]", value)
        return "{" + ", ".join(f"{k}:{render(v)}" for k, v in entries.items()) + "}"
    return repr(value)


def equal(left: Any, right: Any) -> bool | None:
    """FEEL ``=``: null equals only null; other type mismatches give null."""
    if left is None or right is None:
        return left is None and right is None
    if kind_of(left) != kind_of(right):
        return None
    if isinstance(left, list):
        return _lists_equal(cast("list[Any]", left), cast("list[Any]", right))
    if isinstance(left, dict):
        return _contexts_equal(
            cast("dict[str, Any]", left), cast("dict[str, Any]", right)
        )
    if isinstance(left, (datetime, time)) and not _same_awareness(left, right):
        return None
    try:
        return bool(left == right)
    except TypeError:
        return None


def compare(left: Any, right: Any) -> int | None:
    """Order two values of one comparable type: -1, 0 or 1; else null."""
    kind = kind_of(left)
    if kind != kind_of(right) or kind in (
        "null",
        "boolean",
        "list",
        "context",
        "range",
    ):
        return None
    if isinstance(left, (datetime, time)) and not _same_awareness(left, right):
        return None
    try:
        return (left > right) - (left < right)
    except TypeError:
        return None


def _number_out(value: Decimal) -> int | float | None:
    if not value.is_finite():
        return None
    if value == value.to_integral_value() and value.adjusted() < _INT_DIGITS:
        return int(value)
    result = float(value)
    return result if math.isfinite(result) else None


def _lists_equal(left: list[Any], right: list[Any]) -> bool | None:
    if len(left) != len(right):
        return False
    results = [equal(a, b) for a, b in zip(left, right, strict=True)]
    if False in results:
        return False
    return None if None in results else True


def _contexts_equal(left: dict[str, Any], right: dict[str, Any]) -> bool | None:
    if left.keys() != right.keys():
        return False
    return _lists_equal(list(left.values()), [right[key] for key in left])


def _same_awareness(left: datetime | time, right: datetime | time) -> bool:
    return (left.tzinfo is None) == (right.tzinfo is None)

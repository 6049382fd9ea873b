"""Range built-ins (``before``, ``meets``, ``includes``...) over points and ranges.

Each takes two arguments; a plain value is a point, a ``[a..b]`` value a
range. Values that do not compare make the call fail (null plus warning).
"""

from __future__ import annotations

from typing import Any

from ._registry import builtin
from ._values import FeelTypeError, Range, compare, render

__all__: list[str] = []


def _order(left: Any, right: Any) -> int:
    result = compare(left, right)
    if result is None:
        raise FeelTypeError(f"can't compare {render(left)} with {render(right)}")
    return result


def _range(value: Any) -> Range:
    if not isinstance(value, Range):
        raise FeelTypeError(f"expected a range but found {render(value)}")
    return value


def _point_before_range(point: Any, bounds: Range) -> bool:
    order = _order(point, bounds.low)
    return order < 0 or (order == 0 and not bounds.low_closed)


def _range_before_point(bounds: Range, point: Any) -> bool:
    order = _order(bounds.high, point)
    return order < 0 or (order == 0 and not bounds.high_closed)


def _is_before(a: Any, b: Any) -> bool:
    if isinstance(a, Range) and isinstance(b, Range):
        order = _order(a.high, b.low)
        return order < 0 or (order == 0 and not (a.high_closed and b.low_closed))
    if isinstance(a, Range):
        return _range_before_point(a, b)
    if isinstance(b, Range):
        return _point_before_range(a, b)
    return _order(a, b) < 0


@builtin("before", "point1", "point2")
def _before(a: Any, b: Any) -> bool:
    return _is_before(a, b)


@builtin("after", "point1", "point2")
def _after(a: Any, b: Any) -> bool:
    return _is_before(b, a)


def _does_meet(a: Any, b: Any) -> bool:
    first, second = _range(a), _range(b)
    touching = first.high_closed and second.low_closed
    return touching and _order(first.high, second.low) == 0


@builtin("meets", "range1", "range2")
def _meets(a: Any, b: Any) -> bool:
    return _does_meet(a, b)


@builtin("met by", "range1", "range2")
def _met_by(a: Any, b: Any) -> bool:
    return _does_meet(b, a)


def _starts_before_end(first: Range, second: Range) -> bool:
    """Whether ``first`` ends after ``second`` starts (they share a point)."""
    order = _order(first.high, second.low)
    return order > 0 or (order == 0 and first.high_closed and second.low_closed)


@builtin("overlaps", "range1", "range2")
def _overlaps(a: Any, b: Any) -> bool:
    first, second = _range(a), _range(b)
    return _starts_before_end(first, second) and _starts_before_end(second, first)


def _does_overlap_before(first: Range, second: Range) -> bool:
    start = _order(first.low, second.low)
    starts_first = start < 0 or (
        start == 0 and first.low_closed and not second.low_closed
    )
    end = _order(first.high, second.high)
    ends_first = end < 0 or (end == 0 and (not first.high_closed or second.high_closed))
    return starts_first and _starts_before_end(first, second) and ends_first


@builtin("overlaps before", "range1", "range2")
def _overlaps_before(a: Any, b: Any) -> bool:
    return _does_overlap_before(_range(a), _range(b))


@builtin("overlaps after", "range1", "range2")
def _overlaps_after(a: Any, b: Any) -> bool:
    return _does_overlap_before(_range(b), _range(a))


def _does_include(outer: Range, inner: Any) -> bool:
    if not isinstance(inner, Range):
        low, high = _order(outer.low, inner), _order(inner, outer.high)
        inside = low < 0 and high < 0
        return (
            inside
            or (low == 0 and outer.low_closed)
            or (high == 0 and outer.high_closed)
        )
    low = _order(outer.low, inner.low)
    high = _order(outer.high, inner.high)
    low_ok = low < 0 or (low == 0 and (outer.low_closed or not inner.low_closed))
    high_ok = high > 0 or (high == 0 and (outer.high_closed or not inner.high_closed))
    return low_ok and high_ok


@builtin("includes", "range", "point")
def _includes(a: Any, b: Any) -> bool:
    return _does_include(_range(a), b)


@builtin("during", "point", "range")
def _during(a: Any, b: Any) -> bool:
    return _does_include(_range(b), a)


def _does_start(a: Any, bounds: Range) -> bool:
    if not isinstance(a, Range):
        return bounds.low_closed and _order(bounds.low, a) == 0
    same_start = _order(a.low, bounds.low) == 0 and a.low_closed == bounds.low_closed
    end = _order(a.high, bounds.high)
    ends_inside = end < 0 or (end == 0 and (not a.high_closed or bounds.high_closed))
    return same_start and ends_inside


@builtin("starts", "point", "range")
def _starts(a: Any, b: Any) -> bool:
    return _does_start(a, _range(b))


@builtin("started by", "range", "point")
def _started_by(a: Any, b: Any) -> bool:
    return _does_start(b, _range(a))


def _does_finish(a: Any, bounds: Range) -> bool:
    if not isinstance(a, Range):
        return bounds.high_closed and _order(bounds.high, a) == 0
    same_end = _order(a.high, bounds.high) == 0 and a.high_closed == bounds.high_closed
    start = _order(a.low, bounds.low)
    starts_inside = start > 0 or (
        start == 0 and (not a.low_closed or bounds.low_closed)
    )
    return same_end and starts_inside


@builtin("finishes", "point", "range")
def _finishes(a: Any, b: Any) -> bool:
    return _does_finish(a, _range(b))


@builtin("finished by", "range", "point")
def _finished_by(a: Any, b: Any) -> bool:
    return _does_finish(b, _range(a))


@builtin("coincides", "point1", "point2")
def _coincides(a: Any, b: Any) -> bool:
    if isinstance(a, Range) and isinstance(b, Range):
        return (
            _order(a.low, b.low) == 0
            and _order(a.high, b.high) == 0
            and (a.low_closed, a.high_closed) == (b.low_closed, b.high_closed)
        )
    if isinstance(a, Range) or isinstance(b, Range):
        raise FeelTypeError("coincides needs two points or two ranges")
    return _order(a, b) == 0

"""List built-ins."""

from __future__ import annotations

from decimal import Decimal
from functools import cmp_to_key
from typing import Any, cast

from ._fn_numbers import ordered
from ._registry import builtin, expect_integer, expect_list, variadic_items
from ._values import FeelFunction, FeelTypeError, equal

__all__: list[str] = []


def _position(items: list[Any], position: Any, *, insert: bool = False) -> int:
    """Turn a 1-based (or negative, from the end) position into an index."""
    number = expect_integer(position, "position")
    size = len(items) + (1 if insert else 0)
    if number == 0 or abs(number) > size:
        raise FeelTypeError(
            f"position {number} out of bounds for a list of {len(items)}"
        )
    return number - 1 if number > 0 else len(items) + number


@builtin("list contains", "list", "element", null_ok=True)
def _list_contains(items: Any, element: Any) -> bool | None:
    if items is None:
        return None
    return any(equal(item, element) is True for item in expect_list(items))


@builtin("sublist", "list", "start position", "length")
def _sublist(items: Any, start: Any, length: Any = None) -> list[Any]:
    values = expect_list(items, "list")
    begin = _position(values, start)
    if length is None:
        return values[begin:]
    count = expect_integer(length, "length")
    if count < 0:
        raise FeelTypeError("length must not be negative")
    return values[begin : begin + count]


@builtin("append", "list", "items", null_ok=True)
def _append(items: Any, *more: Any) -> list[Any] | None:
    if items is None:
        return None
    return [*expect_list(items, "list"), *more]


@builtin("concatenate", "lists")
def _concatenate(*lists: Any) -> list[Any]:
    result: list[Any] = []
    for values in lists:
        result.extend(expect_list(values, "list"))
    return result


@builtin("insert before", "list", "position", "newItem", null_ok=True)
def _insert_before(items: Any, position: Any, new_item: Any) -> list[Any] | None:
    if items is None or position is None:
        return None
    values = list(expect_list(items, "list"))
    values.insert(_position(values, position), new_item)
    return values


@builtin("remove", "list", "position")
def _remove(items: Any, position: Any) -> list[Any]:
    values = list(expect_list(items, "list"))
    del values[_position(values, position)]
    return values


@builtin("reverse", "list")
def _reverse(items: Any) -> list[Any]:
    return list(reversed(expect_list(items, "list")))


@builtin("index of", "list", "match", null_ok=True)
def _index_of(items: Any, match: Any) -> list[Any] | None:
    if items is None:
        return None
    values = expect_list(items, "list")
    return [
        Decimal(i + 1) for i, item in enumerate(values) if equal(item, match) is True
    ]


def _distinct(values: list[Any]) -> list[Any]:
    result: list[Any] = []
    for value in values:
        if not any(equal(value, seen) is True for seen in result):
            result.append(value)
    return result


@builtin("distinct values", "list")
def _distinct_values(items: Any) -> list[Any]:
    return _distinct(expect_list(items, "list"))


@builtin("duplicate values", "list")
def _duplicate_values(items: Any) -> list[Any]:
    values = expect_list(items, "list")
    repeated = [
        value
        for index, value in enumerate(values)
        if any(equal(value, other) is True for other in values[:index])
    ]
    return _distinct(repeated)


@builtin("union", "lists")
def _union(*lists: Any) -> list[Any]:
    return _distinct(_concatenate(*lists))


def _flat(values: list[Any]) -> list[Any]:
    result: list[Any] = []
    for value in values:
        if isinstance(value, list):
            result.extend(_flat(cast("list[Any]", value)))
        else:
            result.append(value)
    return result


@builtin("flatten", "list")
def _flatten(items: Any) -> list[Any]:
    return _flat(expect_list(items, "list"))


@builtin("sort", "list", "precedes")
def _sort(items: Any, precedes: Any = None) -> list[Any]:
    values = expect_list(items, "list")
    if precedes is None:
        return ordered(values)
    if not isinstance(precedes, FeelFunction):
        raise FeelTypeError("precedes must be a function")
    before = precedes.invoke

    def order(left: Any, right: Any) -> int:
        if before([left, right]) is True:
            return -1
        return 1 if before([right, left]) is True else 0

    return sorted(values, key=cmp_to_key(order))


@builtin("is empty", "list")
def _is_empty(items: Any) -> bool:
    return not expect_list(items, "list")


@builtin("all", "list")
def _all(*items: Any) -> bool | None:
    values = variadic_items(items)
    if any(value is False for value in values):
        return False
    return True if all(value is True for value in values) else None


@builtin("any", "list")
def _any(*items: Any) -> bool | None:
    values = variadic_items(items)
    if any(value is True for value in values):
        return True
    return False if all(value is False for value in values) else None


@builtin("partition", "list", "size")
def _partition(items: Any, size: Any) -> list[Any]:
    values = expect_list(items, "list")
    step = expect_integer(size, "size")
    if step <= 0:
        raise FeelTypeError("size must be positive")
    return [values[start : start + step] for start in range(0, len(values), step)]


@builtin("list replace", "list", "position", "newItem", null_ok=True)
def _list_replace(items: Any, position: Any, new_item: Any) -> list[Any] | None:
    if items is None or position is None:
        return None
    values = list(expect_list(items, "list"))
    if isinstance(position, FeelFunction):
        matches = position.invoke
        return [
            new_item if matches([item, new_item]) is True else item for item in values
        ]
    values[_position(values, position)] = new_item
    return values

"""Number built-ins and the aggregates over lists of numbers."""

from __future__ import annotations

from datetime import timedelta
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from functools import cmp_to_key
from typing import Any

from ._registry import builtin, expect_integer, expect_number, variadic_items
from ._temporal import YearMonthDuration
from ._values import DECIMAL, FeelTypeError, compare, equal, render

__all__ = ["ordered"]


def _round(value: Any, scale: Any, mode: str) -> Decimal:
    number = expect_number(value, "n")
    places = expect_integer(scale, "scale")
    return number.quantize(Decimal(1).scaleb(-places), rounding=mode, context=DECIMAL)


@builtin("decimal", "n", "scale")
def _decimal(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, ROUND_HALF_EVEN)


@builtin("floor", "n", "scale")
def _floor(n: Any, scale: Any = Decimal(0)) -> Decimal:
    return _round(n, scale, ROUND_FLOOR)


@builtin("ceiling", "n", "scale")
def _ceiling(n: Any, scale: Any = Decimal(0)) -> Decimal:
    return _round(n, scale, ROUND_CEILING)


@builtin("round up", "n", "scale")
def _round_up(n: Any, scale: Any = Decimal(0)) -> Decimal:
    return _round(n, scale, ROUND_UP)


@builtin("round down", "n", "scale")
def _round_down(n: Any, scale: Any = Decimal(0)) -> Decimal:
    return _round(n, scale, ROUND_DOWN)


@builtin("round half up", "n", "scale")
def _round_half_up(n: Any, scale: Any = Decimal(0)) -> Decimal:
    return _round(n, scale, ROUND_HALF_UP)


@builtin("round half down", "n", "scale")
def _round_half_down(n: Any, scale: Any = Decimal(0)) -> Decimal:
    return _round(n, scale, ROUND_HALF_DOWN)


@builtin("abs", "n")
def _abs(n: Any) -> Any:
    if isinstance(n, timedelta):
        return abs(n)
    if isinstance(n, YearMonthDuration):
        return YearMonthDuration(abs(n.total_months))
    return DECIMAL.abs(expect_number(n, "n"))


@builtin("modulo", "dividend", "divisor")
def _modulo(dividend: Any, divisor: Any) -> Decimal:
    left, right = expect_number(dividend, "dividend"), expect_number(divisor, "divisor")
    if right == 0:
        raise FeelTypeError("modulo by zero")
    quotient = DECIMAL.divide(left, right).to_integral_value(rounding=ROUND_FLOOR)
    return DECIMAL.subtract(left, DECIMAL.multiply(right, quotient))


@builtin("sqrt", "number")
def _sqrt(number: Any) -> Decimal:
    value = expect_number(number, "number")
    if value < 0:
        raise FeelTypeError(f"square root of negative {render(value)}")
    return DECIMAL.sqrt(value)


@builtin("log", "number")
def _log(number: Any) -> Decimal:
    value = expect_number(number, "number")
    if value <= 0:
        raise FeelTypeError(f"logarithm of non-positive {render(value)}")
    return DECIMAL.ln(value)


@builtin("exp", "number")
def _exp(number: Any) -> Decimal:
    return DECIMAL.exp(expect_number(number, "number"))


@builtin("odd", "number")
def _odd(number: Any) -> bool:
    return expect_integer(number, "number") % 2 == 1


@builtin("even", "number")
def _even(number: Any) -> bool:
    return expect_integer(number, "number") % 2 == 0


def ordered(items: list[Any]) -> list[Any]:
    """Sort values of one comparable type; raise ``FeelTypeError`` otherwise."""

    def order(left: Any, right: Any) -> int:
        result = compare(left, right)
        if result is None:
            raise FeelTypeError(f"can't compare {render(left)} with {render(right)}")
        return result

    return sorted(items, key=cmp_to_key(order))


@builtin("min", "list")
def _min(*items: Any) -> Any:
    values = variadic_items(items)
    return ordered(values)[0] if values else None


@builtin("max", "list")
def _max(*items: Any) -> Any:
    values = variadic_items(items)
    return ordered(values)[-1] if values else None


def _numbers(items: tuple[Any, ...]) -> list[Decimal]:
    return [expect_number(item, "list item") for item in variadic_items(items)]


@builtin("sum", "list")
def _sum(*items: Any) -> Decimal | None:
    numbers = _numbers(items)
    if not numbers:
        return None
    total = Decimal(0)
    for number in numbers:
        total = DECIMAL.add(total, number)
    return total


@builtin("product", "list")
def _product(*items: Any) -> Decimal | None:
    numbers = _numbers(items)
    if not numbers:
        return None
    total = Decimal(1)
    for number in numbers:
        total = DECIMAL.multiply(total, number)
    return total


@builtin("mean", "list")
def _mean(*items: Any) -> Decimal | None:
    numbers = _numbers(items)
    total = _sum(numbers)
    return None if total is None else DECIMAL.divide(total, Decimal(len(numbers)))


@builtin("median", "list")
def _median(*items: Any) -> Decimal | None:
    numbers = sorted(_numbers(items))
    if not numbers:
        return None
    middle = len(numbers) // 2
    if len(numbers) % 2:
        return numbers[middle]
    return DECIMAL.divide(DECIMAL.add(numbers[middle - 1], numbers[middle]), Decimal(2))


@builtin("stddev", "list")
def _stddev(*items: Any) -> Decimal | None:
    numbers = _numbers(items)
    if len(numbers) < 2:
        return None
    mean = DECIMAL.divide(sum(numbers, Decimal(0)), Decimal(len(numbers)))
    squares = sum((DECIMAL.power(n - mean, 2) for n in numbers), Decimal(0))
    return DECIMAL.sqrt(DECIMAL.divide(squares, Decimal(len(numbers) - 1)))


@builtin("mode", "list")
def _mode(*items: Any) -> list[Any]:
    numbers = _numbers(items)
    counts: list[tuple[Decimal, int]] = []
    for number in numbers:
        for index, (seen, count) in enumerate(counts):
            if equal(seen, number):
                counts[index] = (seen, count + 1)
                break
        else:
            counts.append((number, 1))
    top = max((count for _, count in counts), default=0)
    return sorted(number for number, count in counts if count == top)


@builtin("count", "list")
def _count(*items: Any) -> Decimal:
    return Decimal(len(variadic_items(items)))

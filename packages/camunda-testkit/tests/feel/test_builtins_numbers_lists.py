from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import compile_expression, evaluate


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("decimal(1.125, 2)", 1.12),
        ("decimal(1.135, 2)", 1.14),
        ("decimal(1/3, 2)", 0.33),
        ("floor(1.5)", 1),
        ("floor(-1.5)", -2),
        ("floor(1.56, 1)", 1.5),
        ("ceiling(1.2)", 2),
        ("ceiling(-1.2)", -1),
        ("round up(5.5)", 6),
        ("round up(-5.5)", -6),
        ("round up(5.12, 1)", 5.2),
        ("round down(5.5)", 5),
        ("round down(-5.5)", -5),
        ("round half up(5.5)", 6),
        ("round half up(-5.5)", -6),
        ("round half down(5.5)", 5),
        ("round half down(-5.5)", -5),
        ("abs(-3)", 3),
        ("abs(3.5)", 3.5),
        ("modulo(12, 5)", 2),
        ("modulo(-12, 5)", 3),
        ("modulo(12, -5)", -3),
        ("modulo(10.1, 4.5)", 1.1),
        ("sqrt(16)", 4),
        ("odd(3)", True),
        ("even(3)", False),
        ("exp(0)", 1),
        ("log(1)", 0),
        ("min([3, 1, 2])", 1),
        ("min(3, 1, 2)", 1),
        ('min(["b", "a"])', "a"),
        ("min([])", None),
        ("max([3, 1, 2])", 3),
        ("max(3, 1, 2)", 3),
        ("sum([1, 2, 3.5])", 6.5),
        ("sum(1, 2)", 3),
        ("sum([])", None),
        ("product([2, 3, 4])", 24),
        ("mean([1, 2, 3, 4])", 2.5),
        ("median([3, 1, 2])", 2),
        ("median([1, 2, 3, 4])", 2.5),
        ("mode([6, 3, 9, 6, 6])", [6]),
        ("mode([1, 2])", [1, 2]),
        ("count([1, 2, 3])", 3),
        ("count([])", 0),
        ("abs(null)", None),
    ],
)
def test_number_function(source: str, expected: Any) -> None:
    """Number built-ins round and aggregate with decimal precision."""
    assert expected == evaluate(source)


def test_sqrt_of_two_is_the_nearest_float() -> None:
    """Irrational results leave as floats."""
    assert 2**0.5 == evaluate("sqrt(2)")


@pytest.mark.parametrize(
    "source",
    [
        "sqrt(-1)",
        "modulo(1, 0)",
        'min([1, "a"])',
        'sum([1, "a"])',
        'floor("1")',
        "log(0)",
    ],
)
def test_bad_number_arguments_are_null(source: str) -> None:
    """Invalid numeric arguments yield null with one warning."""
    result, warnings = compile_expression(source).evaluate_with_warnings({})

    assert result is None
    assert 1 == len(warnings)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("list contains([1, 2], 2)", True),
        ("list contains([1, 2], 3)", False),
        ("list contains([1, null], null)", True),
        ("append([1], 2, 3)", [1, 2, 3]),
        ("append([], null)", [None]),
        ("concatenate([1], [2], [3])", [1, 2, 3]),
        ("insert before([1, 3], 2, 2)", [1, 2, 3]),
        ("insert before([1, 3], -1, 2)", [1, 2, 3]),
        ("remove([1, 2, 3], 2)", [1, 3]),
        ("remove([1, 2, 3], -1)", [1, 2]),
        ("reverse([1, 2, 3])", [3, 2, 1]),
        ("index of([1, 2, 1], 1)", [1, 3]),
        ("index of([1, 2], 3)", []),
        ('distinct values([1, 2, 1, "a", "a"])', [1, 2, "a"]),
        ("duplicate values([1, 2, 1, 1, 3, 3])", [1, 3]),
        ("union([1, 2], [2, 3])", [1, 2, 3]),
        ("flatten([1, [2, [3, 4]], []])", [1, 2, 3, 4]),
        ("sort([3, 1, 2])", [1, 2, 3]),
        ('sort(["b", "c", "a"])', ["a", "b", "c"]),
        ("sublist([1, 2, 3, 4], 2)", [2, 3, 4]),
        ("sublist([1, 2, 3, 4], 2, 2)", [2, 3]),
        ("sublist([1, 2, 3, 4], -2, 1)", [3]),
        ("is empty([])", True),
        ("is empty([1])", False),
        ("all([true, true])", True),
        ("all([true, false, null])", False),
        ("all([true, null])", None),
        ("all([])", True),
        ("all(true, true)", True),
        ("any([false, true])", True),
        ("any([false, null])", None),
        ("any([false])", False),
        ("any([])", False),
        ("count(for x in [1, 2] return x)", 2),
    ],
)
def test_list_function(source: str, expected: Any) -> None:
    """List built-ins behave as in FEEL, with 1-based positions."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    "source",
    [
        "remove([1], 2)",
        "remove([1], 0)",
        "sublist([1], 3)",
        'sort([1, "a"])',
        "reverse(1)",
    ],
)
def test_bad_list_arguments_are_null(source: str) -> None:
    """Out-of-range positions and wrong types yield null with a warning."""
    result, warnings = compile_expression(source).evaluate_with_warnings({})

    assert result is None
    assert 1 == len(warnings)

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import compile_expression, evaluate


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("10 / 4", 2.5),
        ("10 / 5", 2),
        ("2 ** 10", 1024),
        ("2 ** 3 ** 2", 64),
        ("2 ** -2", 0.25),
        ("-2 ** 2", 4),
        ("- -3", 3),
        ("1 - -1", 2),
        ("0.1 + 0.2", 0.3),
        ("0.1 * 3", 0.3),
        ("1.5 * 2", 3),
        ("7 / 2 * 2", 7),
        ("1000000000000000 * 1000000000000000", 10**30),
        ("10 ** 40", 1e40),
        ("10 ** 1000000", None),
        ("2 ** 0.5 ** 100000", None),
        ('"ab" + "cd"', "abcd"),
        ("x * 2", 5),
        ("x + y", 3.5),
    ],
)
def test_arithmetic(source: str, expected: Any) -> None:
    """Arithmetic follows FEEL precedence and decimal semantics."""
    assert expected == evaluate(source, {"x": 2.5, "y": 1})


def test_one_third_is_a_float() -> None:
    """A non-terminating quotient leaves as the nearest float."""
    assert 1 / 3 == evaluate("1 / 3")


def test_decimal_equality_is_exact() -> None:
    """0.1 + 0.2 equals 0.3 exactly, unlike binary floats."""
    assert evaluate("0.1 + 0.2 = 0.3") is True


@pytest.mark.parametrize(
    ("source", "warnings"),
    [
        ("1 + null", []),
        ("null * 2", []),
        ("-null", []),
        ("1 / 0", ["Division of 1 by zero"]),
        ("0 ** -1", ["Division of 1 by zero in 0 ** -1"]),
        ('"a" + 1', ["Can't apply '+' to \"a\" (string) and 1 (number)"]),
        ('"x" * 2', ["Can't apply '*' to \"x\" (string) and 2 (number)"]),
        ('-"x"', ['Can\'t negate "x"']),
        ("true + 1", ["Can't apply '+' to true (boolean) and 1 (number)"]),
        ("[1] + [2]", ["Can't apply '+' to [1] (list) and [2] (list)"]),
        ("missing + 1", ["No variable found with name 'missing'"]),
    ],
)
def test_failed_arithmetic_is_null(source: str, warnings: list[str]) -> None:
    """Arithmetic on null or mismatched types yields null."""
    result, actual = compile_expression(source).evaluate_with_warnings({})

    assert result is None
    assert warnings == actual

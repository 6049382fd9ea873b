from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import compile_expression, evaluate

VARIABLES: dict[str, Any] = {"a": 5, "s": "b", "t": True, "f": False, "n": None}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 = 1", True),
        ("1 = 1.0", True),
        ("1 != 2", True),
        ("1 < 2", True),
        ("2 <= 2", True),
        ("3 > 2", True),
        ("2 >= 3", False),
        ('"a" < "b"', True),
        ('"a" = "a"', True),
        ("true = true", True),
        ("null = null", True),
        ("n = null", True),
        ("a = null", False),
        ("null != 1", True),
        ("[1, 2] = [1, 2]", True),
        ("[1, 2] = [1, 2, 3]", False),
        ("{x: 1} = {x: 1}", True),
        ("{x: 1} = {y: 1}", False),
        ('date("2020-01-01") < date("2020-01-02")', True),
        ('duration("PT1H") > duration("PT59M")', True),
        ("1 < null", None),
        ("null >= 1", None),
        ('1 = "1"', None),
        ("true < false", None),
        ("a between 1 and 10", True),
        ("a between 5 and 5", True),
        ("a between 6 and 10", False),
        ('s between "a" and "c"', True),
        ("n between 1 and 2", None),
    ],
)
def test_comparison(source: str, expected: bool | None) -> None:
    """Comparisons give true, false, or null when the types do not compare."""
    assert expected == evaluate(source, VARIABLES)


def test_mismatched_comparison_warns() -> None:
    """Comparing different types says which values did not compare."""
    result, warnings = compile_expression('1 < "2"').evaluate_with_warnings({})

    assert result is None
    assert ['Can\'t compare 1 with "2"'] == warnings


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("true and true", True),
        ("true and false", False),
        ("true and null", None),
        ("false and null", False),
        ("null and false", False),
        ("null and null", None),
        ("true or false", True),
        ("false or false", False),
        ("null or true", True),
        ("null or false", None),
        ("1 and true", None),
        ('"x" or false', None),
        ("not(true)", False),
        ("not(false)", True),
        ("not(null)", None),
        ("not(1)", None),
        ('a > 1 and s = "b"', True),
        ("a > 9 or t", True),
        ("false or true and false", False),
        ("missing > 1 or t", True),
    ],
)
def test_three_valued_logic(source: str, expected: bool | None) -> None:
    """and/or/not follow FEEL's three-valued truth tables."""
    assert expected == evaluate(source, VARIABLES)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("5 in [1..10]", True),
        ("10 in [1..10)", False),
        ("1 in (1..10]", False),
        ("1 in ]1..10]", False),
        ("10 in [1..10[", False),
        ("5 in [1, 5, 9]", True),
        ("4 in [1, 5, 9]", False),
        ("5 in (1, 5)", True),
        ("5 in < 10", True),
        ("5 in > 10", False),
        ("5 in (< 3, > 4)", True),
        ("5 in (< 3, > 6)", False),
        ("5 in ? > 3", True),
        ("5 in 5", True),
        ('"a" in ["a", "b"]', True),
        ("[1] in [[1], [2]]", True),
        ("5 in [1..10] and true", True),
        ("5 in not(1, 2)", True),
        ("1 in not(1, 2)", False),
        ("5 in not([1..10])", False),
        ("5 in not(< 3)", True),
        ('date("2020-06-01") in [date("2020-01-01")..date("2020-12-31")]', True),
    ],
)
def test_in(source: str, expected: bool | None) -> None:
    """The in operator checks lists, ranges and unary tests."""
    assert expected == evaluate(source, VARIABLES)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 instance of number", True),
        ('"a" instance of string', True),
        ("true instance of boolean", True),
        ("[1] instance of list", True),
        ("{} instance of context", True),
        ('@"2020-01-01" instance of date', True),
        ('@"2020-01-01T10:00:00" instance of date and time', True),
        ('@"10:00:00" instance of time', True),
        ('@"P1D" instance of days and time duration', True),
        ('@"P1Y" instance of years and months duration', True),
        ("1 instance of string", False),
        ("1 instance of Any", True),
        ("null instance of Any", False),
        ("null instance of Null", True),
    ],
)
def test_instance_of(source: str, expected: bool) -> None:
    """Instance of checks the FEEL type of a value."""
    assert expected == evaluate(source)

from __future__ import annotations

import re
from typing import Any

import pytest
from camunda_testkit._feel import FeelError, compile_expression, evaluate


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("partition([1, 2, 3, 4, 5], 2)", [[1, 2], [3, 4], [5]]),
        ("partition([], 2)", []),
        ("partition([1], 0)", None),
        ("list replace([1, 2, 3], 2, 9)", [1, 9, 3]),
        ("list replace([1, 2, 3], -1, 9)", [1, 2, 9]),
        ("list replace([1, 2, 3], function(item, newItem) item > 1, 0)", [1, 0, 0]),
        ("list replace([1], 5, 0)", None),
        ('to base64("FEEL")', "RkVFTA=="),
        ("assert(5, 5 > 1)", 5),
        ("assert(null, true)", None),
    ],
)
def test_extra_function(source: str, expected: Any) -> None:
    """Camunda's extra built-ins behave as documented."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("assert(5, 5 < 1)", "Assertion failure: condition not met for 5"),
        ('assert(x, x != null, "x is required")', "Assertion failure: x is required"),
        ("assert(1, null)", "Assertion failure: condition not met for 1"),
    ],
)
def test_failed_assert_raises(source: str, message: str) -> None:
    """A failed assert() stops evaluation so the engine can raise an incident."""
    with pytest.raises(FeelError) as caught:
        compile_expression(source).evaluate({})

    assert message == str(caught.value)


def test_uuid_is_a_random_version_4_uuid() -> None:
    """uuid() returns a fresh RFC 4122 version 4 text each call."""
    first, second = evaluate("[uuid(), uuid()]")

    pattern = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    assert re.fullmatch(pattern, first) is not None
    assert first != second


def test_random_number_is_in_the_unit_interval() -> None:
    """Random number() lies in [0, 1)."""
    values = evaluate("for i in 1..50 return random number()")

    assert all(0 <= value < 1 for value in values)
    assert 1 < len(set(values))

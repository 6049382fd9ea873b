from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import evaluate

VARIABLES: dict[str, Any] = {"a": 1, "n": None, "o": {"x": {"y": 5}}}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("string(1)", "1"),
        ("string(-1.5)", "-1.5"),
        ("string(10 ** 40)", "1" + "0" * 40),
        ("string(1 / 4)", "0.25"),
        ("string(1.50)", "1.5"),
        ("string(true)", "true"),
        ('string("x")', "x"),
        ('string(date("2020-01-01"))', "2020-01-01"),
        ('string(duration("P1DT2H"))', "P1DT2H"),
        ('string(date and time("2020-01-01T10:00:00Z"))', "2020-01-01T10:00:00Z"),
        ('string([1, "a"])', '[1, "a"]'),
        ("string({k: 1})", "{k:1}"),
        ("string(null)", None),
        ('number("1.5")', 1.5),
        ('number("-12")', -12),
        ('number("1e3")', 1000),
        ('number("1,000.5", ",", ".")', 1000.5),
        ('number("1.000,5", ".", ",")', 1000.5),
        ('number("abc")', None),
        ('number("")', None),
        ("number(1)", None),
        ("is defined(a)", True),
        ("is defined(n)", True),
        ("is defined(missing)", False),
        ("is defined(o.x)", True),
        ("is defined(o.x.y)", True),
        ("is defined(o.z)", False),
        ("is defined(1 + 1)", True),
        ("get or else(n, 7)", 7),
        ("get or else(a, 7)", 1),
        ("get or else(missing, 7)", 7),
        ('get value({a: 1}, "a")', 1),
        ('get value({a: {b: 2}}, ["a", "b"])', 2),
        ('get value({a: 1}, "z")', None),
        (
            "get entries({a: 1, b: 2})",
            [{"key": "a", "value": 1}, {"key": "b", "value": 2}],
        ),
        ('context put({a: 1}, "b", 2)', {"a": 1, "b": 2}),
        ('context put({a: 1}, "a", null)', {"a": None}),
        ('context put({a: {b: 1}}, ["a", "c"], 2)', {"a": {"b": 1, "c": 2}}),
        ("context merge([{a: 1}, {b: 2}, {a: 3}])", {"a": 3, "b": 2}),
        ('context([{key: "a", value: 1}, {key: "b", value: 2}])', {"a": 1, "b": 2}),
    ],
)
def test_conversion_and_context_function(source: str, expected: Any) -> None:
    """Conversion and context built-ins behave as in FEEL."""
    assert expected == evaluate(source, VARIABLES)

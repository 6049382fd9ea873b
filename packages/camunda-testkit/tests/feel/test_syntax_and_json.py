from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from camunda_testkit._feel import (
    FeelSyntaxError,
    YearMonthDuration,
    compile_expression,
    to_json_value,
)


@pytest.mark.parametrize(
    ("source", "position", "reason"),
    [
        ("", 0, "expected an expression, found end of expression"),
        ("1 +", 3, "expected an expression, found end of expression"),
        ("(1 + 2", 6, "expected ')', found end of expression"),
        ('"abc', 0, "unterminated string"),
        ("a b", 2, "expected end of expression, found 'b'"),
        ("1 $ 2", 2, "unexpected character '$'"),
        ("[1, 2", 5, "expected ',' or ']', found end of expression"),
        ("{a 1}", 3, "expected ':', found '1'"),
        ("f(1 2)", 4, "expected ',' or ')', found '2'"),
        ("if a then 1", 11, "expected 'else', found end of expression"),
        ("for x in l", 10, "expected 'return', found end of expression"),
        ("some x in l", 11, "expected 'satisfies', found end of expression"),
        ("for 1 in l return 1", 4, "expected a variable name, found '1'"),
        ("a between 1", 11, "expected 'and', found end of expression"),
        ("x instance of foo", 14, "expected a type name, found 'foo'"),
        ("function(1) x", 9, "expected a parameter name, found '1'"),
        ("function(a b) a", 11, "expected ',' or ')', found 'b'"),
        ("a.", 2, "expected a name after '.', found end of expression"),
        ("f(a: 1, 2)", 8, "positional argument after named ones, found '2'"),
        ("@1", 1, "expected a string after '@', found '1'"),
        ('@"tomorrow"', 1, "not a temporal value: 'tomorrow'"),
        ("`open", 0, "unterminated `name`"),
        (
            "[1..5",
            5,
            "expected ']', ')' or '[' to close the range, found end of expression",
        ),
        ("=a", 0, "expected an expression, found '='"),
    ],
)
def test_syntax_error(source: str, position: int, reason: str) -> None:
    """Syntax errors carry the expression, the offset and the reason."""
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(source)

    error = caught.value
    assert (source, position, reason) == (
        error.expression,
        error.position,
        error.reason,
    )
    assert (
        f"failed to parse FEEL expression {source!r}: {reason} at column {position + 1}"
        == str(error)
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (1, 1),
        (1.5, 1.5),
        ("s", "s"),
        (date(2020, 1, 2), "2020-01-02"),
        (datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "2020-01-02T03:04:05Z"),
        (time(3, 4, 5), "03:04:05"),
        (timedelta(seconds=90), "PT1M30S"),
        (YearMonthDuration(3), "P3M"),
        ([date(2020, 1, 2), {"d": timedelta(days=1)}], ["2020-01-02", {"d": "P1D"}]),
    ],
)
def test_to_json_value(value: Any, expected: Any) -> None:
    """FEEL values convert to JSON-native data with ISO 8601 temporals."""
    assert expected == to_json_value(value)


def test_evaluation_results_convert_to_json() -> None:
    """An evaluated context with temporals converts to JSON in one call."""
    result = compile_expression(
        '{due: date("2020-01-01") + duration("P1D"), n: 1.0, r: [1..2]}'
    ).evaluate({})

    assert {
        "due": "2020-01-02",
        "n": 1,
        "r": {"start": 1, "end": 2, "startIncluded": True, "endIncluded": True},
    } == to_json_value(result)


def test_now_must_be_aware() -> None:
    """A naive 'now' is refused rather than silently given a zone."""
    from camunda_testkit._feel import FeelError

    with pytest.raises(FeelError):
        compile_expression("now()").evaluate({}, now=datetime(2020, 1, 1))

from __future__ import annotations

from datetime import timedelta

import pytest
from camunda_testkit import _feel
from camunda_testkit._feel import (
    FeelError,
    FeelSyntaxError,
    compile_expression,
    evaluate,
    parse_cycle,
    parse_date_time,
    parse_duration,
)


def test_all_lists_the_intended_names() -> None:
    """The FEEL package exports exactly the documented names."""
    expected = [
        "FeelError",
        "FeelSyntaxError",
        "FeelExpression",
        "compile_expression",
        "evaluate",
        "to_json_value",
        "YearMonthDuration",
        "RepeatingInterval",
        "parse_duration",
        "parse_cycle",
        "parse_date_time",
        "parse_date",
        "parse_time",
        "parse_interval",
        "parse_repeating_interval",
        "add_months",
        "format_temporal",
    ]

    assert expected == _feel.__all__


def test_compile_is_cached() -> None:
    """Compiling the same text twice returns the same object."""
    first = compile_expression("a + 1")

    assert first is compile_expression("a + 1")
    assert "a + 1" == first.source


def test_evaluate_with_warnings_reports_missing_variable() -> None:
    """A missing variable yields null and a warning naming it."""
    result, warnings = compile_expression("x + 1").evaluate_with_warnings({})

    assert result is None
    assert ["No variable found with name 'x'"] == warnings


def test_syntax_error_names_expression_and_position() -> None:
    """A parse failure says which expression and where."""
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression("a + * 2")

    assert 4 == caught.value.position
    assert (
        "failed to parse FEEL expression 'a + * 2': expected an expression, "
        "found '*' at column 5"
    ) == str(caught.value)


def test_syntax_error_is_a_feel_error() -> None:
    """Callers can catch every FEEL failure as FeelError."""
    assert issubclass(FeelSyntaxError, FeelError)


def test_evaluate_convenience() -> None:
    """evaluate() compiles and runs in one step."""
    assert 3 == evaluate("a + b", {"a": 1, "b": 2})


def test_timer_helpers() -> None:
    """The timer helpers parse durations, cycles and date-times."""
    assert timedelta(seconds=5) == parse_duration("PT5S")
    assert (3, timedelta(seconds=10)) == parse_cycle("R3/PT10S")
    assert (
        "2026-01-02T03:04:05+00:00"
        == parse_date_time("2026-01-02T03:04:05Z").isoformat()
    )

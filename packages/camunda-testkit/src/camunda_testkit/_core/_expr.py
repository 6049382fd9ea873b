"""The single doorway from the engine to FEEL: static values or ``=expr``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from camunda_testkit._feel import FeelError, compile_expression, to_json_value

__all__ = [
    "CalledElementError",
    "as_expression",
    "ExpressionError",
    "check_syntax",
    "evaluate",
    "evaluate_bool",
    "evaluate_int",
    "evaluate_json",
    "evaluate_string",
    "is_expression",
]


class ExpressionError(Exception):
    """An expression gave a value of the wrong type, or could not run."""


def is_expression(text: str) -> bool:
    """Tell whether an attribute value is a FEEL expression (``=`` prefix)."""
    return text.lstrip().startswith("=")


def check_syntax(source: str) -> None:
    """Compile ``source`` (without ``=``), raising ``FeelError`` on bad syntax."""
    compile_expression(source)


def evaluate(text: str, variables: Mapping[str, Any]) -> Any:
    """Evaluate an attribute: ``=expr`` through FEEL, anything else as is."""
    return _evaluate(text, variables)[0]


def _evaluate(text: str, variables: Mapping[str, Any]) -> tuple[Any, list[str]]:
    if not is_expression(text):
        return text, []
    source = text.lstrip()[1:]
    try:
        return compile_expression(source).evaluate_with_warnings(variables)
    except FeelError as exc:
        raise ExpressionError(
            f"failed to evaluate expression '{source}': {exc}"
        ) from exc


def evaluate_json(text: str, variables: Mapping[str, Any]) -> Any:
    """Evaluate and convert the result to a JSON-native value."""
    return to_json_value(evaluate(text, variables))


def _type_name(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, (int, float)):
        return "NUMBER"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, list):
        return "ARRAY"
    if isinstance(value, dict):
        return "OBJECT"
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return "TEMPORAL"
    return "UNKNOWN"


def _mismatch(
    text: str, expected: str, value: Any, warnings: list[str]
) -> ExpressionError:
    message = (
        f"Expected result of the expression '{text.lstrip().lstrip('=')}' to be "
        f"'{expected}', but was '{_type_name(value)}'."
    )
    if warnings:
        message += " The evaluation reported the following warnings: " + "; ".join(
            warnings
        )
    return ExpressionError(message)


def evaluate_string(text: str, variables: Mapping[str, Any]) -> str:
    """Evaluate to a string; numbers are accepted and rendered (job types, keys)."""
    value, warnings = _evaluate(text, variables)
    if isinstance(value, bool) or value is None:
        raise _mismatch(text, "STRING", value, warnings)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if not isinstance(value, str):
        raise _mismatch(text, "STRING", value, warnings)
    return value


def evaluate_bool(text: str, variables: Mapping[str, Any]) -> bool:
    """Evaluate a condition; anything but a boolean is a failure."""
    value, warnings = _evaluate(text if is_expression(text) else "=" + text, variables)
    if not isinstance(value, bool):
        raise _mismatch(text, "BOOLEAN", value, warnings)
    return value


def evaluate_int(text: str, variables: Mapping[str, Any]) -> int:
    """Evaluate to an integer (static text must be an integer literal)."""
    value, warnings = _evaluate(text, variables)
    if isinstance(value, str) and not is_expression(text):
        try:
            return int(value.strip())
        except ValueError:
            raise _mismatch(text, "NUMBER", value, warnings) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _mismatch(text, "NUMBER", value, warnings)
    return int(value)


class CalledElementError(ExpressionError):
    """The called process of a call activity is not deployed."""


def as_expression(text: str) -> str:
    """Prefix ``=`` unless the text already is an expression."""
    return text if text.lstrip().startswith("=") else "=" + text

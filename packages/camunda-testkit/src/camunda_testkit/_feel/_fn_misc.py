"""Conversion, boolean and context built-ins."""

from __future__ import annotations

import base64
import random
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from ._errors import FeelError
from ._registry import builtin, expect_list, expect_string
from ._temporal import format_temporal
from ._values import FeelTypeError, render

__all__: list[str] = []

_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@builtin("string", "from")
def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return _plain(value)
    try:
        return format_temporal(value)
    except TypeError:
        return render(value)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


@builtin("number", "from", "grouping separator", "decimal separator")
def _number(value: Any, grouping: Any = None, decimal: Any = None) -> Decimal:
    text = expect_string(value, "from")
    if grouping is not None:
        text = text.replace(expect_string(grouping, "grouping separator"), "")
    if decimal is not None:
        text = text.replace(expect_string(decimal, "decimal separator"), ".")
    if not _NUMBER_TEXT.fullmatch(text):
        raise FeelTypeError(f"not a number: {render(value)}")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise FeelTypeError(f"not a number: {render(value)}") from None


@builtin("not", "negand", null_ok=True)
def _not(value: Any) -> bool | None:
    return (not value) if isinstance(value, bool) else None


@builtin("get or else", "value", "default", null_ok=True)
def _get_or_else(value: Any, default: Any) -> Any:
    return default if value is None else value


def _context(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FeelTypeError(f"expected context but found {render(value)}")
    return cast("dict[str, Any]", value)


def _keys(key: Any) -> list[str]:
    if isinstance(key, list):
        return [expect_string(part, "key") for part in cast("list[Any]", key)]
    return [expect_string(key, "key")]


@builtin("get value", "m", "key")
def _get_value(context: Any, key: Any) -> Any:
    value: Any = _context(context)
    for part in _keys(key):
        if not isinstance(value, dict):
            return None
        value = cast("dict[str, Any]", value).get(part)
    return value


@builtin("get entries", "m")
def _get_entries(context: Any) -> list[Any]:
    return [{"key": key, "value": value} for key, value in _context(context).items()]


@builtin("context put", "context", "key", "value", null_ok=True)
def _context_put(context: Any, key: Any, value: Any) -> dict[str, Any] | None:
    if context is None or key is None:
        return None
    return _put(_context(context), _keys(key), value)


def _put(context: dict[str, Any], keys: list[str], value: Any) -> dict[str, Any]:
    result = dict(context)
    head, rest = keys[0], keys[1:]
    if not rest:
        result[head] = value
        return result
    inner = result.get(head)
    result[head] = _put(_context(inner) if inner is not None else {}, rest, value)
    return result


@builtin("context merge", "contexts")
def _context_merge(contexts: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for context in expect_list(contexts, "contexts"):
        result.update(_context(context))
    return result


@builtin("context", "entries")
def _context_from(entries: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for entry in expect_list(entries, "entries"):
        pair = _context(entry)
        if "key" not in pair or "value" not in pair:
            raise FeelTypeError("each entry needs 'key' and 'value'")
        result[expect_string(pair["key"], "key")] = pair["value"]
    return result


@builtin("is defined", "value", null_ok=True)
def _is_defined(value: Any) -> bool:
    # The evaluator answers from the argument's syntax (a missing name is not
    # null); this entry only declares the signature.
    return value is not None


@builtin("assert", "value", "condition", "cause", null_ok=True)
def _assert(value: Any, condition: Any, cause: Any = None) -> Any:
    if condition is not True:
        reason = (
            cause
            if isinstance(cause, str)
            else f"condition not met for {render(value)}"
        )
        # An assertion is meant to stop the process (an incident), not to yield null.
        raise FeelError(f"Assertion failure: {reason}")
    return value


@builtin("uuid")
def _uuid() -> str:
    return str(uuid.uuid4())


@builtin("random number")
def _random_number() -> Decimal:
    return Decimal(repr(random.random()))


@builtin("to base64", "value")
def _to_base64(value: Any) -> str:
    return base64.b64encode(expect_string(value, "value").encode()).decode("ascii")

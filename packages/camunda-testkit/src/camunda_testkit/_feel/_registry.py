"""The table of built-in functions and the argument checks they share."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar, cast

from ._values import FeelTypeError, kind_of, render

__all__ = [
    "BUILTINS",
    "Builtin",
    "builtin",
    "expect_integer",
    "expect_list",
    "expect_number",
    "expect_string",
    "variadic_items",
]

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Builtin:
    """A built-in function and how it may be called.

    Attributes:
        name: The FEEL name, which may contain spaces.
        function: The Python implementation, taking internal values.
        params: FEEL parameter names, for named arguments.
        required: How many arguments are needed at least.
        variadic: Whether any number of further arguments is accepted.
        null_ok: Whether null arguments reach the function (else: null result).
        needs_now: Whether the evaluation's current time is passed first.
    """

    name: str
    function: Callable[..., Any]
    params: tuple[str, ...]
    required: int
    variadic: bool
    null_ok: bool
    needs_now: bool

    def accepts(self, count: int) -> bool:
        """Tell whether ``count`` arguments fit the signature."""
        return count >= self.required and (self.variadic or count <= len(self.params))


BUILTINS: dict[str, Builtin] = {}


def builtin(
    name: str, *params: str, null_ok: bool = False, needs_now: bool = False
) -> Callable[[_F], _F]:
    """Register the decorated function as the FEEL built-in ``name``."""

    def register(function: _F) -> _F:
        signature = inspect.signature(function).parameters.values()
        positional = [p for p in signature if p.kind is p.POSITIONAL_OR_KEYWORD]
        if needs_now:
            positional = positional[1:]
        BUILTINS[name] = Builtin(
            name=name,
            function=function,
            params=params,
            required=sum(1 for p in positional if p.default is p.empty),
            variadic=any(p.kind is p.VAR_POSITIONAL for p in signature),
            null_ok=null_ok,
            needs_now=needs_now,
        )
        return function

    return register


def expect_number(value: Any, what: str = "argument") -> Decimal:
    """Return ``value`` as a number or raise ``FeelTypeError``."""
    if not isinstance(value, Decimal):
        raise _wrong(value, "number", what)
    return value


def expect_integer(value: Any, what: str = "argument") -> int:
    """Return ``value`` as an integral number or raise ``FeelTypeError``."""
    number = expect_number(value, what)
    if number != number.to_integral_value():
        raise _wrong(value, "integer", what)
    return int(number)


def expect_string(value: Any, what: str = "argument") -> str:
    """Return ``value`` as a string or raise ``FeelTypeError``."""
    if not isinstance(value, str):
        raise _wrong(value, "string", what)
    return value


def expect_list(value: Any, what: str = "argument") -> list[Any]:
    """Return ``value`` as a list or raise ``FeelTypeError``."""
    if not isinstance(value, list):
        raise _wrong(value, "list", what)
    return cast("list[Any]", value)


def variadic_items(args: tuple[Any, ...]) -> list[Any]:
    """Accept both ``f([a, b])`` and ``f(a, b)``, as FEEL list functions do."""
    if len(args) == 1 and isinstance(args[0], list):
        return cast("list[Any]", args[0])
    return list(args)


def _wrong(value: Any, expected: str, what: str) -> FeelTypeError:
    return FeelTypeError(
        f"expected {expected} as {what} but found {render(value)} ({kind_of(value)})"
    )

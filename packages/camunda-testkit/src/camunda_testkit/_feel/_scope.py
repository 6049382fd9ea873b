"""Name scopes, and reading paths straight from the caller's variables."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from . import _ast as ast
from ._values import MISSING, from_python

__all__ = ["MISSING", "Scope", "raw_path"]


class Scope:
    """Names visible at one point; caller variables are converted on access."""

    __slots__ = ("_convert", "_entries", "_parent")

    def __init__(
        self,
        entries: Mapping[str, Any],
        parent: Scope | None = None,
        *,
        convert: bool = False,
    ) -> None:
        self._entries = entries
        self._parent = parent
        self._convert = convert

    def lookup(self, name: str) -> Any:
        """Return the value bound to ``name``, or ``MISSING``."""
        value, raw = self.lookup_raw(name)
        return from_python(value) if raw else value

    def lookup_raw(self, name: str) -> tuple[Any, bool]:
        """Return the bound value and whether it is still the caller's form."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope._entries:
                return scope._entries[name], scope._convert
            scope = scope._parent
        return MISSING, False

    def child(self, entries: Mapping[str, Any]) -> Scope:
        """Return a scope that adds ``entries`` on top of this one."""
        return Scope(entries, self)


def _literal_index(node: ast.Node) -> int:
    """Return the list position a literal such as ``2`` or ``-1`` names, else 0."""
    sign = 1
    if isinstance(node, ast.Negate):
        sign, node = -1, node.operand
    if not isinstance(node, ast.Literal) or not isinstance(node.value, Decimal):
        return 0
    value = node.value
    return sign * int(value) if value == value.to_integral_value() else 0


def _raw_step(value: Any, step: str | int) -> Any:
    """One step of :meth:`Evaluator.raw_path`; ``MISSING`` means fall back."""
    if isinstance(step, str):
        if isinstance(value, Mapping) and step in value:
            return cast("Mapping[str, Any]", value)[step]
        return MISSING
    if isinstance(value, (list, tuple)):
        items = cast("list[Any] | tuple[Any, ...]", value)
        if step <= len(items) and -step <= len(items):
            return items[step - 1] if step > 0 else items[step]
    return MISSING


def raw_path(node: ast.Path, scope: Scope) -> Any:
    """Walk ``a.b[1].c`` through the caller's data, converting only the end.

    Converting a whole large variable for one field would cost its size
    on every access; other shapes fall back to the general path.
    """
    steps: list[str | int] = []
    target: ast.Node = node
    while True:
        if isinstance(target, ast.Path):
            steps.append(target.name)
        elif isinstance(target, ast.Filter) and _literal_index(target.condition):
            steps.append(_literal_index(target.condition))
        else:
            break
        target = target.target
    if not isinstance(target, ast.Name):
        return MISSING
    value, raw = scope.lookup_raw(target.name)
    if not raw:
        return MISSING
    for step in reversed(steps):
        value = _raw_step(value, step)
        if value is MISSING:
            return MISSING
    return from_python(value)

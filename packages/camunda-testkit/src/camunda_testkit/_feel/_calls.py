"""Calls: built-ins, function values and ``is defined``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _ast as ast
from ._builtins import BUILTINS, Builtin
from ._scope import MISSING, Scope
from ._values import FeelFunction, FeelTypeError

if TYPE_CHECKING:
    from ._eval import Evaluator

__all__ = ["call", "function_def"]


def function_def(ev: Evaluator, node: ast.FunctionDef, scope: Scope) -> Any:
    """Build a function value that evaluates its body in the defining scope."""

    def invoke(args: list[Any]) -> Any:
        if len(args) != len(node.params):
            ev.warn(
                f"Function with parameters {list(node.params)} "
                f"called with {len(args)} arguments"
            )
            return None
        return ev.eval(
            node.body, scope.child(dict(zip(node.params, args, strict=True)))
        )

    return FeelFunction(node.params, invoke)


def _call_value(
    ev: Evaluator, function: FeelFunction, node: ast.Call, scope: Scope
) -> Any:
    if node.named is None:
        return function.invoke([ev.eval(arg, scope) for arg in node.args])
    values = {key: ev.eval(value, scope) for key, value in node.named}
    unknown = sorted(set(values) - set(function.params))
    if unknown:
        ev.warn(f"Function '{node.function}' has no parameter '{unknown[0]}'")
        return None
    return function.invoke([values.get(param) for param in function.params])


def call(ev: Evaluator, node: ast.Call, scope: Scope) -> Any:
    """Call a function value in scope, else the built-in of that name."""
    local = scope.lookup(node.function)
    if isinstance(local, FeelFunction):
        return _call_value(ev, local, node, scope)
    builtin = BUILTINS.get(node.function)
    if builtin is None:
        ev.warn(f"No function found with name '{node.function}'")
        return None
    if builtin.name == "is defined":
        return _is_defined(ev, node, scope)
    args = _arguments(ev, builtin, node, scope)
    if args is None:
        return None
    if not builtin.null_ok and any(arg is None for arg in args):
        return None
    if builtin.needs_now:
        args = [ev.now, *args]
    try:
        return builtin.function(*args)
    except FeelTypeError as error:
        ev.warn(f"Failed to invoke function '{builtin.name}': {error}")
    except (ArithmeticError, ValueError) as error:
        reason = type(error).__name__
        ev.warn(f"Failed to invoke function '{builtin.name}' ({reason})")
    return None


def _arguments(
    ev: Evaluator, builtin: Builtin, node: ast.Call, scope: Scope
) -> list[Any] | None:
    if node.named is None:
        args = [ev.eval(arg, scope) for arg in node.args]
    else:
        args = _named_arguments(ev, builtin, node.named, scope)
        if args is None:
            return None
    if not builtin.accepts(len(args)):
        ev.warn(
            f"No function found with name '{builtin.name}' and {len(args)} parameters"
        )
        return None
    return args


def _named_arguments(
    ev: Evaluator,
    builtin: Builtin,
    named: tuple[tuple[str, ast.Node], ...],
    scope: Scope,
) -> list[Any] | None:
    slots: dict[int, Any] = {}
    for key, value in named:
        if key not in builtin.params:
            ev.warn(f"Function '{builtin.name}' has no parameter '{key}'")
            return None
        slots[builtin.params.index(key)] = ev.eval(value, scope)
    return [slots.get(index) for index in range(max(slots) + 1)]


def _is_defined(ev: Evaluator, node: ast.Call, scope: Scope) -> Any:
    if len(node.args) != 1:
        ev.warn("Function 'is defined' takes one parameter")
        return None
    return _defined(ev, node.args[0], scope)


def _defined(ev: Evaluator, node: ast.Node, scope: Scope) -> bool:
    if isinstance(node, ast.Name):
        return scope.lookup(node.name) is not MISSING
    if isinstance(node, ast.Path):
        if not _defined(ev, node.target, scope):
            return False
        target = type(ev)(ev.now).eval(node.target, scope)
        return isinstance(target, dict) and node.name in target
    ev.eval(node, scope)
    return True

"""Walks the syntax tree with FEEL's null-friendly semantics.

Failures inside an expression (missing names, type mismatches, bad function
arguments) never raise: the failing part becomes null and a warning is
recorded, as Zeebe's FEEL engine does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from . import _arith as arith
from . import _ast as ast
from ._builtins import BUILTINS, Builtin
from ._properties import property_of
from ._values import (
    MISSING,
    FeelFunction,
    FeelTypeError,
    Range,
    compare,
    equal,
    from_python,
    kind_of,
    render,
)

__all__ = ["MISSING", "Evaluator", "Scope"]

_INPUT = "?"
# Iterations beyond this are refused, so "for i in 1..1e9" cannot exhaust memory.
MAX_ITERATIONS = 100_000
_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": arith.add,
    "-": arith.subtract,
    "*": arith.multiply,
    "/": arith.divide,
    "**": arith.power,
}
_ORDER_TESTS: dict[str, Callable[[int], bool]] = {
    "<": lambda order: order < 0,
    "<=": lambda order: order <= 0,
    ">": lambda order: order > 0,
    ">=": lambda order: order >= 0,
}


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


class Evaluator:
    """Evaluates one expression once, collecting warnings."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        """Record a warning for the caller."""
        self.warnings.append(message)

    def eval(self, node: ast.Node, scope: Scope) -> Any:
        """Evaluate ``node`` to an internal value."""
        return _HANDLERS[type(node)](self, node, scope)

    # ------------------------------------------------------------ names and paths

    def name(self, node: ast.Name, scope: Scope) -> Any:
        value = scope.lookup(node.name)
        if value is MISSING:
            self.warn(f"No variable found with name '{node.name}'")
            return None
        return value

    def input_value(self, node: ast.InputValue, scope: Scope) -> Any:
        value = scope.lookup(_INPUT)
        return None if value is MISSING else value

    def path(self, node: ast.Path, scope: Scope) -> Any:
        shortcut = self.raw_path(node, scope)
        if shortcut is not MISSING:
            return shortcut
        return self.select(self.eval(node.target, scope), node.name)

    def raw_path(self, node: ast.Path, scope: Scope) -> Any:
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

    def select(self, target: Any, key: str) -> Any:
        if target is None:
            return None
        if isinstance(target, list):
            return [self.select(item, key) for item in cast("list[Any]", target)]
        if isinstance(target, dict):
            entries = cast("dict[str, Any]", target)
            if key in entries:
                return entries[key]
            self.warn(f"No context entry found with key '{key}'")
            return None
        found = property_of(target, key)
        if found is MISSING:
            self.warn(f"No property '{key}' on {kind_of(target)} {render(target)}")
            return None
        return found

    def filter(self, node: ast.Filter, scope: Scope) -> Any:
        target = self.eval(node.target, scope)
        if target is None:
            return None
        items = cast("list[Any]", target) if isinstance(target, list) else [target]
        index = self.try_index(node.condition, scope)
        if index is not None:
            return self.pick(items, index)
        kept: list[Any] = []
        for item in items:
            entries: dict[str, Any] = {}
            if isinstance(item, dict):
                entries.update(cast("dict[str, Any]", item))
            entries["item"] = item
            if self.eval(node.condition, scope.child(entries)) is True:
                kept.append(item)
        return kept

    def try_index(self, condition: ast.Node, scope: Scope) -> Decimal | None:
        """Evaluate a filter outside item scope; a number means an index."""
        if isinstance(condition, (ast.Compare, ast.And, ast.Or, ast.In, ast.Between)):
            return None
        probe = Evaluator(self.now)
        value = probe.eval(condition, scope)
        if isinstance(value, Decimal):
            self.warnings.extend(probe.warnings)
            return value
        return None

    def pick(self, items: list[Any], index: Decimal) -> Any:
        position = int(index)
        if position != index or position == 0 or abs(position) > len(items):
            self.warn(f"Index {render(index)} out of bounds for a list of {len(items)}")
            return None
        return items[position - 1] if position > 0 else items[position]

    # ------------------------------------------------------------ operators

    def negate(self, node: ast.Negate, scope: Scope) -> Any:
        value = self.eval(node.operand, scope)
        return None if value is None else self.guard(arith.negate, value)

    def binary(self, node: ast.Binary, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        right = self.eval(node.right, scope)
        if left is None or right is None:
            return None
        return self.guard(_ARITHMETIC[node.op], left, right)

    def guard(self, function: Callable[..., Any], *args: Any) -> Any:
        try:
            return function(*args)
        except FeelTypeError as error:
            self.warn(str(error)[:1].upper() + str(error)[1:])
        except (ArithmeticError, ValueError) as error:
            self.warn(f"Arithmetic failed ({type(error).__name__})")
        return None

    def compare_node(self, node: ast.Compare, scope: Scope) -> Any:
        return self.compare(
            node.op, self.eval(node.left, scope), self.eval(node.right, scope)
        )

    def compare(self, op: str, left: Any, right: Any) -> bool | None:
        if op in ("=", "!="):
            same = equal(left, right)
            if same is None:
                self.warn(f"Can't compare {render(left)} with {render(right)}")
                return None
            return same if op == "=" else not same
        if left is None or right is None:
            return None
        order = compare(left, right)
        if order is None:
            self.warn(f"Can't compare {render(left)} with {render(right)}")
            return None
        return _ORDER_TESTS[op](order)

    def conjunction(self, node: ast.And, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        if left is False:
            return False
        right = self.eval(node.right, scope)
        if right is False:
            return False
        return True if left is True and right is True else None

    def disjunction(self, node: ast.Or, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        if left is True:
            return True
        right = self.eval(node.right, scope)
        if right is True:
            return True
        return False if left is False and right is False else None

    def between(self, node: ast.Between, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        low = self.compare(">=", value, self.eval(node.low, scope))
        high = self.compare("<=", value, self.eval(node.high, scope))
        if low is False or high is False:
            return False
        return True if low and high else None

    def instance_of(self, node: ast.InstanceOf, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        if node.type_name == "Any":
            return value is not None
        if node.type_name == "Null":
            return value is None
        return kind_of(value) == node.type_name

    # ------------------------------------------------------------ unary tests

    def in_node(self, node: ast.In, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        results = [self.unary_test(test, value, scope) for test in node.tests]
        if True in results:
            return True
        return None if None in results else False

    def unary_test(self, test: ast.UnaryTest, value: Any, scope: Scope) -> bool | None:
        if isinstance(test, ast.TestCompare):
            return self.compare(test.op, value, self.eval(test.operand, scope))
        expected = self.eval(test.expression, scope.child({_INPUT: value}))
        if isinstance(expected, bool) and not isinstance(value, bool):
            return expected
        if isinstance(expected, Range):
            return self.in_range(value, expected)
        if isinstance(expected, list):
            members = cast("list[Any]", expected)
            return any(equal(value, member) is True for member in members)
        return self.compare("=", value, expected)

    def in_range(self, value: Any, bounds: Range) -> bool | None:
        low = self.compare(">=" if bounds.low_closed else ">", value, bounds.low)
        high = self.compare("<=" if bounds.high_closed else "<", value, bounds.high)
        if low is False or high is False:
            return False
        return True if low and high else None

    # ------------------------------------------------------------ control forms

    def if_node(self, node: ast.If, scope: Scope) -> Any:
        if self.eval(node.condition, scope) is True:
            return self.eval(node.then, scope)
        return self.eval(node.otherwise, scope)

    def for_node(self, node: ast.For, scope: Scope) -> Any:
        results: list[Any] = []
        for bindings in self.combinations(node.iterators, scope):
            if bindings is None:
                return None
            bindings["partial"] = list(results)
            results.append(self.eval(node.body, scope.child(bindings)))
        return results

    def quantified(self, node: ast.Quantified, scope: Scope) -> Any:
        for bindings in self.combinations(node.iterators, scope):
            if bindings is None:
                return None
            satisfied = self.eval(node.condition, scope.child(bindings)) is True
            if satisfied != node.every:
                return satisfied
        return node.every

    def combinations(
        self, iterators: tuple[tuple[str, ast.Node], ...], scope: Scope
    ) -> Iterator[dict[str, Any] | None]:
        """Yield one binding per combination; ``None`` when a source is null."""
        names = [name for name, _ in iterators]
        sources: list[list[Any]] = []
        for _, source in iterators:
            items = self.iteration_items(self.eval(source, scope))
            if items is None:
                yield None
                return
            sources.append(items)
        total = 1
        for items in sources:
            total *= len(items)
        if total > MAX_ITERATIONS:
            self.warn(
                f"Iteration over {total} items exceeds the limit of {MAX_ITERATIONS}"
            )
            yield None
            return
        for values in itertools.product(*sources):
            yield dict(zip(names, values, strict=True))

    def iteration_items(self, source: Any) -> list[Any] | None:
        if source is None:
            return None
        if isinstance(source, list):
            return cast("list[Any]", source)
        if isinstance(source, Range):
            return self.range_items(source)
        return [source]

    def range_items(self, bounds: Range) -> list[Any] | None:
        low, high = bounds.low, bounds.high
        if not (isinstance(low, Decimal) and isinstance(high, Decimal)):
            self.warn("Only ranges of numbers can be iterated")
            return None
        if low != low.to_integral_value() or high != high.to_integral_value():
            self.warn("Only ranges of whole numbers can be iterated")
            return None
        if abs(high - low) >= MAX_ITERATIONS:
            self.warn(
                f"Range {render(low)}..{render(high)} exceeds the iteration limit"
            )
            return None
        step = 1 if high >= low else -1
        stop = int(high) + step if bounds.high_closed else int(high)
        start = int(low) if bounds.low_closed else int(low) + step
        return [Decimal(number) for number in range(start, stop, step)]

    # ------------------------------------------------------------ values

    def literal(self, node: ast.Literal, scope: Scope) -> Any:
        return node.value

    def list_node(self, node: ast.ListNode, scope: Scope) -> Any:
        return [self.eval(item, scope) for item in node.items]

    def context_node(self, node: ast.ContextNode, scope: Scope) -> Any:
        entries: dict[str, Any] = {}
        inner = scope.child(entries)
        for key, value in node.entries:
            entries[key] = self.eval(value, inner)
        return entries

    def range_node(self, node: ast.RangeNode, scope: Scope) -> Any:
        low = self.eval(node.low, scope)
        high = self.eval(node.high, scope)
        return Range(low, high, node.low_closed, node.high_closed)

    # ------------------------------------------------------------ calls

    def function_def(self, node: ast.FunctionDef, scope: Scope) -> Any:
        def invoke(args: list[Any]) -> Any:
            if len(args) != len(node.params):
                self.warn(
                    f"Function with parameters {list(node.params)} "
                    f"called with {len(args)} arguments"
                )
                return None
            return self.eval(
                node.body, scope.child(dict(zip(node.params, args, strict=True)))
            )

        return FeelFunction(node.params, invoke)

    def call_value(self, function: FeelFunction, node: ast.Call, scope: Scope) -> Any:
        if node.named is None:
            return function.invoke([self.eval(arg, scope) for arg in node.args])
        values = {key: self.eval(value, scope) for key, value in node.named}
        unknown = sorted(set(values) - set(function.params))
        if unknown:
            self.warn(f"Function '{node.function}' has no parameter '{unknown[0]}'")
            return None
        return function.invoke([values.get(param) for param in function.params])

    def call(self, node: ast.Call, scope: Scope) -> Any:
        local = scope.lookup(node.function)
        if isinstance(local, FeelFunction):
            return self.call_value(local, node, scope)
        builtin = BUILTINS.get(node.function)
        if builtin is None:
            self.warn(f"No function found with name '{node.function}'")
            return None
        if builtin.name == "is defined":
            return self.is_defined(node, scope)
        args = self.arguments(builtin, node, scope)
        if args is None:
            return None
        if not builtin.null_ok and any(arg is None for arg in args):
            return None
        if builtin.needs_now:
            args = [self.now, *args]
        try:
            return builtin.function(*args)
        except FeelTypeError as error:
            self.warn(f"Failed to invoke function '{builtin.name}': {error}")
        except (ArithmeticError, ValueError) as error:
            reason = type(error).__name__
            self.warn(f"Failed to invoke function '{builtin.name}' ({reason})")
        return None

    def arguments(
        self, builtin: Builtin, node: ast.Call, scope: Scope
    ) -> list[Any] | None:
        if node.named is None:
            args = [self.eval(arg, scope) for arg in node.args]
        else:
            args = self.named_arguments(builtin, node.named, scope)
            if args is None:
                return None
        if not builtin.accepts(len(args)):
            self.warn(
                f"No function found with name '{builtin.name}' "
                f"and {len(args)} parameters"
            )
            return None
        return args

    def named_arguments(
        self, builtin: Builtin, named: tuple[tuple[str, ast.Node], ...], scope: Scope
    ) -> list[Any] | None:
        slots: dict[int, Any] = {}
        for key, value in named:
            if key not in builtin.params:
                self.warn(f"Function '{builtin.name}' has no parameter '{key}'")
                return None
            slots[builtin.params.index(key)] = self.eval(value, scope)
        return [slots.get(index) for index in range(max(slots) + 1)]

    def is_defined(self, node: ast.Call, scope: Scope) -> Any:
        if len(node.args) != 1:
            self.warn("Function 'is defined' takes one parameter")
            return None
        return self.defined(node.args[0], scope)

    def defined(self, node: ast.Node, scope: Scope) -> bool:
        if isinstance(node, ast.Name):
            return scope.lookup(node.name) is not MISSING
        if isinstance(node, ast.Path):
            if not self.defined(node.target, scope):
                return False
            target = Evaluator(self.now).eval(node.target, scope)
            return isinstance(target, dict) and node.name in target
        self.eval(node, scope)
        return True


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


_HANDLERS: dict[type, Callable[[Evaluator, Any, Scope], Any]] = {
    ast.Literal: Evaluator.literal,
    ast.Name: Evaluator.name,
    ast.InputValue: Evaluator.input_value,
    ast.Path: Evaluator.path,
    ast.Filter: Evaluator.filter,
    ast.Call: Evaluator.call,
    ast.Negate: Evaluator.negate,
    ast.Binary: Evaluator.binary,
    ast.Compare: Evaluator.compare_node,
    ast.And: Evaluator.conjunction,
    ast.Or: Evaluator.disjunction,
    ast.Between: Evaluator.between,
    ast.In: Evaluator.in_node,
    ast.InstanceOf: Evaluator.instance_of,
    ast.If: Evaluator.if_node,
    ast.For: Evaluator.for_node,
    ast.Quantified: Evaluator.quantified,
    ast.FunctionDef: Evaluator.function_def,
    ast.ListNode: Evaluator.list_node,
    ast.ContextNode: Evaluator.context_node,
    ast.RangeNode: Evaluator.range_node,
}

"""Walks the syntax tree with FEEL's null-friendly semantics.

Failures inside an expression (missing names, type mismatches, bad function
arguments) never raise: the failing part becomes null and a warning is
recorded, as Zeebe's FEEL engine does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from . import _arith as arith
from . import _ast as ast
from . import _calls
from ._properties import property_of
from ._scope import Scope, raw_path
from ._values import (
    MISSING,
    FeelTypeError,
    Range,
    compare,
    equal,
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
        shortcut = raw_path(node, scope)
        if shortcut is not MISSING:
            return shortcut
        return self.select(self.eval(node.target, scope), node.name)

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
            return not node.negated
        return None if None in results else node.negated

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


_HANDLERS: dict[type, Callable[[Evaluator, Any, Scope], Any]] = {
    ast.Literal: Evaluator.literal,
    ast.Name: Evaluator.name,
    ast.InputValue: Evaluator.input_value,
    ast.Path: Evaluator.path,
    ast.Filter: Evaluator.filter,
    ast.Call: _calls.call,
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
    ast.FunctionDef: _calls.function_def,
    ast.ListNode: Evaluator.list_node,
    ast.ContextNode: Evaluator.context_node,
    ast.RangeNode: Evaluator.range_node,
}

"""The syntax tree the parser builds and the evaluator walks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "And",
    "Between",
    "Binary",
    "Call",
    "Compare",
    "ContextNode",
    "Filter",
    "For",
    "FunctionDef",
    "If",
    "In",
    "InputValue",
    "InstanceOf",
    "ListNode",
    "Literal",
    "Name",
    "Negate",
    "Node",
    "Or",
    "Path",
    "Quantified",
    "RangeNode",
    "TestCompare",
    "TestExpr",
    "UnaryTest",
]


@dataclass(frozen=True)
class Literal:
    """A constant: number (Decimal), string, boolean, null or temporal."""

    value: Any


@dataclass(frozen=True)
class Name:
    """A variable reference."""

    name: str


@dataclass(frozen=True)
class InputValue:
    """The ``?`` placeholder: the value a unary test checks."""


@dataclass(frozen=True)
class Path:
    """``target.name``: a context entry, a temporal property, or a projection."""

    target: Node
    name: str


@dataclass(frozen=True)
class Filter:
    """``target[condition]``: an index when it yields a number, else a filter."""

    target: Node
    condition: Node


@dataclass(frozen=True)
class Call:
    """A function call with positional or named arguments."""

    function: str
    args: tuple[Node, ...]
    named: tuple[tuple[str, Node], ...] | None


@dataclass(frozen=True)
class Negate:
    """Unary minus."""

    operand: Node


@dataclass(frozen=True)
class Binary:
    """Arithmetic: ``+ - * / **``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Compare:
    """Comparison: ``= != < <= > >=``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class And:
    """Three-valued conjunction."""

    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    """Three-valued disjunction."""

    left: Node
    right: Node


@dataclass(frozen=True)
class Between:
    """``value between low and high`` (both ends inclusive)."""

    value: Node
    low: Node
    high: Node


@dataclass(frozen=True)
class TestCompare:
    """A unary test such as ``< 10``."""

    op: str
    operand: Node


@dataclass(frozen=True)
class TestExpr:
    """A unary test given as an expression: equal to it, in it, or true."""

    expression: Node


UnaryTest = TestCompare | TestExpr


@dataclass(frozen=True)
class In:
    """``value in tests``: true when any test accepts the value.

    ``negated`` stands for ``value in not(tests)``.
    """

    value: Node
    tests: tuple[UnaryTest, ...]
    negated: bool = False


@dataclass(frozen=True)
class InstanceOf:
    """``value instance of type``."""

    value: Node
    type_name: str


@dataclass(frozen=True)
class If:
    """``if condition then a else b``."""

    condition: Node
    then: Node
    otherwise: Node


@dataclass(frozen=True)
class For:
    """``for x in xs, y in ys return body``."""

    iterators: tuple[tuple[str, Node], ...]
    body: Node


@dataclass(frozen=True)
class Quantified:
    """``some|every x in xs satisfies condition``."""

    every: bool
    iterators: tuple[tuple[str, Node], ...]
    condition: Node


@dataclass(frozen=True)
class FunctionDef:
    """``function(a, b) body``: a function value closing over its scope."""

    params: tuple[str, ...]
    body: Node


@dataclass(frozen=True)
class ListNode:
    """``[a, b, c]``."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class ContextNode:
    """``{key: value, ...}``; later entries see earlier ones."""

    entries: tuple[tuple[str, Node], ...]


@dataclass(frozen=True)
class RangeNode:
    """``[low..high]`` with open or closed ends."""

    low: Node
    high: Node
    low_closed: bool
    high_closed: bool


Node = (
    Literal
    | Name
    | InputValue
    | Path
    | Filter
    | Call
    | Negate
    | Binary
    | Compare
    | And
    | Or
    | Between
    | In
    | InstanceOf
    | If
    | For
    | Quantified
    | FunctionDef
    | ListNode
    | ContextNode
    | RangeNode
)

"""A Pratt parser from FEEL tokens to the syntax tree in ``_ast``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _ast as ast
from ._errors import FeelError, FeelSyntaxError
from ._temporal import parse_date, parse_feel_date_time, parse_feel_duration, parse_time
from ._tokens import Kind, Token, tokenize

__all__ = ["TYPE_NAMES", "parse"]

_COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
_OR, _AND, _COMPARE, _ADD, _MULTIPLY, _POWER, _PREFIX = 1, 2, 3, 4, 5, 6, 7
_INFIX = {"+": _ADD, "-": _ADD, "*": _MULTIPLY, "/": _MULTIPLY, "**": _POWER}
_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}

TYPE_NAMES = (
    "days and time duration",
    "years and months duration",
    "date and time",
    "number",
    "string",
    "boolean",
    "date",
    "time",
    "list",
    "context",
    "range",
    "function",
    "Any",
    "Null",
)


_MAX_DEPTH = 64


def parse(source: str) -> ast.Node:
    """Parse a whole FEEL expression.

    Raises:
        FeelSyntaxError: The text is not a FEEL expression of the subset.
    """
    return _Parser(source).parse_all()


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        # True while parsing a range's upper end, where "[" closes the range.
        self.open_end = False
        self.depth = 0

    # ------------------------------------------------------------ cursor

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not Kind.END:
            self.index += 1
        return token

    def at(self, text: str, offset: int = 0) -> bool:
        token = self.tokens[min(self.index + offset, len(self.tokens) - 1)]
        return token.kind in (Kind.OP, Kind.KEYWORD) and token.text == text

    def accept(self, text: str) -> bool:
        if self.at(text):
            self.advance()
            return True
        return False

    def separator(self, closer: str) -> None:
        if not self.accept(","):
            raise self.error(f"expected ',' or {closer!r}")

    def expect(self, text: str) -> Token:
        if not self.at(text):
            raise self.error(f"expected {text!r}")
        return self.advance()

    def error(self, reason: str) -> FeelSyntaxError:
        token = self.token
        found = token.kind.value if token.kind is Kind.END else repr(token.text)
        return FeelSyntaxError(self.source, token.position, f"{reason}, found {found}")

    # ------------------------------------------------------------ expressions

    def parse_all(self) -> ast.Node:
        node = self.expression()
        if self.token.kind is not Kind.END:
            raise self.error("expected end of expression")
        return node

    def expression(self, min_power: int = 0) -> ast.Node:
        self.depth += 1
        try:
            return self.expression_at_depth(min_power)
        finally:
            self.depth -= 1

    def expression_at_depth(self, min_power: int) -> ast.Node:
        if self.depth > _MAX_DEPTH:
            raise self.error(f"expression nests deeper than {_MAX_DEPTH} levels")
        left = self.prefix()
        while True:
            power = self.infix_power()
            if power is None or power <= min_power:
                return left
            left = self.infix(left, power)

    def infix_power(self) -> int | None:
        token = self.token
        if token.kind is Kind.OP:
            if token.text in _COMPARISONS:
                return _COMPARE
            return _INFIX.get(token.text)
        if token.kind is Kind.KEYWORD:
            return {
                "or": _OR,
                "and": _AND,
                "between": _COMPARE,
                "in": _COMPARE,
                "instance": _COMPARE,
            }.get(token.text)
        return None

    def infix(self, left: ast.Node, power: int) -> ast.Node:
        text = self.advance().text
        if text == "or":
            return ast.Or(left, self.expression(power))
        if text == "and":
            return ast.And(left, self.expression(power))
        if text == "between":
            low = self.expression(_COMPARE)
            self.expect("and")
            return ast.Between(left, low, self.expression(_COMPARE))
        if text == "in":
            if (
                self.token.kind is Kind.NAME
                and self.token.text == "not"
                and self.at("(", 1)
            ):
                self.advance()
                return ast.In(left, self.in_tests(), negated=True)
            return ast.In(left, self.in_tests())
        if text == "instance":
            self.expect("of")
            return ast.InstanceOf(left, self.type_name())
        if text in _COMPARISONS:
            return ast.Compare(text, left, self.expression(_COMPARE))
        return ast.Binary(text, left, self.expression(power))

    def prefix(self) -> ast.Node:
        if self.accept("-"):
            return ast.Negate(self.expression(_PREFIX - 1))
        return self.postfix(self.primary())

    def postfix(self, node: ast.Node) -> ast.Node:
        while True:
            if self.accept("."):
                node = ast.Path(node, self.joined_name("a name after '.'"))
            elif not self.open_end and self.accept("["):
                condition = self.expression()
                self.expect("]")
                node = ast.Filter(node, condition)
            else:
                return node

    def joined_name(self, what: str) -> str:
        words: list[str] = []
        while self.token.kind is Kind.NAME or (
            not words and self.token.kind is Kind.KEYWORD
        ):
            words.append(self.advance().text)
        if not words:
            raise self.error(f"expected {what}")
        return " ".join(words)

    # ------------------------------------------------------------ primaries

    def primary(self) -> ast.Node:
        outer, self.open_end = self.open_end, False
        try:
            return self.primary_inner()
        finally:
            self.open_end = outer

    def primary_inner(self) -> ast.Node:
        token = self.token
        if token.kind is Kind.NUMBER:
            self.advance()
            return ast.Literal(Decimal(token.text))
        if token.kind is Kind.STRING:
            self.advance()
            return ast.Literal(token.text)
        if token.kind is Kind.NAME:
            return self.name()
        if token.kind is Kind.KEYWORD:
            return self.keyword()
        handlers = {
            "(": self.parenthesized,
            "[": self.list_or_range,
            "]": self.open_range,
            "{": self.context,
            "@": self.temporal_literal,
        }
        handler = handlers.get(token.text) if token.kind is Kind.OP else None
        if handler is None:
            raise self.error("expected an expression")
        return handler()

    def keyword(self) -> ast.Node:
        text = self.token.text
        if text in _CONSTANTS:
            self.advance()
            return ast.Literal(_CONSTANTS[text])
        if text == "if":
            return self.if_expression()
        if text == "for":
            return self.for_expression()
        if text in ("some", "every"):
            return self.quantified()
        if text == "function":
            return self.function_definition()
        raise self.error("expected an expression")

    def name(self) -> ast.Node:
        token = self.advance()
        if token.text == "?":
            return ast.InputValue()
        if not self.accept("("):
            return ast.Name(token.text)
        args: list[ast.Node] = []
        named: list[tuple[str, ast.Node]] = []
        while not self.at(")"):
            if args or named:
                self.separator(")")
            key = self.argument_name()
            if key is None and named:
                raise self.error("positional argument after named ones")
            if key is None:
                args.append(self.expression())
            else:
                named.append((key, self.expression()))
        self.expect(")")
        if named:
            return ast.Call(token.text, (), tuple(named))
        return ast.Call(token.text, tuple(args), None)

    def argument_name(self) -> str | None:
        offset = 0
        while self.tokens[self.index + offset].kind is Kind.NAME:
            offset += 1
        if offset == 0 or not self.at(":", offset):
            return None
        words = [self.advance().text for _ in range(offset)]
        self.expect(":")
        return " ".join(words)

    def parenthesized(self) -> ast.Node:
        self.expect("(")
        node = self.expression()
        if self.accept(".."):
            return self.range_end(node, low_closed=False)
        self.expect(")")
        return node

    def list_or_range(self) -> ast.Node:
        self.expect("[")
        items: list[ast.Node] = []
        while not self.at("]"):
            if items:
                self.separator("]")
            items.append(self.expression())
            if len(items) == 1 and self.accept(".."):
                return self.range_end(items[0], low_closed=True)
        self.expect("]")
        return ast.ListNode(tuple(items))

    def open_range(self) -> ast.Node:
        self.expect("]")
        low = self.expression()
        self.expect("..")
        return self.range_end(low, low_closed=False)

    def range_end(self, low: ast.Node, *, low_closed: bool) -> ast.Node:
        outer, self.open_end = self.open_end, True
        try:
            high = self.expression()
        finally:
            self.open_end = outer
        if self.accept("]"):
            return ast.RangeNode(low, high, low_closed=low_closed, high_closed=True)
        if self.accept(")") or self.accept("["):
            return ast.RangeNode(low, high, low_closed=low_closed, high_closed=False)
        raise self.error("expected ']', ')' or '[' to close the range")

    def context(self) -> ast.Node:
        self.expect("{")
        entries: list[tuple[str, ast.Node]] = []
        while not self.at("}"):
            if entries:
                self.separator("}")
            if self.token.kind is Kind.STRING:
                key = self.advance().text
            else:
                key = self.joined_name("a context key")
            self.expect(":")
            entries.append((key, self.expression()))
        self.expect("}")
        return ast.ContextNode(tuple(entries))

    def temporal_literal(self) -> ast.Node:
        self.expect("@")
        token = self.token
        if token.kind is not Kind.STRING:
            raise self.error("expected a string after '@'")
        try:
            value = _temporal_from_text(token.text)
        except FeelError:
            raise FeelSyntaxError(
                self.source, token.position, f"not a temporal value: {token.text!r}"
            ) from None
        self.advance()
        return ast.Literal(value)

    def function_definition(self) -> ast.Node:
        self.expect("function")
        self.expect("(")
        params: list[str] = []
        while not self.at(")"):
            if params:
                self.separator(")")
            if self.token.kind is not Kind.NAME:
                raise self.error("expected a parameter name")
            params.append(self.advance().text)
        self.expect(")")
        return ast.FunctionDef(tuple(params), self.expression())

    # ------------------------------------------------------------ control forms

    def if_expression(self) -> ast.Node:
        self.expect("if")
        condition = self.expression()
        self.expect("then")
        then = self.expression()
        self.expect("else")
        return ast.If(condition, then, self.expression())

    def for_expression(self) -> ast.Node:
        self.expect("for")
        iterators = self.iterators()
        self.expect("return")
        return ast.For(iterators, self.expression())

    def quantified(self) -> ast.Node:
        every = self.advance().text == "every"
        iterators = self.iterators()
        self.expect("satisfies")
        return ast.Quantified(every, iterators, self.expression())

    def iterators(self) -> tuple[tuple[str, ast.Node], ...]:
        result: list[tuple[str, ast.Node]] = []
        while True:
            if self.token.kind is not Kind.NAME:
                raise self.error("expected a variable name")
            name = self.advance().text
            self.expect("in")
            source = self.expression()
            if self.accept(".."):
                high = self.expression()
                source = ast.RangeNode(source, high, low_closed=True, high_closed=True)
            result.append((name, source))
            if not self.accept(","):
                return tuple(result)

    # ------------------------------------------------------------ unary tests

    def in_tests(self) -> tuple[ast.UnaryTest, ...]:
        if not self.at("("):
            return (self.unary_test(),)
        self.advance()
        first = self.unary_test()
        if isinstance(first, ast.TestExpr) and self.accept(".."):
            node = self.range_end(first.expression, low_closed=False)
            return (ast.TestExpr(node),)
        tests = [first]
        while self.accept(","):
            tests.append(self.unary_test())
        self.expect(")")
        return tuple(tests)

    def unary_test(self) -> ast.UnaryTest:
        token = self.token
        if token.kind is Kind.OP and token.text in _COMPARISONS:
            self.advance()
            return ast.TestCompare(token.text, self.expression(_COMPARE))
        # Comparisons stay inside the test so that "? > 3" is one test.
        return ast.TestExpr(self.expression(_AND))

    def type_name(self) -> str:
        for name in TYPE_NAMES:
            words = name.split()
            if all(
                self.tokens[min(self.index + i, len(self.tokens) - 1)].text == word
                for i, word in enumerate(words)
            ):
                self.index += len(words)
                return name
        raise self.error("expected a type name")


def _temporal_from_text(text: str) -> Any:
    if text.startswith(("P", "-P", "+P")):
        return parse_feel_duration(text)
    if "T" in text:
        return parse_feel_date_time(text)
    if ":" in text:
        return parse_time(text)
    return parse_date(text)

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import compile_expression, evaluate

VARIABLES: dict[str, Any] = {
    "a": 1,
    "b": 2.5,
    "s": "hello",
    "n": None,
    "order": {
        "id": "o-1",
        "items": [{"sku": "x", "price": 5}, {"sku": "y", "price": 15}],
    },
    "matrix": [[1, 2], [3, 4]],
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1", 1),
        ("-1", -1),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.0", 1),
        ("007", 7),
        ('"text"', "text"),
        ('"a\\"b"', 'a"b'),
        ('"line\\nbreak\\ttab"', "line\nbreak\ttab"),
        ('"\\u0041"', "A"),
        ('"\\d+"', "\\d+"),
        ('"back\\\\slash"', "back\\slash"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("[]", []),
        ("[1, 2, [3]]", [1, 2, [3]]),
        ("{}", {}),
        ('{a: 1, "b c": 2}', {"a": 1, "b c": 2}),
        ("{first name: 1}", {"first name": 1}),
        ("{a: 1, b: a + 1}", {"a": 1, "b": 2}),
        ("{a: {b: {c: 3}}}", {"a": {"b": {"c": 3}}}),
        ("1 /* block */ + // line\n 2", 3),
    ],
)
def test_literal(source: str, expected: Any) -> None:
    """Literals evaluate to their JSON-native value."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a", 1),
        ("b", 2.5),
        ("s", "hello"),
        ("n", None),
        ("order.id", "o-1"),
        ("order.items[1].sku", "x"),
        ("order.items[-1].price", 15),
        ("order.items.sku", ["x", "y"]),
        ("order.items[price > 10].sku", ["y"]),
        ("order.items[item.price > 10].sku", ["y"]),
        ("matrix[2][1]", 3),
        ("{x: {y: 7}}.x.y", 7),
        ("{first name: 1}.first name", 1),
        ("`s`", "hello"),
    ],
)
def test_name_and_path(source: str, expected: Any) -> None:
    """Names and paths read variables and nested entries."""
    assert expected == evaluate(source, VARIABLES)


@pytest.mark.parametrize(
    ("source", "warnings"),
    [
        ("missing", ["No variable found with name 'missing'"]),
        ("order.nope", ["No context entry found with key 'nope'"]),
        ("order.items[3]", ["Index 3 out of bounds for a list of 2"]),
        ("order.items[0]", ["Index 0 out of bounds for a list of 2"]),
        ("missing.deeper", ["No variable found with name 'missing'"]),
        ("a.b", ["No property 'b' on number 1"]),
    ],
)
def test_missing_lookups_are_null_with_warning(
    source: str, warnings: list[str]
) -> None:
    """A lookup that finds nothing yields null and says why."""
    result, actual = compile_expression(source).evaluate_with_warnings(VARIABLES)

    assert result is None
    assert warnings == actual


def test_variables_are_not_mutated() -> None:
    """Evaluation leaves the caller's variables untouched."""
    variables: dict[str, Any] = {"xs": [1, 2], "c": {"k": 1}}

    evaluate('append(xs, 3) = [1, 2, 3] and context put(c, "j", 2) != c', variables)

    assert {"xs": [1, 2], "c": {"k": 1}} == variables


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, 0.1),
        (3, 3),
        (2.0, 2),
        (float("inf"), None),
        ((1, 2), [1, 2]),
        ({1: "one"}, {"1": "one"}),
        (object(), None),
    ],
)
def test_python_inputs_are_converted(value: object, expected: Any) -> None:
    """Variables come in as Python values and leave JSON-native."""
    assert expected == evaluate("v", {"v": value})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("größe * 2", 4),
        ("_private + 1", 2),
        ("a1b2", 3),
        ("é", "e"),
    ],
)
def test_unicode_and_underscore_names(source: str, expected: Any) -> None:
    """Names may use Unicode letters, underscores and inner digits."""
    variables = {"größe": 2, "_private": 1, "a1b2": 3, "é": "e"}

    assert expected == evaluate(source, variables)

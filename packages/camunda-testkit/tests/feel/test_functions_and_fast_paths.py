from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import compile_expression, evaluate

BIG: dict[str, Any] = {
    "order": {"total": 120, "items": [{"price": 5}, {"price": 15}] * 50},
    "pairs": ((1, 2), (3, 4)),
    "nested": {"a": {"b": {"c": [10, 20.5]}}},
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{f: function(a, b) a + b, r: f(1, 2)}.r", 3),
        ("{f: function(a, b) a - b, r: f(b: 1, a: 5)}.r", 4),
        ("{f: function() 7, r: f()}.r", 7),
        ("{k: 10, f: function(x) x + k, r: f(1)}.r", 11),
        (
            "{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r",
            120,
        ),
        ("sort([3, 1, 2], function(x, y) x > y)", [3, 2, 1]),
        ("sort(precedes: function(x, y) x < y, list: [3, 1, 2])", [1, 2, 3]),
        ("sort([{n: 2}, {n: 1}], function(x, y) x.n < y.n)", [{"n": 1}, {"n": 2}]),
        ("{g: function(x) x}", {"g": None}),
        ("{f: function(x) x, r: f instance of function}.r", True),
    ],
)
def test_function_values(source: str, expected: Any) -> None:
    """Function definitions close over their scope and can be called or passed."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    ("source", "warning"),
    [
        (
            "{f: function(a) a, r: f(1, 2)}.r",
            "Function with parameters ['a'] called with 2 arguments",
        ),
        ("{f: function(a) a, r: f(b: 1)}.r", "Function 'f' has no parameter 'b'"),
        (
            "sort([1, 2], 5)",
            "Failed to invoke function 'sort': precedes must be a function",
        ),
    ],
)
def test_function_misuse_is_null(source: str, warning: str) -> None:
    """Calling a function value wrongly yields null and a warning."""
    result, warnings = compile_expression(source).evaluate_with_warnings({})

    assert result is None
    assert [warning] == warnings


@pytest.mark.parametrize(
    ("source", "expected", "warnings"),
    [
        ("order.total", 120, []),
        ("order.items[1].price", 5, []),
        ("order.items[-1].price", 15, []),
        ("order.items[0].price", None, ["Index 0 out of bounds for a list of 100"]),
        ("order.items[101]", None, ["Index 101 out of bounds for a list of 100"]),
        ("order.nope", None, ["No context entry found with key 'nope'"]),
        ("order.total.nope", None, ["No property 'nope' on number 120"]),
        ("pairs[2][1]", 3, []),
        ("pairs[-1]", [3, 4], []),
        ("nested.a.b.c[2]", 20.5, []),
        ("nested.a.b", {"c": [10, 20.5]}, []),
        ("count(order.items.price)", 100, []),
    ],
)
def test_paths_into_large_variables(
    source: str, expected: Any, warnings: list[str]
) -> None:
    """Paths and literal indexes into caller data give the general path's results."""
    assert (expected, warnings) == compile_expression(source).evaluate_with_warnings(
        BIG
    )


def test_local_names_shadow_caller_data_on_paths() -> None:
    """A name bound inside the expression wins over a variable of the same name."""
    assert 1 == evaluate("for order in [{total: 1}] return order.total", BIG)[0]

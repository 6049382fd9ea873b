from __future__ import annotations

import pytest
from camunda_testkit._feel import FeelSyntaxError, compile_expression


def test_deep_nesting_is_a_syntax_error() -> None:
    """Parentheses nested beyond the limit fail to parse, not crash."""
    source = "(" * 200 + "1" + ")" * 200

    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(source)

    assert "expression nests deeper than 64 levels, found '('" == caught.value.reason


def test_moderate_nesting_parses() -> None:
    """Sixty levels of parentheses are fine."""
    assert 1 == compile_expression("(" * 60 + "1" + ")" * 60).evaluate({})


def test_very_long_chain_is_null_with_warning() -> None:
    """A chain too deep to evaluate yields null instead of RecursionError."""
    result, warnings = compile_expression("1" + " + 1" * 5000).evaluate_with_warnings(
        {}
    )

    assert result is None
    assert ["Expression nests too deeply to evaluate"] == warnings


@pytest.mark.parametrize(
    ("source", "warning"),
    [
        (
            "for i in 1..100000000 return i",
            "Range 1..100000000 exceeds the iteration limit",
        ),
        (
            "for i in 1..3, j in 1..99999 return i",
            "Iteration over 299997 items exceeds the limit of 100000",
        ),
        ("for i in 1.5..3 return i", "Only ranges of whole numbers can be iterated"),
        ('for i in "a".."c" return i', "Only ranges of numbers can be iterated"),
    ],
)
def test_iteration_is_bounded(source: str, warning: str) -> None:
    """Huge or non-numeric iterations are refused with a warning."""
    result, warnings = compile_expression(source).evaluate_with_warnings({})

    assert result is None
    assert [warning] == warnings

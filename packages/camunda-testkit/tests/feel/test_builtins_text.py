from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import compile_expression, evaluate


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('substring("foobar", 3)', "obar"),
        ('substring("foobar", 3, 3)', "oba"),
        ('substring("foobar", -2, 1)', "a"),
        ('substring("foobar", -3)', "bar"),
        ('substring(string: "foobar", start position: 2, length: 2)', "oo"),
        ('string length("héllo")', 5),
        ('string length("")', 0),
        ('upper case("aBc")', "ABC"),
        ('lower case("aBc")', "abc"),
        ('substring before("foobar", "bar")', "foo"),
        ('substring before("foobar", "x")', ""),
        ('substring after("foobar", "ob")', "ar"),
        ('substring after("foobar", "x")', ""),
        ('contains("foobar", "ob")', True),
        ('contains("foobar", "x")', False),
        ('starts with("foobar", "fo")', True),
        ('ends with("foobar", "r")', True),
        ('ends with("foobar", "o")', False),
        ('matches("foobar", "^fo*b")', True),
        ('matches("FOO", "foo")', False),
        ('matches("FOO", "foo", "i")', True),
        ('replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', "[1=ab][2=]cd"),
        ('replace("a-b-c", "-", "+")', "a+b+c"),
        ('replace("price", "p", "\\\\$")', "$rice"),
        ('replace("AbC", "b", "x", "i")', "AxC"),
        ('split("a,b,,c", ",")', ["a", "b", "", "c"]),
        ('split("a1b22c", "\\d+")', ["a", "b", "c"]),
        ('extract("a1b22", "\\d+")', ["1", "22"]),
        ('string join(["a", "b"])', "ab"),
        ('string join(["a", "b"], ", ")', "a, b"),
        ('string join(["a", null, "b"], "-")', "a-b"),
        ('string join(["a"], ", ", "[", "]")', "[a]"),
        ('trim("  a b  ")', "a b"),
        ('is blank("  ")', True),
        ('is blank(" x ")', False),
        ("upper case(null)", None),
        ('string length  ("ab")', 2),
    ],
)
def test_string_function(source: str, expected: Any) -> None:
    """String built-ins behave as in FEEL."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    ("source", "warning"),
    [
        (
            "string length(1)",
            (
                "Failed to invoke function 'string length': "
                "expected string as string but found 1 (number)"
            ),
        ),
        (
            'matches("a", "(")',
            (
                "Failed to invoke function 'matches': invalid regular expression: "
                "missing ), unterminated subpattern at position 0"
            ),
        ),
        (
            'matches("a", "a", "q")',
            "Failed to invoke function 'matches': unknown regular expression flag 'q'",
        ),
        (
            'substring("abc")',
            "No function found with name 'substring' and 1 parameters",
        ),
        ('substring(x: "abc")', "Function 'substring' has no parameter 'x'"),
        ('shout("x")', "No function found with name 'shout'"),
    ],
)
def test_string_function_misuse_is_null(source: str, warning: str) -> None:
    """Bad arguments give null and a warning instead of an exception."""
    result, warnings = compile_expression(source).evaluate_with_warnings({})

    assert result is None
    assert warning == warnings[0]

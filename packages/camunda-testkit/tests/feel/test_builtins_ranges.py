from __future__ import annotations

import pytest
from camunda_testkit._feel import compile_expression, evaluate


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("before(1, 10)", True),
        ("before(10, 1)", False),
        ("before(1, [2..5])", True),
        ("before(2, (2..5])", True),
        ("before(2, [2..5])", False),
        ("before([1..5], 10)", True),
        ("before([1..5), 5)", True),
        ("before([1..5], [6..8])", True),
        ("before([1..5], [5..8])", False),
        ("before([1..5), [5..8])", True),
        ("before([1..5], (5..8])", True),
        ("after(10, 5)", True),
        ("after(5, 10)", False),
        ("after(12, [2..5])", True),
        ("after([6..8], [1..5])", True),
        ("after((5..8], [1..5])", True),
        ("meets([1..5], [5..8])", True),
        ("meets([1..5), [5..8])", False),
        ("meets([1..5], [6..8])", False),
        ("met by([5..10], [1..5])", True),
        ("met by([5..10], [1..5))", False),
        ("overlaps([1..5], [3..8])", True),
        ("overlaps([3..8], [1..5])", True),
        ("overlaps([1..8], [3..5])", True),
        ("overlaps([1..5], [6..8])", False),
        ("overlaps([1..5], [5..8])", True),
        ("overlaps([1..5], (5..8])", False),
        ("overlaps([1..5), [5..8])", False),
        ("overlaps before([1..5], [3..8])", True),
        ("overlaps before([1..5], [6..8])", False),
        ("overlaps before([1..5], [5..8])", True),
        ("overlaps before([1..5], (5..8])", False),
        ("overlaps before([3..8], [1..5])", False),
        ("overlaps after([3..8], [1..5])", True),
        ("overlaps after([6..8], [1..5])", False),
        ("finishes(10, [1..10])", True),
        ("finishes(10, [1..10))", False),
        ("finishes([5..10], [1..10])", True),
        ("finishes([5..10), [1..10))", True),
        ("finishes([5..10), [1..10])", False),
        ("finished by([1..10], 10)", True),
        ("finished by([1..10], [5..10])", True),
        ("includes([1..10], 5)", True),
        ("includes([1..10], 12)", False),
        ("includes([1..10], 1)", True),
        ("includes((1..10], 1)", False),
        ("includes([1..10], [4..6])", True),
        ("includes([1..10], [1..10])", True),
        ("includes((1..10], [1..10])", False),
        ("during(5, [1..10])", True),
        ("during([4..6], [1..10])", True),
        ("during(12, [1..10])", False),
        ("starts(1, [1..10])", True),
        ("starts(1, (1..10])", False),
        ("starts([1..5], [1..10])", True),
        ("starts((1..5], [1..10])", False),
        ("started by([1..10], 1)", True),
        ("started by([1..10], [1..5])", True),
        ("coincides(5, 5)", True),
        ("coincides(3, 4)", False),
        ("coincides([1..5], [1..5])", True),
        ("coincides((1..5], [1..5))", False),
        ('before(date("2020-01-01"), [date("2020-02-01")..date("2020-03-01")])', True),
    ],
)
def test_range_function(source: str, expected: bool) -> None:
    """Range built-ins relate points and ranges as the FEEL spec describes."""
    assert expected == evaluate(source)


@pytest.mark.parametrize(
    "source",
    ['before("a", 1)', "meets(1, [1..2])", "coincides(1, [1..2])", "includes(null, 1)"],
)
def test_range_function_misuse_is_null(source: str) -> None:
    """Incomparable values or a point where a range is needed give null."""
    assert compile_expression(source).evaluate({}) is None

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._feel import evaluate

VARIABLES: dict[str, Any] = {
    "xs": [1, 2, 3, 4],
    "t": True,
    "n": None,
    "people": [{"age": 30}, {"age": 12}],
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('if t then "y" else "n"', "y"),
        ('if not(t) then "y" else "n"', "n"),
        ('if n then "y" else "n"', "n"),
        ('if 1 then "y" else "n"', "n"),
        ("if 1 > 2 then 1 else if 2 > 1 then 2 else 3", 2),
        ("1 + if t then 1 else 2", 2),
        ("for x in xs return x * x", [1, 4, 9, 16]),
        ("for x in [1, 2], y in [10, 20] return x + y", [11, 21, 12, 22]),
        ("for i in 1..3 return i", [1, 2, 3]),
        ("for i in 3..1 return i", [3, 2, 1]),
        ("for x in [] return x", []),
        ("for x in n return x", None),
        ("for x in [1, 2, 3] return count(partial)", [0, 1, 2]),
        ("for p in people return p.age >= 18", [True, False]),
        ("some x in xs satisfies x > 3", True),
        ("some x in xs satisfies x > 4", False),
        ("every x in xs satisfies x > 0", True),
        ("every x in xs satisfies x > 1", False),
        ("every x in [] satisfies false", True),
        ("some x in [] satisfies true", False),
        ("some x in n satisfies true", None),
        ("some x in [1, 2], y in [2, 3] satisfies x = y", True),
        ("every p in people satisfies p.age > 10", True),
    ],
)
def test_control_form(source: str, expected: Any) -> None:
    """if, for, some and every evaluate as in FEEL."""
    assert expected == evaluate(source, VARIABLES)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("xs[item > 2]", [3, 4]),
        ("xs[item > 9]", []),
        ("xs[2]", 2),
        ("xs[-1]", 4),
        ("xs[1 + 1]", 2),
        ("xs[item > 1][1]", 2),
        ("people[age > 18]", [{"age": 30}]),
        ("people[item.age < 18].age", [12]),
        ("5[item > 1]", [5]),
        ("n[1]", None),
    ],
)
def test_filter_and_index(source: str, expected: Any) -> None:
    """A number in brackets indexes (1-based); anything else filters."""
    assert expected == evaluate(source, VARIABLES)

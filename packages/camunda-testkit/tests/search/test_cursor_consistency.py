from __future__ import annotations

import random
from typing import Any

import pytest
from camunda_testkit._search import Field, run_search

FIELDS = {
    "key": Field.key(),
    "a": Field.integer(),
    "b": Field.string(),
    "when": Field.datetime(),
}
SORTS = [
    [{"field": "a"}],
    [{"field": "a", "order": "DESC"}, {"field": "b"}],
    [{"field": "b", "order": "DESC"}, {"field": "when", "order": "ASC"}],
    [{"field": "when", "order": "DESC"}, {"field": "a", "order": "DESC"}],
]


def _rows(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {
            "key": str(key),
            "a": rng.choice([None, 1, 2, 3]),
            "b": rng.choice([None, "x", "y"]),
            "when": rng.choice(
                [None, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+02:00"]
            ),
        }
        for key in range(1, 41)
    ]


def _keys(response: dict[str, Any]) -> list[str]:
    return [item["key"] for item in response["items"]]


def _walk(rows: list[dict[str, Any]], sort: Any, direction: str) -> list[str]:
    cursor: str | None = None
    if direction == "before":
        full = run_search(
            rows, {"sort": sort, "page": {"limit": 10000}}, FIELDS, default_sort="key"
        )
        cursor = full["page"]["endCursor"]
    pages: list[list[str]] = []
    while True:
        page: dict[str, Any] = {"limit": 7}
        if cursor is not None:
            page[direction] = cursor
        response = run_search(
            rows, {"sort": sort, "page": page}, FIELDS, default_sort="key"
        )
        if not response["items"]:
            break
        pages.append(_keys(response))
        edge = "endCursor" if direction == "after" else "startCursor"
        cursor = response["page"][edge]
    if direction == "before":
        pages.reverse()
    return [key for page in pages for key in page]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("sort", SORTS)
def test_cursor_walks_match_one_query(seed: int, sort: Any) -> None:
    """Walking cursors either way yields exactly the unpaged order, nulls included."""
    rows = _rows(seed)
    expected = _keys(
        run_search(
            rows, {"sort": sort, "page": {"limit": 10000}}, FIELDS, default_sort="key"
        )
    )

    forward = _walk(rows, sort, "after")
    backward = _walk(rows, sort, "before")

    assert expected == forward
    assert expected[:-1] == backward

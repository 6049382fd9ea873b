from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from camunda_testkit._search import Field, SearchError, run_search

Keys = Callable[..., list[str]]
Search = Callable[..., dict[str, Any]]

NUMBERED_FIELDS = {"key": Field.key(), "n": Field.integer()}
NUMBERED = [{"key": str(k), "n": k % 7} for k in range(1, 251)]


def _numbered(request: dict[str, Any] | None) -> dict[str, Any]:
    return run_search(NUMBERED, request, NUMBERED_FIELDS, default_sort="key")


def _item_keys(response: dict[str, Any]) -> list[int]:
    return [int(item["key"]) for item in response["items"]]


def _cursor(values: Any) -> str:
    return base64.b64encode(json.dumps(values).encode()).decode()


def _walk(request: dict[str, Any], direction: str, start: str | None) -> list[int]:
    """Follow cursors until an empty page; collect keys in reading order."""
    pages: list[list[int]] = []
    cursor = start
    while True:
        page: dict[str, Any] = {"limit": 60}
        if cursor is not None:
            page[direction] = cursor
        response = _numbered(request | {"page": page})
        if not response["items"]:
            assert response["page"]["startCursor"] is None
            break
        pages.append(_item_keys(response))
        edge = "endCursor" if direction == "after" else "startCursor"
        cursor = response["page"][edge]
    if direction == "before":
        pages.reverse()
    return [key for page in pages for key in page]


class TestSort:
    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            (None, ["1", "2", "3", "10"]),
            ([{"field": "name"}], ["1", "10", "2", "3"]),
            ([{"field": "name", "order": "desc"}], ["3", "2", "10", "1"]),
            ([{"field": "retries", "order": "DESC"}], ["1", "3", "2", "10"]),
            ([{"field": "retries", "order": "asc"}], ["2", "3", "1", "10"]),
            ([{"field": "created", "order": "Desc"}], ["2", "1", "3", "10"]),
            (
                [{"field": "state"}, {"field": "key", "order": "DESC"}],
                ["3", "1", "2", "10"],
            ),
            (
                [{"field": "urgent", "order": "DESC"}, {"field": "score"}],
                ["10", "1", "2", "3"],
            ),
            ([{"field": "parentKey"}], ["2", "3", "1", "10"]),
            ([{"field": "PARENTKEY", "order": "desc"}], ["2", "3", "1", "10"]),
            (
                [{"field": "retries"}, {"field": "retries", "order": "DESC"}],
                ["2", "3", "1", "10"],
            ),
        ],
    )
    def test_order(self, keys: Keys, sort: Any, expected: list[str]) -> None:
        """Sorting is multi-field, any casing, nulls last, tie-broken by key."""
        actual = keys({"sort": sort})

        assert expected == actual

    def test_default_sort_list(self, keys: Keys) -> None:
        """default_sort may list several fields with directions."""
        expected = ["2", "1", "3", "10"]

        actual = keys(None, default_sort=[("created", "DESC"), "key"])

        assert expected == actual

    @pytest.mark.parametrize(
        ("sort", "message"),
        [
            ([{"field": "nope"}], "unknown sort field 'nope'"),
            ([{"field": "tags"}], "unknown sort field 'tags'"),
            ([{"field": "name", "order": "up"}], "unknown sort order 'up' for 'name'"),
            ({"field": "name"}, "sort must be a list"),
            ([{"order": "ASC"}], "sort entry needs a field"),
            (["name"], "sort entry must be an object"),
        ],
    )
    def test_invalid_sort(self, keys: Keys, sort: Any, message: str) -> None:
        """Unknown or malformed sort criteria raise SearchError."""
        with pytest.raises(SearchError) as caught:
            keys({"sort": sort})

        assert message == str(caught.value)


class TestPage:
    def test_default_limit(self) -> None:
        """Without a page the first 100 of all matches come back."""
        expected = list(range(1, 101))

        response = _numbered(None)

        assert expected == _item_keys(response)
        assert 250 == response["page"]["totalItems"]

    def test_limit(self) -> None:
        """A bare limit gives the first items."""
        expected = [1, 2, 3, 4, 5]

        actual = _item_keys(_numbered({"page": {"limit": 5}}))

        assert expected == actual

    def test_max_limit(self) -> None:
        """A limit of 10000 is allowed."""
        expected = 250

        actual = len(_numbered({"page": {"limit": 10000}})["items"])

        assert expected == actual

    @pytest.mark.parametrize(
        ("page", "expected"),
        [
            ({"from": 10, "limit": 3}, [11, 12, 13]),
            ({"from": 249}, [250]),
            ({"from": 300, "limit": 5}, []),
            ({"from": 0, "limit": 2}, [1, 2]),
        ],
    )
    def test_offset(self, page: dict[str, Any], expected: list[int]) -> None:
        """from/limit skips items in sort order."""
        actual = _item_keys(_numbered({"page": page}))

        assert expected == actual

    def test_page_shape(self) -> None:
        """The page reports the total and the cursors of its first and last items."""
        expected = {
            "totalItems": 250,
            "hasMoreTotalItems": False,
            "startCursor": _cursor([11]),
            "endCursor": _cursor([12]),
        }

        actual = _numbered({"page": {"from": 10, "limit": 2}})["page"]

        assert expected == actual

    def test_empty_page_shape(self) -> None:
        """An empty page has null cursors and still counts every match."""
        expected = {
            "items": [],
            "page": {
                "totalItems": 250,
                "hasMoreTotalItems": False,
                "startCursor": None,
                "endCursor": None,
            },
        }

        actual = _numbered({"page": {"from": 250}})

        assert expected == actual

    def test_cursor_holds_sort_values(self) -> None:
        """A cursor is base64 JSON of the boundary row's sort values."""
        expected = [6, 6]
        request = {"sort": [{"field": "n", "order": "DESC"}], "page": {"limit": 1}}

        cursor = _numbered(request)["page"]["endCursor"]

        assert expected == json.loads(base64.b64decode(cursor))

    def test_after_walks_everything(self) -> None:
        """Following endCursor visits every item once, then an empty page."""
        expected = list(range(1, 251))

        actual = _walk({}, "after", None)

        assert expected == actual

    def test_after_walk_with_sort(self) -> None:
        """Cursor paging follows any sort, matching one unpaged query."""
        request = {
            "sort": [{"field": "n", "order": "desc"}],
            "filter": {"n": {"$gt": 1}},
        }
        expected = _item_keys(_numbered(request | {"page": {"limit": 10000}}))

        actual = _walk(request, "after", None)

        assert expected == actual
        assert 179 == len(actual)

    def test_before_walks_back(self) -> None:
        """Following startCursor backwards from past the end visits every item."""
        expected = list(range(1, 251))
        last = _numbered({"page": {"from": 249}})["page"]["endCursor"]

        actual = [*_walk({}, "before", last), 250]

        assert expected == actual

    def test_before_returns_previous_page(self) -> None:
        """Before gives the items just ahead of the cursor, in sort order."""
        expected = [8, 9, 10]
        first = _numbered({"page": {"limit": 10}})
        second = _numbered({"page": {"after": first["page"]["endCursor"], "limit": 10}})

        actual = _item_keys(
            _numbered({"page": {"before": second["page"]["startCursor"], "limit": 3}})
        )

        assert list(range(11, 21)) == _item_keys(second)
        assert expected == actual

    def test_after_cursor_of_removed_row(self) -> None:
        """A cursor stays usable after its row is gone."""
        expected = [6, 7]
        rows = [row for row in NUMBERED if row["key"] != "5"]

        response = run_search(
            rows,
            {"page": {"after": _cursor([5]), "limit": 2}},
            NUMBERED_FIELDS,
            default_sort="key",
        )

        assert expected == _item_keys(response)

    @pytest.mark.parametrize(
        ("page", "message"),
        [
            (
                {"from": 0, "after": "WzFd"},
                "page cannot combine from with after or before",
            ),
            (
                {"from": 1, "before": "WzFd"},
                "page cannot combine from with after or before",
            ),
            (
                {"after": "WzFd", "before": "WzFd"},
                "page cannot combine after and before",
            ),
            ({"limit": 0}, "page.limit must be an integer from 1 to 10000"),
            ({"limit": 10001}, "page.limit must be an integer from 1 to 10000"),
            ({"limit": True}, "page.limit must be an integer from 1 to 10000"),
            ({"limit": "5"}, "page.limit must be an integer from 1 to 10000"),
            ({"from": -1}, "page.from must be an integer of at least 0"),
            ({"after": "!!!"}, "page.after is not a valid cursor"),
            ({"before": _cursor({"a": 1})}, "page.before is not a valid cursor"),
            ({"after": 5}, "page.after must be a cursor string"),
            ({"after": _cursor([1, 2])}, "page.after does not belong to this sort"),
            ({"size": 5}, "unknown page property 'size'"),
            ([5], "page must be an object"),
        ],
    )
    def test_invalid_page(self, page: Any, message: str) -> None:
        """Bad paging raises SearchError."""
        with pytest.raises(SearchError) as caught:
            _numbered({"page": page})

        assert message == str(caught.value)


class TestRequest:
    def test_unknown_property(self, search: Search) -> None:
        """Top-level properties other than filter, sort and page are rejected."""
        with pytest.raises(
            SearchError, match=r"^unknown search request property 'query'$"
        ):
            search({"query": {}})

    def test_not_an_object(self, search: Search) -> None:
        """A request body that is not an object is rejected."""
        with pytest.raises(SearchError, match=r"^request must be an object$"):
            search([])

    def test_items_are_the_rows(self, search: Search) -> None:
        """Items are the row objects themselves, in the response shape."""
        rows = [{"key": "7", "name": "x"}]

        response = search({}, rows=rows)

        assert rows[0] is response["items"][0]
        assert ["items", "page"] == list(response)

    def test_large_search(self) -> None:
        """A filter and sort over 10,000 rows returns the exact page."""
        rows = [{"key": str(k), "n": k % 100} for k in range(1, 10_001)]
        request = {
            "filter": {"n": {"$in": [3, 4]}},
            "sort": [{"field": "n", "order": "DESC"}],
            "page": {"from": 99, "limit": 3},
        }

        response = run_search(rows, request, NUMBERED_FIELDS, default_sort="key")

        assert [9904, 3, 103] == _item_keys(response)
        assert 200 == response["page"]["totalItems"]

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from camunda_testkit._search import Field, SearchError

Keys = Callable[..., list[str]]

ALL = ["1", "2", "3", "10"]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("alpha", ["1"]),
        ({"$eq": "alpha"}, ["1"]),
        ({"$neq": "alpha"}, ["2", "3", "10"]),
        ({"$like": "alp*"}, ["1", "10"]),
        ({"$like": "?eta"}, ["2"]),
        ({"$like": "gamma\\*"}, ["3"]),
        ({"$like": "alpha\\*"}, []),
        ({"$like": "ALP*"}, []),
        ({"$in": ["beta", "alpine"]}, ["2", "10"]),
        ({"$notIn": ["beta", "alpine"]}, ["1", "3"]),
        ({"$exists": True}, ALL),
        (None, ALL),
        ({}, ALL),
    ],
)
def test_string(keys: Keys, condition: Any, expected: list[str]) -> None:
    """String filters match exactly, with * and ? wildcards in $like."""
    actual = keys({"filter": {"name": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (0, ["2"]),
        ({"$gt": 0}, ["1", "3"]),
        ({"$gte": 1}, ["1", "3"]),
        ({"$lt": 1}, ["2"]),
        ({"$lte": 3}, ["1", "2", "3"]),
        ({"$gte": 1, "$lt": 3}, ["3"]),
        ({"$exists": False}, ["10"]),
        ({"$exists": True}, ["1", "2", "3"]),
        ({"$neq": 3}, ["2", "3", "10"]),
        ({"$in": [0, 3]}, ["1", "2"]),
    ],
)
def test_integer(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Integer filters support equality, existence and ordering operators."""
    actual = keys({"filter": {"retries": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [(2, ["2"]), (2.0, ["2"]), ({"$gt": 1}, ["1", "2"]), ({"$lt": 1.5}, ["10"])],
)
def test_number(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Number filters compare ints and floats by value."""
    actual = keys({"filter": {"score": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (True, ["1", "10"]),
        ({"$eq": False}, ["2", "3"]),
        ({"$neq": True}, ["2", "3"]),
    ],
)
def test_boolean(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Boolean filters match true and false."""
    actual = keys({"filter": {"urgent": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("2026-01-01T10:30:00Z", ["2"]),
        ({"$gt": "2026-01-01T10:00:00Z"}, ["2"]),
        ({"$gte": "2026-01-01T11:00:00+01:00"}, ["1", "2"]),
        ({"$lt": "2026-01-01T10:00:00.001Z"}, ["1", "3"]),
        ({"$lte": "2026-01-01T04:00:00-05:00"}, ["3"]),
        ({"$gt": "2026-01-01T09:00:00"}, ["1", "2"]),
        ({"$exists": False}, ["10"]),
    ],
)
def test_datetime(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Date-times compare as instants, whatever their offsets."""
    actual = keys({"filter": {"created": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("active", ["1", "3"]),
        ("ACTIVE", ["1", "3"]),
        ({"$in": ["Completed", "terminated"]}, ["2", "10"]),
        ({"$neq": "Active"}, ["2", "10"]),
    ],
)
def test_enum_any_casing(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Enum operands are accepted in any casing."""
    actual = keys({"filter": {"state": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("2", ["2"]),
        (10, ["10"]),
        ({"$in": ["1", "10"]}, ["1", "10"]),
        ({"$notIn": ["1", "10"]}, ["2", "3"]),
    ],
)
def test_key(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Keys match as numbers, sent as strings or ints."""
    actual = keys({"filter": {"key": condition}})

    assert expected == actual


def test_source_property(keys: Keys) -> None:
    """A field can read a differently named row property."""
    expected = ["2", "3"]

    actual = keys({"filter": {"parentKey": "1"}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ('"a"', ["1"]),
        ('{"a":1}', ["2"]),
        ("12.0", ["3"]),
        ('"12"', []),
        ({"$like": "*a*"}, ["1", "2"]),
        ({"$in": ['"a"', "12"]}, ["1", "3"]),
        ({"$neq": '"a"'}, ["2", "3", "10"]),
    ],
)
def test_json_text(keys: Keys, condition: Any, expected: list[str]) -> None:
    """JSON-text values match when they decode to the same value."""
    actual = keys({"filter": {"value": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [(["x"], ["1", "2"]), (["x", "y"], ["1"]), ([], ALL), (["z"], [])],
)
def test_tags(keys: Keys, condition: Any, expected: list[str]) -> None:
    """A tag filter finds rows carrying every listed tag."""
    actual = keys({"filter": {"tags": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ([{"name": "customer", "value": '"ada"'}], ["1", "3"]),
        (
            [
                {"name": "customer", "value": '"ada"'},
                {"name": "order", "value": {"$like": "*rush*"}},
            ],
            ["1"],
        ),
        ([{"name": "order", "value": '{"id": 8}'}], ["2"]),
        ([{"name": "missing", "value": '"x"'}], []),
    ],
)
def test_variables(keys: Keys, condition: Any, expected: list[str]) -> None:
    """Variable filters need every name/value pair to match."""
    actual = keys({"filter": {"variables": condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("field", "condition", "expected"),
    [
        ("evenKey", True, ["2", "10"]),
        ("groups", "ops", ["1", "3"]),
        ("groups", {"$neq": "ops"}, ["2", "10"]),
        ("groups", {"$like": "d*"}, ["1", "10"]),
        ("groups", {"$exists": False}, ["2"]),
        ("groups", {"$exists": True, "$notIn": ["dev"]}, ["3"]),
        ("groups", {"$in": ["dev", "qa"]}, ["1", "10"]),
        ("unmodelled", {"anything": [1, 2]}, ALL),
    ],
)
def test_custom_many_and_ignored(
    keys: Keys, field: str, condition: Any, expected: list[str]
) -> None:
    """Custom matchers, list-valued fields and ignored filters behave as documented."""
    actual = keys({"filter": {field: condition}})

    assert expected == actual


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"state": "ACTIVE", "$or": [{"name": "alpha"}, {"retries": 1}]}, ["1", "3"]),
        ({"$or": [{"name": "beta"}, {"key": "10"}]}, ["2", "10"]),
        ({"state": "ACTIVE", "$or": [{"name": "beta"}]}, []),
        ({"$or": []}, ALL),
        ({"$or": [{"name": "beta", "urgent": True}, {"retries": 3}]}, ["1"]),
    ],
)
def test_or(keys: Keys, filter_: dict[str, Any], expected: list[str]) -> None:
    """$or branches are ORed with each other and ANDed with top-level fields."""
    actual = keys({"filter": filter_})

    assert expected == actual


@pytest.mark.parametrize(
    ("filter_", "message"),
    [
        ({"nope": 1}, "unknown filter property 'nope'"),
        (
            {"retries": {"$foo": 1}},
            "unknown operator '$foo' on filter property 'retries'",
        ),
        (
            {"retries": {"$like": "1*"}},
            "operator '$like' is not supported on 'retries'",
        ),
        ({"urgent": {"$gt": True}}, "operator '$gt' is not supported on 'urgent'"),
        (
            {"retries": "3"},
            "invalid value for filter property 'retries': expected integer",
        ),
        ({"urgent": 1}, "invalid value for filter property 'urgent': expected boolean"),
        ({"urgent": {"$exists": "yes"}}, "$exists on 'urgent' needs true or false"),
        ({"name": {"$in": "alpha"}}, "$in on 'name' needs a list"),
        ({"name": {"$like": 5}}, "$like on 'name' needs a string"),
        (
            {"created": {"$gt": "yesterday"}},
            (
                "invalid value for filter property 'created': "
                "expected an ISO 8601 date-time"
            ),
        ),
        (
            {"state": "RUNNING"},
            (
                "invalid value for filter property 'state': "
                "expected one of ['ACTIVE', 'COMPLETED', 'TERMINATED']"
            ),
        ),
        (
            {"key": "abc"},
            "invalid value for filter property 'key': expected a decimal key",
        ),
        ({"$or": [{"$or": []}]}, "$or cannot be nested inside $or"),
        ({"$or": {"name": "x"}}, "$or must be a list of filter objects"),
        ({"$or": ["x"]}, "filter must be an object"),
        ({"tags": [1]}, "filter property 'tags' needs a list of tags"),
        (
            {"variables": {"name": "a"}},
            "filter property 'variables' needs a list of name/value pairs",
        ),
        (
            {"variables": [{"name": "a"}]},
            "entries of 'variables' need a name and a value",
        ),
    ],
)
def test_invalid_filters(keys: Keys, filter_: Any, message: str) -> None:
    """Malformed filters raise SearchError with a message for the 400 detail."""
    with pytest.raises(SearchError) as caught:
        keys({"filter": filter_})

    assert message == str(caught.value)


def test_filter_must_be_object(keys: Keys) -> None:
    """A filter that is not an object is rejected."""
    with pytest.raises(SearchError, match=r"^filter must be an object$"):
        keys({"filter": ["name"]})


def test_module_exports() -> None:
    """The search module exports its documented names."""
    import camunda_testkit._search as module

    expected = ["Field", "SearchError", "run_search", "DEFAULT_LIMIT", "MAX_LIMIT"]

    assert expected == module.__all__


class TestField:
    def test_unknown_kind(self) -> None:
        """A Field of an unknown kind cannot be built."""
        with pytest.raises(ValueError, match="unknown field kind 'weird'"):
            Field("weird")

    def test_custom_needs_matcher(self) -> None:
        """A custom Field needs a matcher."""
        with pytest.raises(ValueError, match="a custom field needs a matcher"):
            Field("custom")

    @pytest.mark.parametrize(
        ("field", "actual", "condition", "expected"),
        [
            (Field.string(), "abc", {"$like": "a*"}, True),
            (Field.string(), "abc", {"$like": "b*"}, False),
            (
                Field.datetime(),
                "2026-01-01T01:00:00+01:00",
                "2026-01-01T00:00:00Z",
                True,
            ),
            (Field.json_text(), "[1, 2]", "[1,2]", True),
            (Field.json_text(), "true", "1", False),
            (Field.enum(), "anything", "ANYTHING", True),
        ],
    )
    def test_matches(
        self, field: Field, actual: Any, condition: Any, expected: bool
    ) -> None:
        """Field.matches evaluates one condition against one value."""
        result = field.matches(actual, condition)

        assert expected == result


def test_in_with_unhashable_row_value(keys: Keys) -> None:
    """A row value that is not a scalar is in no $in list and in every $notIn."""
    rows = [{"key": "1", "name": ["odd"]}, {"key": "2", "name": "x"}]

    found = keys({"filter": {"name": {"$in": ["x"]}}}, rows=rows)
    excluded = keys({"filter": {"name": {"$notIn": ["x"]}}}, rows=rows)

    assert ["2"] == found
    assert ["1"] == excluded

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from camunda_testkit._search import Field, run_search

Search = Callable[..., dict[str, Any]]

VARIABLES: dict[str, dict[str, str]] = {
    "1": {"order": json.dumps({"id": 7, "rush": True}), "customer": '"ada"'},
    "2": {"order": json.dumps({"id": 8}), "customer": '"bob"'},
    "3": {"customer": '"ada"'},
}


def _variables(row: Mapping[str, Any]) -> Mapping[str, str]:
    return VARIABLES.get(row["key"], {})


def _even_key(row: Mapping[str, Any], condition: Any) -> bool:
    return (int(row["key"]) % 2 == 0) is condition


FIELDS: dict[str, Field] = {
    "key": Field.key(),
    "name": Field.string(),
    "retries": Field.integer(),
    "score": Field.number(),
    "urgent": Field.boolean(),
    "created": Field.datetime(),
    "state": Field.enum("ACTIVE", "COMPLETED", "TERMINATED"),
    "value": Field.json_text(),
    "tags": Field.tags(),
    "variables": Field.variables(_variables),
    "evenKey": Field.custom(_even_key),
    "parentKey": Field.key(source="parent"),
    "groups": Field.string(source="candidateGroups", many=True),
    "unmodelled": Field.ignored(),
}

ROWS: list[dict[str, Any]] = [
    {
        "key": "1",
        "name": "alpha",
        "retries": 3,
        "score": 1.5,
        "urgent": True,
        "created": "2026-01-01T10:00:00.000Z",
        "state": "ACTIVE",
        "value": '"a"',
        "tags": ["x", "y"],
        "parent": None,
        "candidateGroups": ["ops", "dev"],
    },
    {
        "key": "2",
        "name": "beta",
        "retries": 0,
        "score": 2,
        "urgent": False,
        "created": "2026-01-01T11:30:00.000+01:00",
        "state": "COMPLETED",
        "value": '{"a": 1}',
        "tags": ["x"],
        "parent": "1",
        "candidateGroups": [],
    },
    {
        "key": "3",
        "name": "gamma*",
        "retries": 1,
        "score": None,
        "urgent": False,
        "created": "2026-01-01T09:00:00Z",
        "state": "ACTIVE",
        "value": "12",
        "tags": [],
        "parent": "1",
        "candidateGroups": ["ops"],
    },
    {
        "key": "10",
        "name": "alpine",
        "retries": None,
        "score": 0.5,
        "urgent": True,
        "created": None,
        "state": "TERMINATED",
        "value": None,
        "tags": ["y"],
        "parent": None,
        "candidateGroups": ["dev"],
    },
]


@pytest.fixture
def search() -> Search:
    """Run a request over the sample rows and fields, tie-broken by key."""

    def run(request: Mapping[str, Any] | None, **options: Any) -> dict[str, Any]:
        rows = options.pop("rows", ROWS)
        fields = options.pop("fields", FIELDS)
        default_sort = options.pop("default_sort", "key")
        return run_search(rows, request, fields, default_sort=default_sort)

    return run


@pytest.fixture
def keys(search: Search) -> Callable[..., list[str]]:
    """Return the keys of the items a request finds, in response order."""

    def run(request: Mapping[str, Any] | None, **options: Any) -> list[str]:
        return [item["key"] for item in search(request, **options)["items"]]

    return run

"""The engine's search field maps cover every filter and sort field of the spec."""

from __future__ import annotations

import json
from typing import Any

import pytest
from camunda_testkit._core import _fields as fields
from camunda_testkit.contract import SpecContract

_PATH = SpecContract.default_path()
pytestmark = pytest.mark.skipif(_PATH is None, reason="the spec file is not present")

_EMPTY = fields.Related([], [], [])
_CASES = [
    (
        "ProcessInstanceFilter",
        "ProcessInstanceSearchQuerySortRequest",
        fields.process_instance_fields(_EMPTY),
    ),
    ("JobFilter", "JobSearchQuerySortRequest", fields.JOB_FIELDS),
    ("IncidentFilter", "IncidentSearchQuerySortRequest", fields.INCIDENT_FIELDS),
    ("VariableFilter", "VariableSearchQuerySortRequest", fields.VARIABLE_FIELDS),
    (
        "UserTaskFilter",
        "UserTaskSearchQuerySortRequest",
        fields.user_task_fields(_EMPTY),
    ),
    (
        "ElementInstanceFilter",
        "ElementInstanceSearchQuerySortRequest",
        fields.element_instance_fields({}),
    ),
    (
        "ProcessDefinitionFilter",
        "ProcessDefinitionSearchQuerySortRequest",
        fields.process_definition_fields(set()),
    ),
    (
        "MessageSubscriptionFilter",
        "MessageSubscriptionSearchQuerySortRequest",
        fields.MESSAGE_SUBSCRIPTION_FIELDS,
    ),
]


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    """The spec's component schemas."""
    assert _PATH is not None
    return json.loads(_PATH.read_text(encoding="utf-8"))["components"]["schemas"]


def _properties(schemas: dict[str, Any], name: str) -> set[str]:
    found: set[str] = set()

    def walk(schema: dict[str, Any]) -> None:
        if "$ref" in schema:
            walk(schemas[schema["$ref"].rsplit("/", 1)[-1]])
            return
        for part in schema.get("allOf", []):
            walk(part)
        found.update(schema.get("properties", {}))

    walk(schemas[name])
    return found - {"$or"}


def _sort_fields(schemas: dict[str, Any], name: str) -> set[str]:
    field = schemas[name]["properties"]["field"]
    if "$ref" in field:
        field = schemas[field["$ref"].rsplit("/", 1)[-1]]
    return set(field["enum"])


@pytest.mark.parametrize(("filter_name", "sort_name", "field_map"), _CASES)
def test_every_filter_property_is_known(
    schemas: dict[str, Any], filter_name: str, sort_name: str, field_map: Any
) -> None:
    """Each spec filter property has a field, so a valid filter never fails."""
    expected = _properties(schemas, filter_name)

    assert len(expected) >= 5
    assert expected - set(field_map) == set()


@pytest.mark.parametrize(("filter_name", "sort_name", "field_map"), _CASES)
def test_every_sort_field_is_sortable(
    schemas: dict[str, Any], filter_name: str, sort_name: str, field_map: Any
) -> None:
    """Each spec sort field is a sortable field of the map."""
    sortable = {name for name, field in field_map.items() if field.sortable}
    expected = _sort_fields(schemas, sort_name)

    assert len(expected) >= 3
    assert expected - sortable == set()

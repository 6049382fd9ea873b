"""Camunda user tasks: creation, assignment, completion, and job-based user tasks."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError


def _user_task(extra: str = "") -> str:
    return (
        '<bpmn:userTask id="review" name="Review it"><bpmn:extensionElements>'
        f"<zeebe:userTask/>{extra}</bpmn:extensionElements></bpmn:userTask>"
    )


@pytest.fixture
def review(kit: Any, helpers: Any) -> Any:
    """Deploy start -> user task 'review' (assignee from a variable) -> end."""
    h = helpers
    assignment = (
        '<zeebe:assignmentDefinition assignee="=owner" candidateGroups="ops, dev"/>'
        '<zeebe:priorityDefinition priority="70"/>'
    )
    body = h.START + _user_task(assignment) + h.END + h.chain("start", "review", "end")
    kit.deploy(h.bpmn("review", body))
    return kit


def test_user_task_is_created_with_its_attributes(review: Any, engine: Engine) -> None:
    """The task is CREATED with the evaluated assignee, groups and priority."""
    key = review.start("review", owner="ann")

    task = review.user_tasks(key)[0]

    assert {
        "name": "Review it",
        "state": "CREATED",
        "assignee": "ann",
        "elementId": "review",
        "candidateGroups": ["ops", "dev"],
        "candidateUsers": [],
        "processDefinitionId": "review",
        "creationDate": "2026-01-01T00:00:00.000Z",
        "completionDate": None,
        "followUpDate": None,
        "dueDate": None,
        "tenantId": "<default>",
        "externalFormReference": None,
        "processDefinitionVersion": 1,
        "customHeaders": {},
        "priority": 70,
        "processName": None,
        "processInstanceKey": key,
        "rootProcessInstanceKey": key,
        "businessId": None,
        "formKey": None,
        "tags": [],
    } == {k: v for k, v in task.items() if k not in _MINTED}


_MINTED = ("userTaskKey", "elementInstanceKey", "processDefinitionKey")


def test_complete_user_task_continues_with_variables(
    review: Any, engine: Engine
) -> None:
    """Completing the task propagates its variables and ends the instance."""
    key = review.start("review", owner="ann")
    task = review.user_tasks(key)[0]

    engine.complete_user_task(task["userTaskKey"], {"variables": {"ok": True}})

    assert "COMPLETED" == review.state(key)
    assert {"owner": "ann", "ok": True} == review.variables(key)
    assert "COMPLETED" == engine.get_user_task(task["userTaskKey"])["state"]


def test_assign_and_unassign(review: Any, engine: Engine) -> None:
    """Assignment replaces the assignee, unassign clears it."""
    key = review.start("review", owner="ann")
    task_key = review.user_tasks(key)[0]["userTaskKey"]

    engine.assign_user_task(task_key, {"assignee": "bob"})
    assigned = engine.get_user_task(task_key)["assignee"]
    engine.unassign_user_task(task_key)

    assert ("bob", None) == (assigned, engine.get_user_task(task_key)["assignee"])


def test_assign_without_override_conflicts(review: Any, engine: Engine) -> None:
    """AllowOverride false refuses to replace another assignee with 409."""
    key = review.start("review", owner="ann")
    task_key = review.user_tasks(key)[0]["userTaskKey"]

    with pytest.raises(EngineError) as error:
        engine.assign_user_task(task_key, {"assignee": "bob", "allowOverride": False})

    assert 409 == error.value.status


def test_completing_twice_is_not_found(review: Any, engine: Engine) -> None:
    """A completed task cannot be completed again."""
    key = review.start("review", owner="ann")
    task_key = review.user_tasks(key)[0]["userTaskKey"]
    engine.complete_user_task(task_key)

    with pytest.raises(EngineError) as error:
        engine.complete_user_task(task_key)

    assert 404 == error.value.status


def test_user_task_search_by_assignee_and_variables(
    review: Any, engine: Engine
) -> None:
    """Search filters on assignee and on process instance variables."""
    review.start("review", owner="ann")
    bob = review.start("review", owner="bob")

    by_assignee = engine.search_user_tasks({"filter": {"assignee": "bob"}})
    by_variable = engine.search_user_tasks(
        {"filter": {"processInstanceVariables": [{"name": "owner", "value": '"bob"'}]}}
    )

    assert [bob] == [i["processInstanceKey"] for i in by_assignee["items"]]
    assert [bob] == [i["processInstanceKey"] for i in by_variable["items"]]


def test_linked_form_gets_its_form_key(kit: Any, helpers: Any, engine: Engine) -> None:
    """A formId that matches a deployed form yields that form's key."""
    h = helpers
    body = (
        h.START
        + _user_task('<zeebe:formDefinition formId="f1"/>')
        + h.END
        + h.chain("start", "review", "end")
    )
    deployed = engine.create_deployment(
        [
            ("f.form", b'{"id": "f1", "components": []}'),
            ("p.bpmn", h.bpmn("form", body)),
        ]
    )
    key = kit.start("form")

    task = kit.user_tasks(key)[0]

    assert deployed["deployments"][0]["form"]["formKey"] == task["formKey"]


def test_plain_user_task_is_a_job(kit: Any, helpers: Any) -> None:
    """A bpmn:userTask without zeebe:userTask is a job of the built-in type."""
    h = helpers
    body = (
        h.START
        + '<bpmn:userTask id="legacy"/>'
        + h.END
        + h.chain("start", "legacy", "end")
    )
    kit.deploy(h.bpmn("legacy", body))
    key = kit.start("legacy")

    kit.work("io.camunda.zeebe:userTask")

    assert "COMPLETED" == kit.state(key)

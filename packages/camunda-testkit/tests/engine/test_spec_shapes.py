"""Every response body the engine builds validates against the REST API v2 spec."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine
from camunda_testkit.contract import SpecContract

_PATH = SpecContract.default_path()
pytestmark = pytest.mark.skipif(_PATH is None, reason="the spec file is not present")

_MESSAGE = (
    '<bpmn:message id="m" name="paid"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId"/>'
    "</bpmn:extensionElements></bpmn:message>"
)


@pytest.fixture(scope="module")
def contract() -> SpecContract:
    """The spec contract (loaded once)."""
    assert _PATH is not None
    return SpecContract.load(_PATH)


def _scenario(kit: Any, helpers: Any, engine: Engine) -> dict[str, Any]:
    """Run a process through tasks, incidents, messages and user tasks."""
    h = helpers
    body = (
        h.START
        + h.service_task(
            "task",
            "shape",
            '<zeebe:taskHeaders><zeebe:header key="a" value="b"/></zeebe:taskHeaders>',
        )
        + '<bpmn:receiveTask id="wait" messageRef="m"/>'
        + '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/>'
        + "</bpmn:extensionElements></bpmn:userTask>"
        + h.END
        + h.chain("start", "task", "wait", "review", "end")
    )
    out: dict[str, Any] = {}
    out["createDeployment"] = engine.create_deployment(
        [("s.bpmn", h.bpmn("shapes", body, _MESSAGE)), ("f.form", b'{"id": "f"}')]
    )
    created = engine.create_process_instance(
        {"processDefinitionId": "shapes", "variables": {"orderId": "o-1"}}
    )
    out["createProcessInstance"] = created
    key = created["processInstanceKey"]
    activated = engine.activate_jobs(
        {"type": "shape", "timeout": 10_000, "maxJobsToActivate": 1, "worker": "w"}
    )
    out["activateJobs"] = activated
    job = activated["jobs"][0]
    engine.fail_job(job["jobKey"], {"retries": 0, "errorMessage": "broken"})
    incidents = engine.search_incidents({"filter": {"processInstanceKey": key}})
    out["searchIncidents"] = incidents
    out["getIncident"] = engine.get_incident(incidents["items"][0]["incidentKey"])
    out["searchJobs"] = engine.search_jobs({"filter": {"processInstanceKey": key}})
    engine.update_job(job["jobKey"], {"changeset": {"retries": 1}})
    engine.resolve_incident(incidents["items"][0]["incidentKey"])
    again = engine.activate_jobs(
        {"type": "shape", "timeout": 1, "maxJobsToActivate": 1}
    )
    engine.complete_job(
        again["jobs"][0]["jobKey"], {"variables": {"n": [1, {"x": None}]}}
    )
    out["searchMessageSubscriptions"] = engine.search_message_subscriptions(None)
    out["publishMessage"] = engine.publish_message(
        {"name": "paid", "correlationKey": "o-1", "timeToLive": 1000}
    )
    tasks = engine.search_user_tasks({"filter": {"processInstanceKey": key}})
    out["searchUserTasks"] = tasks
    out["getUserTask"] = engine.get_user_task(tasks["items"][0]["userTaskKey"])
    variables = engine.search_variables({"filter": {"processInstanceKey": key}})
    out["searchVariables"] = variables
    out["getVariable"] = engine.get_variable(variables["items"][0]["variableKey"])
    out["getProcessInstance"] = engine.get_process_instance(key)
    out["searchProcessInstances"] = engine.search_process_instances(None)
    elements = engine.search_element_instances({"filter": {"processInstanceKey": key}})
    out["searchElementInstances"] = elements
    out["getElementInstance"] = engine.get_element_instance(
        elements["items"][0]["elementInstanceKey"]
    )
    definitions = engine.search_process_definitions(None)
    out["searchProcessDefinitions"] = definitions
    out["getProcessDefinition"] = engine.get_process_definition(
        definitions["items"][0]["processDefinitionKey"]
    )
    out["broadcastSignal"] = engine.broadcast_signal({"signalName": "none"})
    out["evaluateExpression"] = engine.evaluate_expression(
        {"expression": "=[1, 2]", "variables": {}}
    )
    out["getTopology"] = engine.get_topology()
    out["getLicense"] = engine.get_license()
    engine.publish_message({"name": "late", "correlationKey": "x"})
    return out


def test_every_response_matches_the_spec(
    kit: Any, helpers: Any, engine: Engine, contract: SpecContract
) -> None:
    """Each body carries every required field with a spec-valid value."""
    bodies = _scenario(kit, helpers, engine)

    problems = {
        operation: contract.validate_response(operation, 200, body)
        for operation, body in bodies.items()
    }

    assert {operation: [] for operation in bodies} == problems


def test_correlation_result_matches_the_spec(
    kit: Any, helpers: Any, engine: Engine, contract: SpecContract
) -> None:
    """The correlate response validates too."""
    h = helpers
    body = (
        h.START
        + '<bpmn:receiveTask id="wait" messageRef="m"/>'
        + h.END
        + h.chain("start", "wait", "end")
    )
    kit.deploy(h.bpmn("corr", body, _MESSAGE))
    kit.start("corr", orderId="o-2")

    result = engine.correlate_message({"name": "paid", "correlationKey": "o-2"})

    assert [] == contract.validate_response("correlateMessage", 200, result)

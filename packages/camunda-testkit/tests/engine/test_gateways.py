"""Exclusive and parallel gateways, including their incidents."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine


@pytest.fixture
def xor(kit: Any, helpers: Any) -> Any:
    """Start -> gw -> (a if x > 10 | b if 0 < x <= 10 | default c)."""
    h = helpers
    body = (
        h.START
        + '<bpmn:exclusiveGateway id="gw" default="to_c"/>'
        + h.service_task("a", "a")
        + h.service_task("b", "b")
        + h.service_task("c", "c")
        + h.flow("s", "start", "gw")
        + h.flow("to_a", "gw", "a", "=x &gt; 10")
        + h.flow("to_b", "gw", "b", "=x &lt;= 10 and x &gt; 0")
        + h.flow("to_c", "gw", "c")
    )
    kit.deploy(h.bpmn("xor", body))
    return kit


@pytest.mark.parametrize(("x", "job_type"), [(11, "a"), (10, "b"), (-1, "c")])
def test_exclusive_gateway_takes_the_first_true_flow(
    xor: Any, x: int, job_type: str
) -> None:
    """The first true condition wins; when none is true the default flow is taken."""
    xor.start("xor", x=x)

    taken = [t for t in ("a", "b", "c") if xor.activate(t)]

    assert [job_type] == taken


def test_missing_variable_is_extract_value_incident(xor: Any, engine: Engine) -> None:
    """A null condition result is EXTRACT_VALUE_ERROR; resolve re-evaluates."""
    key = xor.start("xor")
    incident = xor.incidents(key)[0]

    engine.create_element_instance_variables(key, {"variables": {"x": 50}})
    engine.resolve_incident(incident["incidentKey"])

    assert ("EXTRACT_VALUE_ERROR", "gw") == (
        incident["errorType"],
        incident["elementId"],
    )
    assert 1 == len(xor.activate("a"))
    assert [] == xor.incidents(key)


def test_no_match_without_default_is_condition_error(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Without a default flow, no true condition gives CONDITION_ERROR."""
    h = helpers
    body = (
        h.START
        + '<bpmn:exclusiveGateway id="gw"/>'
        + h.END
        + h.flow("s", "start", "gw")
        + h.flow("e", "gw", "end", "=false")
    )
    kit.deploy(h.bpmn("nomatch", body))
    key = kit.start("nomatch")

    incidents = kit.incidents(key)

    assert ["CONDITION_ERROR"] == [i["errorType"] for i in incidents]
    assert "ACTIVE" == kit.state(key)


def test_parallel_fork_and_join(kit: Any, helpers: Any, engine: Engine) -> None:
    """A fork creates both jobs; the join waits for both before the end."""
    h = helpers
    body = (
        h.START
        + '<bpmn:parallelGateway id="fork"/><bpmn:parallelGateway id="join"/>'
        + h.service_task("a", "pa")
        + h.service_task("b", "pb")
        + h.service_task("after", "after")
        + h.END
        + h.chain("start", "fork")
        + h.flow("fa", "fork", "a")
        + h.flow("fb", "fork", "b")
        + h.flow("ja", "a", "join")
        + h.flow("jb", "b", "join")
        + h.chain("join", "after", "end")
    )
    kit.deploy(h.bpmn("par", body))
    key = kit.start("par")

    kit.work("pa")
    between = kit.activate("after")
    kit.work("pb")
    kit.work("after")

    assert [] == between
    assert "COMPLETED" == kit.state(key)


def test_activity_with_two_outgoing_flows_forks(kit: Any, helpers: Any) -> None:
    """Several flows out of a task are all taken; the instance ends after both."""
    h = helpers
    body = (
        h.START
        + h.service_task("a", "one")
        + h.service_task("b", "two")
        + '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'
        + h.chain("start", "a", "e1")
        + h.flow("f2", "start", "b")
        + h.flow("f3", "b", "e2")
    )
    kit.deploy(h.bpmn("implicit", body))
    key = kit.start("implicit")

    kit.work("one")
    middle = kit.state(key)
    kit.work("two")

    assert ("ACTIVE", "COMPLETED") == (middle, kit.state(key))


def test_incident_message_carries_feel_warnings(xor: Any) -> None:
    """The EXTRACT_VALUE_ERROR message names the expected type and the warnings."""
    key = xor.start("xor")

    message = xor.incidents(key)[0]["errorMessage"]

    assert message.startswith(
        "Expected result of the expression 'x > 10' to be 'BOOLEAN', but was 'NULL'."
    )
    assert "No variable found with name 'x'" in message

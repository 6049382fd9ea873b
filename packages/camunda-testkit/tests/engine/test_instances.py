"""Process instance lifecycle: create, get, search, cancel, await completion."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError, ProcessInstanceCompleted


@pytest.fixture
def simple(kit: Any, helpers: Any) -> Any:
    """Deploy start -> task 't' -> end."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "simple",
            h.START
            + h.service_task("task", "t")
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    return kit


def test_get_returns_every_field(simple: Any, engine: Engine) -> None:
    """A fresh instance reads back ACTIVE with nulls where nothing applies."""
    created = engine.create_process_instance(
        {"processDefinitionId": "simple", "tags": ["t1"], "variables": {"a": 1}}
    )
    key = created["processInstanceKey"]

    assert {
        "processDefinitionId": "simple",
        "processDefinitionName": None,
        "processDefinitionVersion": 1,
        "processDefinitionVersionTag": None,
        "startDate": "2026-01-01T00:00:00.000Z",
        "endDate": None,
        "state": "ACTIVE",
        "suspendedDate": None,
        "hasIncident": False,
        "tenantId": "<default>",
        "processInstanceKey": key,
        "processDefinitionKey": created["processDefinitionKey"],
        "parentProcessInstanceKey": None,
        "parentElementInstanceKey": None,
        "rootProcessInstanceKey": key,
        "tags": ["t1"],
        "businessId": None,
    } == engine.get_process_instance(key)
    assert {} == created["variables"]


def test_cancel_terminates_and_removes_the_job(simple: Any, engine: Engine) -> None:
    """Cancel sets TERMINATED, cancels jobs; a second cancel is 404."""
    key = simple.start("simple")

    engine.cancel_process_instance(key)
    with pytest.raises(EngineError) as again:
        engine.cancel_process_instance(key)

    assert "TERMINATED" == simple.state(key)
    assert [] == simple.activate("t")
    assert 404 == again.value.status


def test_completion_result_waits_then_reports(simple: Any, engine: Engine) -> None:
    """completion_result is None while running and the variables afterwards."""
    seen: list[Any] = []
    engine.subscribe(seen.append)
    key = simple.start("simple", a=1, b=2)
    running = engine.completion_result(key, None)

    simple.work("t", {"c": 3})
    done = engine.completion_result(key, ["a", "c"])

    assert running is None
    assert done is not None
    assert {"a": 1, "c": 3} == done["variables"]
    assert ProcessInstanceCompleted(key) in seen


def test_completion_result_of_cancelled_instance_conflicts(
    simple: Any, engine: Engine
) -> None:
    """A terminated instance never completes: INVALID_STATE."""
    key = simple.start("simple")
    engine.cancel_process_instance(key)

    with pytest.raises(EngineError) as error:
        engine.completion_result(key, None)

    assert 409 == error.value.status


def test_search_by_state_and_sort(simple: Any, engine: Engine) -> None:
    """Search filters by state and sorts by key descending."""
    first = simple.start("simple")
    second = simple.start("simple")
    third = simple.start("simple")
    engine.cancel_process_instance(second)

    active = engine.search_process_instances(
        {
            "filter": {"state": {"$eq": "active"}},
            "sort": [{"field": "processInstanceKey", "order": "DESC"}],
        }
    )

    assert [third, first] == [i["processInstanceKey"] for i in active["items"]]
    assert 2 == active["page"]["totalItems"]


def test_search_by_element_id(simple: Any, engine: Engine) -> None:
    """The elementId filter finds instances that passed or wait at an element."""
    waiting = simple.start("simple")

    found = engine.search_process_instances({"filter": {"elementId": "task"}})

    assert [waiting] == [i["processInstanceKey"] for i in found["items"]]


def test_invalid_search_is_invalid_argument(engine: Engine) -> None:
    """An unknown filter property is 400 INVALID_ARGUMENT."""
    with pytest.raises(EngineError) as error:
        engine.search_process_instances({"filter": {"nope": 1}})

    assert 400 == error.value.status


def test_create_needs_key_or_id(engine: Engine) -> None:
    """Neither a key nor an id is 400."""
    with pytest.raises(EngineError) as error:
        engine.create_process_instance({})

    assert 400 == error.value.status


def test_element_instances_record_the_path(simple: Any, engine: Engine) -> None:
    """Element instance search shows each element with its state."""
    key = simple.start("simple")
    simple.work("t")

    items = engine.search_element_instances(
        {
            "filter": {"processInstanceKey": key},
            "sort": [{"field": "elementInstanceKey"}],
        }
    )["items"]

    assert [
        ("simple", "PROCESS", "COMPLETED"),
        ("start", "START_EVENT", "COMPLETED"),
        ("task", "SERVICE_TASK", "COMPLETED"),
        ("end", "END_EVENT", "COMPLETED"),
    ] == [(i["elementId"], i["type"], i["state"]) for i in items]


def test_reset_forgets_everything(simple: Any, engine: Engine) -> None:
    """After reset keys restart and nothing is found."""
    key = simple.start("simple")

    engine.reset()

    with pytest.raises(EngineError):
        engine.get_process_instance(key)
    assert [] == engine.search_jobs(None)["items"]


def test_evaluate_expression(engine: Engine) -> None:
    """FEEL evaluation returns the result and warnings."""
    result = engine.evaluate_expression({"expression": "=x + 1", "variables": {"x": 2}})

    assert {
        "expression": "=x + 1",
        "result": 3,
        "warnings": [],
        "referencedSecrets": [],
    } == result


def test_search_by_has_retries_left(simple: Any, engine: Engine) -> None:
    """The hasRetriesLeft filter finds instances whose job failed but will be retried."""
    retrying = simple.start("simple")
    simple.start("simple")
    job = next(j for j in simple.activate("t") if j["processInstanceKey"] == retrying)
    engine.fail_job(job["jobKey"], {"retries": 2, "retryBackOff": 10_000})

    found = engine.search_process_instances({"filter": {"hasRetriesLeft": True}})

    assert [retrying] == [i["processInstanceKey"] for i in found["items"]]


def test_definition_search_by_latest_version(helpers: Any, engine: Engine) -> None:
    """The isLatestVersion filter keeps only the newest version of each process."""
    h = helpers
    for job_type in ("one", "two"):
        xml = h.bpmn(
            "versions",
            h.START
            + h.service_task("task", job_type)
            + h.END
            + h.chain("start", "task", "end"),
        )
        engine.create_deployment([("v.bpmn", xml)])

    latest = engine.search_process_definitions({"filter": {"isLatestVersion": True}})

    assert [2] == [i["version"] for i in latest["items"]]


def test_element_search_by_scope_key(simple: Any, engine: Engine) -> None:
    """The elementInstanceScopeKey filter lists the children of a scope."""
    key = simple.start("simple")

    children = engine.search_element_instances(
        {"filter": {"elementInstanceScopeKey": key}, "sort": [{"field": "startDate"}]}
    )

    assert ["start", "task"] == [i["elementId"] for i in children["items"]]


def test_start_instructions_start_before_an_element(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Start instructions skip the start event and begin at the given element."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "two",
            h.START
            + h.service_task("a", "first")
            + h.service_task("b", "second")
            + h.END
            + h.chain("start", "a", "b", "end"),
        )
    )

    engine.create_process_instance(
        {"processDefinitionId": "two", "startInstructions": [{"elementId": "b"}]}
    )

    assert ([], 1) == (kit.activate("first"), len(kit.activate("second")))


def test_history_ttl_forgets_finished_instances(helpers: Any, clock: Any) -> None:
    """With history_ttl_ms a finished instance disappears after the TTL."""
    engine = Engine(clock=clock, history_ttl_ms=2_000)
    h = helpers
    engine.create_deployment(
        [
            (
                "p.bpmn",
                h.bpmn(
                    "short",
                    h.START
                    + h.service_task("t", "t")
                    + h.END
                    + h.chain("start", "t", "end"),
                ),
            )
        ]
    )
    done = engine.create_process_instance(
        {"processDefinitionId": "short", "variables": {"a": 1}}
    )["processInstanceKey"]
    running = engine.create_process_instance({"processDefinitionId": "short"})[
        "processInstanceKey"
    ]
    job = engine.activate_jobs({"type": "t", "timeout": 60_000, "maxJobsToActivate": 1})
    engine.complete_job(job["jobs"][0]["jobKey"], {})

    engine.advance_clock(1_999)
    kept = engine.get_process_instance(done)["state"]
    engine.advance_clock(1)

    with pytest.raises(EngineError):
        engine.get_process_instance(done)
    assert "COMPLETED" == kept
    assert [running] == [
        i["processInstanceKey"] for i in engine.search_process_instances(None)["items"]
    ]
    gone = {"filter": {"processInstanceKey": done}}
    assert [] == engine.search_variables(gone)["items"]
    assert [] == engine.search_jobs(gone)["items"]
    assert [] == engine.search_element_instances(gone)["items"]

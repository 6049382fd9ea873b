"""Job lifecycle: activation, completion, failure, retries, backoff and timeouts."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError, JobsAvailable

_HEADERS = '<zeebe:taskHeaders><zeebe:header key="h" value="v"/></zeebe:taskHeaders>'
_MINTED = ("jobKey", "elementInstanceKey", "processDefinitionKey")


@pytest.fixture
def one_task(kit: Any, helpers: Any) -> Any:
    """Deploy start -> task(type 'work') -> end."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "one",
            h.START
            + h.service_task(
                "task",
                "work",
                _HEADERS,
            )
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    return kit


def test_activation_returns_the_full_job_shape(one_task: Any, engine: Engine) -> None:
    """An activated job carries every required field with the right values."""
    key = one_task.start("one", a=1, b="x")

    job = one_task.activate("work", worker="w1")[0]

    assert {
        "type": "work",
        "processDefinitionId": "one",
        "processDefinitionVersion": 1,
        "elementId": "task",
        "customHeaders": {"h": "v"},
        "worker": "w1",
        "retries": 3,
        "deadline": 1_767_225_600_000 + 60_000,
        "variables": {"a": 1, "b": "x"},
        "tenantId": "<default>",
        "physicalTenantId": "default",
        "processInstanceKey": key,
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "userTask": None,
        "tags": [],
        "rootProcessInstanceKey": key,
        "businessId": None,
        "priority": 0,
        "leaseToken": None,
    } == {k: v for k, v in job.items() if k not in _MINTED}
    assert 3 == len({job[k] for k in _MINTED})


def test_activation_respects_max_and_fetch_variable(one_task: Any) -> None:
    """MaxJobsToActivate caps the batch and fetchVariable filters variables."""
    for n in range(3):
        one_task.start("one", n=n, other=True)

    first = one_task.activate("work", 2, fetchVariable=["n"])
    rest = one_task.activate("work", 5)

    assert [{"n": 0}, {"n": 1}] == [job["variables"] for job in first]
    assert 1 == len(rest)
    assert [] == one_task.activate("work")


def test_activation_ignores_other_types_and_tenants(one_task: Any) -> None:
    """Only jobs of exactly the requested type and an allowed tenant activate."""
    one_task.start("one")

    assert [] == one_task.activate("Work")
    assert [] == one_task.activate("work", tenantIds=["other"])
    assert 1 == len(one_task.activate("work"))


def test_completion_moves_the_token_and_propagates(
    one_task: Any, engine: Engine
) -> None:
    """Completing the job completes the instance and writes variables to the root."""
    key = one_task.start("one")

    one_task.work("work", {"result": 42})

    assert "COMPLETED" == one_task.state(key)
    assert {"result": 42} == one_task.variables(key)


def test_completing_an_unknown_or_finished_job_is_not_found(
    one_task: Any, engine: Engine
) -> None:
    """A second completion and an unknown key both give 404 NOT_FOUND."""
    one_task.start("one")
    job = one_task.work("work")

    with pytest.raises(EngineError) as again:
        engine.complete_job(job["jobKey"], {})
    with pytest.raises(EngineError) as unknown:
        engine.complete_job("2251799813699999", {})

    assert (404, "NOT_FOUND") == (again.value.status, again.value.title)
    assert (404, "NOT_FOUND") == (unknown.value.status, unknown.value.title)


def test_non_numeric_job_key_is_invalid_argument(engine: Engine) -> None:
    """A key that is not a number is rejected with 400 INVALID_ARGUMENT."""
    with pytest.raises(EngineError) as error:
        engine.complete_job("abc", {})

    assert (400, "INVALID_ARGUMENT") == (error.value.status, error.value.title)


def test_fail_with_retries_makes_the_job_activatable_again(
    one_task: Any, engine: Engine
) -> None:
    """Failing with retries left returns the job to the pool with the new count."""
    one_task.start("one")
    job = one_task.activate("work")[0]

    engine.fail_job(job["jobKey"], {"retries": 2, "errorMessage": "boom"})
    again = one_task.activate("work")

    assert [(job["jobKey"], 2)] == [(j["jobKey"], j["retries"]) for j in again]


def test_fail_with_backoff_waits_for_the_clock(one_task: Any, engine: Engine) -> None:
    """RetryBackOff keeps the job back until the engine clock passes it."""
    one_task.start("one")
    job = one_task.activate("work")[0]

    engine.fail_job(job["jobKey"], {"retries": 1, "retryBackOff": 5_000})
    during = one_task.activate("work")
    engine.advance_clock(4_999)
    still = one_task.activate("work")
    engine.advance_clock(1)
    after = one_task.activate("work")

    assert ([], [], [job["jobKey"]]) == (during, still, [j["jobKey"] for j in after])


def test_fail_without_retries_raises_an_incident(one_task: Any, engine: Engine) -> None:
    """Retries 0 gives a JOB_NO_RETRIES incident and hasIncident on the instance."""
    key = one_task.start("one")
    job = one_task.activate("work")[0]

    engine.fail_job(job["jobKey"], {"errorMessage": "it broke"})
    incidents = one_task.incidents(key)

    assert [("JOB_NO_RETRIES", "it broke", job["jobKey"], "task")] == [
        (i["errorType"], i["errorMessage"], i["jobKey"], i["elementId"])
        for i in incidents
    ]
    assert engine.get_process_instance(key)["hasIncident"] is True


def test_resolve_needs_retries_then_reactivates(one_task: Any, engine: Engine) -> None:
    """Resolving with 0 retries is 409; after updating retries the job comes back."""
    key = one_task.start("one")
    job = one_task.activate("work")[0]
    engine.fail_job(job["jobKey"], {"retries": 0})
    incident = one_task.incidents(key)[0]

    with pytest.raises(EngineError) as refused:
        engine.resolve_incident(incident["incidentKey"])
    engine.update_job(job["jobKey"], {"changeset": {"retries": 2}})
    engine.resolve_incident(incident["incidentKey"])
    again = one_task.activate("work")

    assert (409, "INVALID_STATE") == (refused.value.status, refused.value.title)
    assert [(job["jobKey"], 2)] == [(j["jobKey"], j["retries"]) for j in again]
    assert engine.get_process_instance(key)["hasIncident"] is False
    assert "RESOLVED" == engine.get_incident(incident["incidentKey"])["state"]


def test_failed_job_rejects_completion_with_conflict(
    one_task: Any, engine: Engine
) -> None:
    """A job in FAILED state cannot be completed: 409 INVALID_STATE."""
    one_task.start("one")
    job = one_task.activate("work")[0]
    engine.fail_job(job["jobKey"], {"retries": 0})

    with pytest.raises(EngineError) as error:
        engine.complete_job(job["jobKey"], {})

    assert (409, "INVALID_STATE") == (error.value.status, error.value.title)


def test_timeout_returns_the_job_without_spending_retries(
    one_task: Any, engine: Engine
) -> None:
    """After its deadline a job is activatable again with the same retries."""
    one_task.start("one")
    job = one_task.activate("work")[0]

    engine.advance_clock(60_000)
    again = one_task.activate("work")
    state = engine.search_jobs({"filter": {"jobKey": job["jobKey"]}})["items"][0]

    assert [(job["jobKey"], 3)] == [(j["jobKey"], j["retries"]) for j in again]
    assert "TIMED_OUT" == state["state"]


def test_update_timeout_moves_the_deadline(one_task: Any, engine: Engine) -> None:
    """PATCH timeout sets deadline = now + timeout for an activated job."""
    one_task.start("one")
    job = one_task.activate("work")[0]

    engine.update_job(job["jobKey"], {"changeset": {"timeout": 120_000}})
    engine.advance_clock(60_000)
    early = one_task.activate("work")
    engine.advance_clock(60_000)
    late = one_task.activate("work")

    assert ([], [job["jobKey"]]) == (early, [j["jobKey"] for j in late])


def test_update_with_non_positive_retries_is_invalid(
    one_task: Any, engine: Engine
) -> None:
    """Retries must be positive in a changeset."""
    one_task.start("one")
    job = one_task.activate("work")[0]

    with pytest.raises(EngineError) as error:
        engine.update_job(job["jobKey"], {"changeset": {"retries": 0}})

    assert 400 == error.value.status


def test_job_search_reports_states(one_task: Any, engine: Engine) -> None:
    """Job search shows CREATED, COMPLETED and FAILED with date-time deadlines."""
    one_task.start("one")
    one_task.start("one")
    one_task.start("one")
    done, failed, _ = one_task.activate("work")
    engine.complete_job(done["jobKey"], {})
    engine.fail_job(failed["jobKey"], {"retries": 0, "errorMessage": "x"})

    items = engine.search_jobs({"sort": [{"field": "jobKey"}]})["items"]

    assert ["COMPLETED", "FAILED", "CREATED"] == [i["state"] for i in items]
    assert "2026-01-01T00:01:00.000Z" == items[2]["deadline"]
    assert "x" == items[1]["errorMessage"]


def test_job_creation_emits_jobs_available(one_task: Any, engine: Engine) -> None:
    """Subscribers hear JobsAvailable for the job type after the command."""
    seen: list[Any] = []
    unsubscribe = engine.subscribe(seen.append)

    one_task.start("one")
    unsubscribe()
    one_task.start("one")

    assert [JobsAvailable("work")] == [e for e in seen if isinstance(e, JobsAvailable)]


def test_expression_job_type_and_retries(kit: Any, helpers: Any) -> None:
    """Job type and retries may be FEEL expressions over instance variables."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "expr",
            h.START
            + h.service_task("task", "=&quot;t-&quot; + kind", retries="=tries")
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    kit.start("expr", kind="a", tries=7)

    job = kit.activate("t-a")[0]

    assert ("t-a", 7) == (job["type"], job["retries"])


def test_bad_job_type_expression_raises_extract_value_incident(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A null job type is an EXTRACT_VALUE_ERROR incident, retried after resolve."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "expr",
            h.START
            + h.service_task("task", "=kind")
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    key = kit.start("expr")
    incident = kit.incidents(key)[0]

    engine.create_element_instance_variables(key, {"variables": {"kind": "late"}})
    engine.resolve_incident(incident["incidentKey"])

    assert "EXTRACT_VALUE_ERROR" == incident["errorType"]
    assert 1 == len(kit.activate("late"))


def test_assigned_tenant_filter_reaches_every_tenant(kit: Any, helpers: Any) -> None:
    """The ASSIGNED tenant filter activates jobs of any deployed tenant."""
    h = helpers
    xml = h.bpmn(
        "tenanted",
        h.START
        + h.service_task("task", "tw")
        + h.END
        + h.chain("start", "task", "end"),
    )
    kit.engine.create_deployment([("t.bpmn", xml)], "acme")
    kit.engine.create_process_instance(
        {"processDefinitionId": "tenanted", "tenantId": "acme"}
    )

    default_only = kit.activate("tw")
    assigned = kit.activate("tw", tenantFilter="ASSIGNED")

    assert [] == default_only
    assert ["acme"] == [job["tenantId"] for job in assigned]


def test_leased_jobs_are_fenced_by_their_token(one_task: Any, engine: Engine) -> None:
    """A stale or missing lease token is refused; the current one completes."""
    key = one_task.start("one")
    first = one_task.activate("work", withLease=True)[0]
    engine.advance_clock(60_000)
    second = one_task.activate("work", withLease=True)[0]

    with pytest.raises(EngineError) as stale:
        engine.complete_job(first["jobKey"], {"leaseToken": first["leaseToken"]})
    with pytest.raises(EngineError) as missing:
        engine.complete_job(first["jobKey"], {})
    engine.complete_job(second["jobKey"], {"leaseToken": second["leaseToken"]})

    assert first["leaseToken"] != second["leaseToken"]
    assert (409, 409) == (stale.value.status, missing.value.status)
    assert "COMPLETED" == one_task.state(key)


def test_leased_jobs_are_served_only_to_leasing_workers(
    one_task: Any, engine: Engine
) -> None:
    """Once leased, a timed-out job is not handed to a worker without a lease."""
    one_task.start("one")
    job = one_task.activate("work", withLease=True)[0]
    engine.advance_clock(60_000)

    plain = one_task.activate("work")
    leasing = one_task.activate("work", withLease=True)

    assert ([], [job["jobKey"]]) == (plain, [j["jobKey"] for j in leasing])


def test_jobs_without_lease_need_no_token(one_task: Any, engine: Engine) -> None:
    """Jobs activated without a lease report a null token and need none."""
    key = one_task.start("one")

    job = one_task.activate("work")[0]
    engine.complete_job(job["jobKey"], {})

    assert job["leaseToken"] is None
    assert "COMPLETED" == one_task.state(key)

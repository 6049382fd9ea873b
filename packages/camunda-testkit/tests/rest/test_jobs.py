"""Job routes against the real core: activation, completion, failure, error, update."""

from __future__ import annotations

import threading
import time

import httpx
from camunda_testkit import DevEngine


def _activate(api, job_type: str, request_timeout: int = -1, **extra) -> list[dict]:
    body = {
        "type": job_type,
        "timeout": 30_000,
        "maxJobsToActivate": 5,
        "requestTimeout": request_timeout,
        **extra,
    }
    response = api.client.post("/jobs/activation", json=body)
    assert 200 == response.status_code, response.text
    return response.json()["jobs"]


def test_activated_job_carries_every_required_field(api, service_task) -> None:
    """An activated job has the spec's fields with the instance's data."""
    process_id, job_type = service_task()
    key = api.start(process_id, {"order": 7})

    (job,) = _activate(api, job_type, worker="w-1")

    assert job_type == job["type"]
    assert key == job["processInstanceKey"]
    assert "task" == job["elementId"]
    assert {"h": "v"} == job["customHeaders"]
    assert {"order": 7} == job["variables"]
    assert "w-1" == job["worker"]
    assert 3 == job["retries"]
    assert "BPMN_ELEMENT" == job["kind"]
    assert isinstance(job["deadline"], int)


def test_fetch_variable_limits_variables(api, service_task) -> None:
    """FetchVariable returns only the named variables."""
    process_id, job_type = service_task()
    api.start(process_id, {"a": 1, "b": 2})

    (job,) = _activate(api, job_type, fetchVariable=["b"])

    assert {"b": 2} == job["variables"]


def test_long_poll_wakes_on_instance_creation(api, service_task) -> None:
    """A parked poll answers as soon as a new instance creates the job."""
    process_id, job_type = service_task()
    timer = threading.Timer(0.3, api.start, args=(process_id,))
    timer.start()
    started = time.monotonic()

    jobs = _activate(api, job_type, request_timeout=8000)
    elapsed = time.monotonic() - started
    timer.join()

    assert 1 == len(jobs)
    assert elapsed < 8.0


def test_complete_moves_the_token_on(api, service_task) -> None:
    """Completing the job completes the instance and stores the variables."""
    process_id, job_type = service_task()
    key = api.start(process_id)
    (job,) = _activate(api, job_type)

    response = api.client.post(
        f"/jobs/{job['jobKey']}/completion", json={"variables": {"done": True}}
    )

    assert 204 == response.status_code
    assert "COMPLETED" == api.state(key)
    assert {"done": True} == api.variables(key)


def test_complete_without_body_is_accepted(api, service_task) -> None:
    """The completion body is optional."""
    process_id, job_type = service_task()
    api.start(process_id)
    (job,) = _activate(api, job_type)

    response = api.client.post(f"/jobs/{job['jobKey']}/completion")

    assert 204 == response.status_code


def test_complete_twice_is_404(api, service_task) -> None:
    """A completed job is gone: a second completion is 404 NOT_FOUND."""
    process_id, job_type = service_task()
    api.start(process_id)
    (job,) = _activate(api, job_type)
    api.client.post(f"/jobs/{job['jobKey']}/completion", json={})

    again = api.client.post(f"/jobs/{job['jobKey']}/completion", json={})

    assert 404 == again.status_code
    assert "NOT_FOUND" == again.json()["title"]


def test_fail_with_retries_makes_job_activatable_again(api, service_task) -> None:
    """A failure with retries left hands the job out again with those retries."""
    process_id, job_type = service_task()
    api.start(process_id)
    (job,) = _activate(api, job_type)

    failed = api.client.post(
        f"/jobs/{job['jobKey']}/failure", json={"retries": 2, "errorMessage": "boom"}
    )
    (again,) = _activate(api, job_type)

    assert 204 == failed.status_code
    assert job["jobKey"] == again["jobKey"]
    assert 2 == again["retries"]


def test_retry_backoff_waits_for_the_clock(
    api, service_task, engine: DevEngine
) -> None:
    """A job failed with a backoff comes back only after the clock passes it."""
    process_id, job_type = service_task()
    api.start(process_id)
    (job,) = _activate(api, job_type)
    api.client.post(
        f"/jobs/{job['jobKey']}/failure", json={"retries": 1, "retryBackOff": 60_000}
    )

    before = _activate(api, job_type)
    engine.advance_clock(61_000)
    after = _activate(api, job_type, request_timeout=2000)

    assert [] == before
    assert [job["jobKey"]] == [j["jobKey"] for j in after]


def test_fail_without_retries_raises_incident(api, service_task) -> None:
    """A failure with 0 retries creates a JOB_NO_RETRIES incident."""
    process_id, job_type = service_task()
    key = api.start(process_id)
    (job,) = _activate(api, job_type)

    api.client.post(f"/jobs/{job['jobKey']}/failure", json={"errorMessage": "dead"})
    incidents = api.client.post(
        "/incidents/search", json={"filter": {"processInstanceKey": key}}
    ).json()["items"]

    assert ["JOB_NO_RETRIES"] == [i["errorType"] for i in incidents]
    assert job["jobKey"] == incidents[0]["jobKey"]
    assert True is api.instance(key)["hasIncident"]


def test_update_retries_then_resolve_incident(api, service_task) -> None:
    """PATCH retries plus incident resolution makes the job activatable again."""
    process_id, job_type = service_task()
    key = api.start(process_id)
    (job,) = _activate(api, job_type)
    api.client.post(f"/jobs/{job['jobKey']}/failure", json={"retries": 0})
    incident = api.client.post(
        "/incidents/search", json={"filter": {"processInstanceKey": key}}
    ).json()["items"][0]

    too_early = api.client.post(f"/incidents/{incident['incidentKey']}/resolution")
    patched = api.client.patch(
        f"/jobs/{job['jobKey']}", json={"changeset": {"retries": 2}}
    )
    resolved = api.client.post(f"/incidents/{incident['incidentKey']}/resolution")
    (again,) = _activate(api, job_type)

    assert 409 == too_early.status_code
    assert 204 == patched.status_code
    assert 204 == resolved.status_code
    assert 2 == again["retries"]


def test_update_needs_changeset(api, service_task) -> None:
    """PATCH without a changeset is 400 INVALID_ARGUMENT."""
    response = api.client.patch("/jobs/2251799813685249", json={})

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]


def test_error_caught_by_boundary(api, service_task) -> None:
    """A thrown error with a matching boundary completes via the boundary path."""
    process_id, job_type = service_task(error="NOPE")
    key = api.start(process_id)
    (job,) = _activate(api, job_type)

    thrown = api.client.post(
        f"/jobs/{job['jobKey']}/error",
        json={"errorCode": "NOPE", "variables": {"why": "x"}},
    )

    assert 204 == thrown.status_code
    assert "COMPLETED" == api.state(key)


def test_uncaught_error_raises_incident(api, service_task) -> None:
    """An error nobody catches becomes an UNHANDLED_ERROR_EVENT incident."""
    process_id, job_type = service_task()
    key = api.start(process_id)
    (job,) = _activate(api, job_type)

    api.client.post(f"/jobs/{job['jobKey']}/error", json={"errorCode": "LOST"})
    incidents = api.client.post(
        "/incidents/search", json={"filter": {"processInstanceKey": key}}
    ).json()["items"]

    assert ["UNHANDLED_ERROR_EVENT"] == [i["errorType"] for i in incidents]


def test_error_needs_error_code(api) -> None:
    """ThrowJobError without errorCode is 400."""
    response = api.client.post("/jobs/2251799813685249/error", json={})

    assert 400 == response.status_code


def test_job_timeout_makes_job_activatable_again(
    api, service_task, engine: DevEngine
) -> None:
    """When an activated job's deadline passes, another worker gets it."""
    process_id, job_type = service_task()
    api.start(process_id)
    body = {"type": job_type, "timeout": 5_000, "maxJobsToActivate": 1}
    first = api.client.post("/jobs/activation", json={**body, "requestTimeout": -1})

    engine.advance_clock(6_000)
    second = api.client.post("/jobs/activation", json={**body, "requestTimeout": 2000})

    assert 1 == len(first.json()["jobs"])
    assert first.json()["jobs"][0]["jobKey"] == second.json()["jobs"][0]["jobKey"]


def test_search_jobs_filters_by_type(api, service_task) -> None:
    """Job search finds the job of one type with its state."""
    process_id, job_type = service_task()
    api.start(process_id)

    found = api.client.post("/jobs/search", json={"filter": {"type": job_type}})

    assert 200 == found.status_code
    assert [job_type] == [j["type"] for j in found.json()["items"]]
    assert 1 == found.json()["page"]["totalItems"]


def test_search_jobs_without_body(api) -> None:
    """Job search accepts an empty body."""
    response = api.client.post("/jobs/search")

    assert 200 == response.status_code
    assert [] == response.json()["items"]


def test_worker_style_loop_over_http(api, service_task, engine: DevEngine) -> None:
    """Twenty instances are worked off by a poll-complete loop; all complete."""
    process_id, job_type = service_task()
    keys = [api.start(process_id, {"n": n}) for n in range(20)]
    done = 0
    with httpx.Client(base_url=engine.rest_address) as client:
        while done < 20:
            jobs = _activate(api, job_type, request_timeout=2000)
            for job in jobs:
                client.post(f"/jobs/{job['jobKey']}/completion", json={})
                done += 1

    assert ["COMPLETED"] * 20 == [api.state(k) for k in keys]


def test_request_enums_accept_any_casing(api, service_task) -> None:
    """Request enums such as tenantFilter and job states work in lower case."""
    process_id, job_type = service_task()
    api.start(process_id)

    jobs = _activate(api, job_type, tenantFilter="provided")
    found = api.client.post(
        "/jobs/search", json={"filter": {"type": job_type, "state": "created"}}
    )

    assert 1 == len(jobs)
    assert 200 == found.status_code


def test_update_timeout_and_bad_retries(api, service_task, engine: DevEngine) -> None:
    """A timeout changeset moves the deadline; zero retries are refused."""
    process_id, job_type = service_task()
    api.start(process_id)
    (job,) = _activate(api, job_type)

    extended = api.client.patch(
        f"/jobs/{job['jobKey']}", json={"changeset": {"timeout": 120_000}}
    )
    engine.advance_clock(60_000)
    still_taken = _activate(api, job_type)
    refused = api.client.patch(
        f"/jobs/{job['jobKey']}", json={"changeset": {"retries": 0}}
    )

    assert 204 == extended.status_code
    assert [] == still_taken
    assert 400 == refused.status_code

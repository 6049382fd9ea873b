"""Messages, signals, incidents, variables, user tasks, clock, FEEL and controls."""

from __future__ import annotations

import time

import httpx
from camunda_testkit import DevEngine


def test_publish_returns_message_key(api) -> None:
    """Publishing answers the message key and the default tenant."""
    response = api.client.post(
        "/messages/publication", json={"name": "m", "correlationKey": "k"}
    )

    assert 200 == response.status_code
    assert {"messageKey", "tenantId"} == set(response.json())
    assert "<default>" == response.json()["tenantId"]


def test_publish_needs_name(api) -> None:
    """A publication without a name is 400."""
    response = api.client.post("/messages/publication", json={"correlationKey": "k"})

    assert 400 == response.status_code


def test_publish_duplicate_message_id_is_409(api) -> None:
    """A buffered messageId cannot be published twice."""
    body = {"name": "m", "correlationKey": "k", "timeToLive": 60_000, "messageId": "x"}
    api.client.post("/messages/publication", json=body)

    again = api.client.post("/messages/publication", json=body)

    assert 409 == again.status_code
    assert "ALREADY_EXISTS" == again.json()["title"]


def test_correlate_without_subscription_is_404(api) -> None:
    """Correlating a message nobody waits for answers 404."""
    response = api.correlate("nobody-listens", "k")

    assert 404 == response.status_code
    assert "NOT_FOUND" == response.json()["title"]


def test_published_message_expires_after_ttl(api, engine: DevEngine) -> None:
    """A buffered message past its TTL no longer reaches a new subscription."""
    api.deploy_real("message-catch.bpmn")
    api.client.post(
        "/messages/publication",
        json={"name": "test-message-1", "correlationKey": "late", "timeToLive": 1000},
    )
    engine.advance_clock(2000)

    key = api.start("Process_1q7wlgj", {"testMessageCorrelationField": "late"})

    assert "ACTIVE" == api.state(key)


def test_broadcast_signal_without_listeners(api) -> None:
    """A signal nobody listens to is still acknowledged with a key."""
    response = api.client.post("/signals/broadcast", json={"signalName": "s"})

    assert 200 == response.status_code
    assert {"signalKey", "tenantId"} == set(response.json())


def test_broadcast_signal_needs_name(api) -> None:
    """A broadcast without signalName is 400."""
    response = api.client.post("/signals/broadcast", json={})

    assert 400 == response.status_code


def test_get_incident_and_unknown_incident(api, service_task) -> None:
    """GET /incidents/{key} returns the incident; an unknown key is 404."""
    process_id, job_type = service_task()
    key = api.start(process_id)
    job = api.activate(job_type)
    api.client.post(f"/jobs/{job['jobKey']}/failure", json={"errorMessage": "x"})
    found = api.client.post(
        "/incidents/search", json={"filter": {"processInstanceKey": key}}
    ).json()["items"][0]

    incident = api.client.get(f"/incidents/{found['incidentKey']}")
    unknown = api.client.get("/incidents/2251799813999999")
    unknown_resolve = api.client.post("/incidents/2251799813999999/resolution")

    assert found == incident.json()
    assert "ACTIVE" == incident.json()["state"]
    assert 404 == unknown.status_code
    assert 404 == unknown_resolve.status_code


def test_variable_search_and_get(api, service_task) -> None:
    """Variables come back as JSON text; GET by key gives the full value."""
    process_id, _ = service_task()
    key = api.start(process_id, {"order": {"id": "o-1"}, "n": 42})

    found = api.client.post(
        "/variables/search",
        json={"filter": {"processInstanceKey": key, "name": "order"}},
    ).json()["items"]
    single = api.client.get(f"/variables/{found[0]['variableKey']}")

    assert ['{"id":"o-1"}'] == [v["value"] for v in found]
    assert key == found[0]["scopeKey"]
    assert '{"id":"o-1"}' == single.json()["value"]


def test_variable_search_truncate_flag_must_be_boolean(api) -> None:
    """TruncateValues must be true or false."""
    response = api.client.post(
        "/variables/search", params={"truncateValues": "maybe"}, json={}
    )

    assert 400 == response.status_code


def test_set_variables_local_and_propagated(api, service_task) -> None:
    """PUT variables on the instance scope changes what the job sees."""
    process_id, job_type = service_task()
    key = api.start(process_id, {"a": 1})

    response = api.client.put(
        f"/element-instances/{key}/variables", json={"variables": {"a": 2, "b": 3}}
    )
    job = api.activate(job_type)

    assert 204 == response.status_code
    assert {"a": 2, "b": 3} == job["variables"]


def test_set_variables_needs_variables(api) -> None:
    """PUT variables without the variables property is 400."""
    response = api.client.put("/element-instances/1/variables", json={})

    assert 400 == response.status_code


def test_user_task_assign_unassign_complete(api) -> None:
    """A user task can be assigned, unassigned and completed over HTTP."""
    api.deploy_real("human-tasks.bpmn")
    key = api.start("template-human-task-tutorial-074nxxb")
    task = api.user_task(key)
    task_key = task["userTaskKey"]

    assigned = api.client.post(
        f"/user-tasks/{task_key}/assignment", json={"assignee": "ann"}
    )
    seen = api.client.get(f"/user-tasks/{task_key}").json()
    unassigned = api.client.delete(f"/user-tasks/{task_key}/assignee")
    after = api.client.get(f"/user-tasks/{task_key}").json()
    completed = api.client.post(
        f"/user-tasks/{task_key}/completion", json={"variables": {"meal": "salad"}}
    )
    again = api.client.post(f"/user-tasks/{task_key}/completion")

    assert 204 == assigned.status_code
    assert "ann" == seen["assignee"]
    assert 204 == unassigned.status_code
    assert None is after["assignee"]
    assert 204 == completed.status_code
    assert again.status_code in (404, 409)
    assert "prepare-salad" == api.user_task(key)["elementId"]


def test_unknown_user_task_is_404(api) -> None:
    """GET of an unknown user task is 404."""
    response = api.client.get("/user-tasks/2251799813999999")

    assert 404 == response.status_code


def test_pin_and_reset_clock(api, engine: DevEngine) -> None:
    """PUT /clock pins engine time; POST /clock/reset returns to real time."""
    pinned = api.client.put("/clock", json={"timestamp": 1_000_000})
    pinned_now = engine.engine.clock.now_ms()
    reset = api.client.post("/clock/reset")

    assert 204 == pinned.status_code
    assert 1_000_000 == pinned_now
    assert 204 == reset.status_code
    assert engine.engine.clock.now_ms() > 1_000_000
    assert False is engine.engine.clock.is_pinned


def test_pin_clock_needs_timestamp(api) -> None:
    """PUT /clock without timestamp is 400."""
    response = api.client.put("/clock", json={})

    assert 400 == response.status_code


def test_evaluate_expression(api) -> None:
    """FEEL evaluation answers the result with empty warnings."""
    response = api.client.post(
        "/expression/evaluation",
        json={"expression": "=a + 1", "variables": {"a": 41}},
    )

    assert 200 == response.status_code
    assert 42 == response.json()["result"]
    assert [] == response.json()["warnings"]


def test_topology_and_license(api) -> None:
    """Topology reports one healthy leader partition; license is static."""
    topology = api.client.get("/topology").json()
    license_ = api.client.get("/license")

    partition = topology["brokers"][0]["partitions"][0]

    assert 1 == topology["partitionsCount"]
    assert ("leader", "healthy") == (partition["role"], partition["health"])
    assert 200 == license_.status_code


def test_control_clock_advance_fires_timer(api, engine: DevEngine) -> None:
    """POST /_devengine/clock/advance moves time like advance_clock()."""
    api.deploy_real("ticket-booking.bpmn")
    key = api.start("ticket-booking")
    api.complete("reserve-seats")
    api.complete("retrieve-payment", {"paymentRequestId": "p"})

    response = httpx.post(
        f"{engine.base_url}/_devengine/clock/advance", json={"milliseconds": 31_000}
    )

    assert 200 == response.status_code
    assert {"nowMs", "pinned"} == set(response.json())
    assert "COMPLETED" == api.state(key)


def test_control_clock_advance_refuses_negative(engine: DevEngine) -> None:
    """The control clock only moves forward."""
    response = httpx.post(
        f"{engine.base_url}/_devengine/clock/advance", json={"milliseconds": -1}
    )

    assert 400 == response.status_code


def test_control_reset_drops_state(api, engine: DevEngine, service_task) -> None:
    """POST /_devengine/reset forgets instances and the request log."""
    process_id, _ = service_task()
    key = api.start(process_id)

    reset = httpx.post(f"{engine.base_url}/_devengine/reset")
    after = api.client.get(f"/process-instances/{key}")

    assert 204 == reset.status_code
    assert 404 == after.status_code
    assert ["getProcessInstance"] == [r.operation_id for r in engine.requests]


def test_control_requests_and_state(api, engine: DevEngine) -> None:
    """The request log and state summary are readable over HTTP."""
    api.client.get("/topology")

    requests = httpx.get(f"{engine.base_url}/_devengine/requests").json()
    state = httpx.get(f"{engine.base_url}/_devengine/state").json()

    assert ["getTopology"] == [r["operation_id"] for r in requests["requests"]]
    assert {"getTopology": 1} == state["requestCounts"]


def test_unknown_control_is_404(engine: DevEngine) -> None:
    """An unknown control path answers a 404 problem."""
    response = httpx.get(f"{engine.base_url}/_devengine/nothing")

    assert 404 == response.status_code
    assert "NOT_FOUND" == response.json()["title"]


def test_ticker_fires_timer_without_clock_control(api, service_task) -> None:
    """A job failed with a short real-time backoff comes back on its own."""
    process_id, job_type = service_task()
    api.start(process_id)
    job = api.activate(job_type)
    api.client.post(
        f"/jobs/{job['jobKey']}/failure", json={"retries": 1, "retryBackOff": 200}
    )
    started = time.monotonic()

    again = api.activate(job_type, timeout_ms=5000)

    assert job["jobKey"] == again["jobKey"]
    assert time.monotonic() - started < 5.0

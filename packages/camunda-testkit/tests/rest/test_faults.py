"""Fault injection: error statuses, shares, latency, dropped connections."""

from __future__ import annotations

import time

import httpx
import pytest
from camunda_testkit import DevEngine, Faults


def test_status_fault_hits_the_next_n_requests(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """A fault with times=2 answers two requests with 503, then lets them pass."""
    rule = stub_engine.faults.fail("getTopology", status=503, times=2)

    statuses = [http.get("/topology").status_code for _ in range(3)]

    assert [503, 503, 200] == statuses
    assert 2 == rule.hits


def test_status_fault_body_is_a_problem(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """A 429 fault carries a problem document titled RESOURCE_EXHAUSTED."""
    stub_engine.faults.fail("/jobs/*/completion", status=429, times=1)

    response = http.post("/jobs/1/completion")

    assert 429 == response.status_code
    assert "RESOURCE_EXHAUSTED" == response.json()["title"]
    assert "/v2/jobs/1/completion" == response.json()["instance"]


def test_fault_only_matches_its_route(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """A fault on one operation leaves the others alone."""
    stub_engine.faults.fail("completeJob", status=503)

    assert 200 == http.get("/topology").status_code
    assert 503 == http.post("/jobs/1/completion").status_code


def test_share_fault_hits_a_fraction() -> None:
    """A share of 0.5 fails about half of the matching requests, repeatably."""
    faults = Faults(seed=7)
    faults.fail("*", status=503, share=0.5)

    outcomes = [
        faults.decide("GET", "/topology", "getTopology").failure is not None
        for _ in range(200)
    ]
    again = Faults(seed=7)
    again.fail("*", status=503, share=0.5)
    repeated = [
        again.decide("GET", "/topology", "getTopology").failure is not None
        for _ in range(200)
    ]

    assert 70 < sum(outcomes) < 130
    assert outcomes == repeated


def test_share_outside_unit_interval_is_refused() -> None:
    """A share above 1 is a programming error."""
    with pytest.raises(ValueError, match="share"):
        Faults().fail(share=1.5)


def test_latency_fault_delays_the_answer(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """A latency fault holds the request at least that long before answering."""
    stub_engine.faults.latency("getStatus", 300, times=1)
    started = time.monotonic()

    response = http.get("/status")
    elapsed = time.monotonic() - started

    assert 204 == response.status_code
    assert elapsed >= 0.3


def test_drop_fault_closes_without_response(
    http: httpx.Client, stub_engine: DevEngine
) -> None:
    """A drop fault closes the connection; the client sees no response at all."""
    stub_engine.faults.drop("getTopology", times=1)

    with pytest.raises(httpx.RemoteProtocolError):
        http.get("/topology")
    after = http.get("/topology")

    assert 200 == after.status_code
    assert 0 == stub_engine.requests_for("getTopology")[0].status


def test_faults_can_be_set_and_cleared_over_http(stub_engine: DevEngine) -> None:
    """POST and DELETE /_devengine/faults add and clear rules."""
    control = f"{stub_engine.base_url}/_devengine/faults"
    added = httpx.post(control, json={"route": "getStatus", "status": 500, "times": 1})
    failed = httpx.get(f"{stub_engine.rest_address}/status")
    httpx.post(control, json={"route": "getStatus", "status": 503})
    listed = httpx.get(control).json()
    cleared = httpx.delete(control)
    ok = httpx.get(f"{stub_engine.rest_address}/status")

    assert 204 == added.status_code
    assert 500 == failed.status_code
    assert "INTERNAL_SERVER_ERROR" == failed.json()["title"]
    assert [503] == [rule["status"] for rule in listed["rules"]]
    assert 204 == cleared.status_code
    assert 204 == ok.status_code


def test_bad_fault_rule_is_400(stub_engine: DevEngine) -> None:
    """A fault rule of an unknown kind is refused."""
    response = httpx.post(
        f"{stub_engine.base_url}/_devengine/faults", json={"kind": "explode"}
    )

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]

"""Job activation long polling against a stub core: wakeups, timeouts, scale."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from camunda_testkit import DevEngine


def test_poll_answers_when_a_job_appears(
    http: httpx.Client, stub_engine: DevEngine, activation
) -> None:
    """A parked poll returns the job as soon as the core announces it."""
    stub = stub_engine.engine
    timer = threading.Timer(0.2, stub.add_job, args=("pay", "11"))  # type: ignore[attr-defined]
    timer.start()
    started = time.monotonic()

    response = http.post("/jobs/activation", json=activation("pay", 8000))
    elapsed = time.monotonic() - started
    timer.join()

    assert 200 == response.status_code
    assert {"jobs": [{"jobKey": "11"}]} == response.json()
    assert elapsed < 8.0


def test_poll_times_out_at_request_timeout(http: httpx.Client, activation) -> None:
    """With no job, the poll answers an empty list once requestTimeout passed."""
    started = time.monotonic()

    response = http.post("/jobs/activation", json=activation("none", 400))
    elapsed = time.monotonic() - started

    assert {"jobs": []} == response.json()
    assert elapsed >= 0.4


def test_zero_request_timeout_uses_server_default(
    http: httpx.Client, activation
) -> None:
    """A requestTimeout of 0 waits the server's long-poll default (300 ms here)."""
    started = time.monotonic()

    response = http.post("/jobs/activation", json=activation("none", 0))
    elapsed = time.monotonic() - started

    assert {"jobs": []} == response.json()
    assert elapsed >= 0.3


def test_negative_request_timeout_does_not_wait(
    http: httpx.Client, stub_engine: DevEngine, activation
) -> None:
    """A negative requestTimeout answers at once and parks nothing."""
    response = http.post("/jobs/activation", json=activation("none", -1))

    assert {"jobs": []} == response.json()
    assert 0 == stub_engine.parked_requests


def test_job_of_other_type_does_not_answer_poll(
    http: httpx.Client, stub_engine: DevEngine, activation
) -> None:
    """A job of another type leaves the parked poll waiting until timeout."""
    timer = threading.Timer(0.1, stub_engine.engine.add_job, args=("b", "1"))  # type: ignore[attr-defined]
    timer.start()

    response = http.post("/jobs/activation", json=activation("a", 500))
    timer.join()

    assert {"jobs": []} == response.json()


def test_available_job_is_returned_without_waiting(
    http: httpx.Client, stub_engine: DevEngine, activation
) -> None:
    """A job that is already there is activated on the first try."""
    stub_engine.engine.add_job("ready", "5")  # type: ignore[attr-defined]

    response = http.post("/jobs/activation", json=activation("ready", 60_000))

    assert {"jobs": [{"jobKey": "5"}]} == response.json()


def test_stop_releases_parked_polls(stub_engine: DevEngine, activation) -> None:
    """Stopping the engine answers parked polls instead of hanging."""
    results: list[int] = []

    def poll() -> None:
        response = httpx.post(
            f"{stub_engine.rest_address}/jobs/activation",
            json=activation("never", 60_000),
            timeout=30,
        )
        results.append(response.status_code)

    worker = threading.Thread(target=poll)
    worker.start()
    deadline = time.monotonic() + 5
    while stub_engine.parked_requests == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    stub_engine.stop()
    worker.join(10)

    assert [200] == results


@pytest.mark.slow
async def test_500_concurrent_long_polls(stub_engine: DevEngine, activation) -> None:
    """500 parked polls all get their job, without a transport error."""
    stub = stub_engine.engine
    # httpx's pool slows down sharply past ~100 connections per client, so the
    # 500 connections are spread over ten clients.
    limits = httpx.Limits(max_connections=50, max_keepalive_connections=50)
    clients = [
        httpx.AsyncClient(base_url=stub_engine.rest_address, limits=limits, timeout=60)
        for _ in range(10)
    ]
    body = {**activation("many", 20_000), "maxJobsToActivate": 1}
    tasks = [
        asyncio.ensure_future(clients[i % 10].post("/jobs/activation", json=body))
        for i in range(500)
    ]
    deadline = time.monotonic() + 30
    while stub_engine.parked_requests < 500 and time.monotonic() < deadline:  # noqa: ASYNC110 - state of another thread
        await asyncio.sleep(0.05)
    parked = stub_engine.parked_requests
    for i in range(500):
        stub.add_job("many", str(i))  # type: ignore[attr-defined]
    responses = await asyncio.gather(*tasks)
    for client in clients:
        await client.aclose()

    keys = sorted(int(j["jobKey"]) for r in responses for j in r.json()["jobs"])

    assert 500 == parked
    assert [200] * 500 == [r.status_code for r in responses]
    assert list(range(500)) == keys


async def test_parked_polls_get_jobs_from_real_instances(api, service_task) -> None:
    """Fifty parked polls each receive one job as fifty instances start."""
    process_id, job_type = service_task()
    body = {
        "type": job_type,
        "timeout": 30_000,
        "maxJobsToActivate": 1,
        "requestTimeout": 20_000,
    }
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(
        base_url=api.engine.rest_address, limits=limits, timeout=60
    ) as client:
        polls = [
            asyncio.ensure_future(client.post("/jobs/activation", json=body))
            for _ in range(50)
        ]
        deadline = time.monotonic() + 20
        while api.engine.parked_requests < 50 and time.monotonic() < deadline:  # noqa: ASYNC110 - state of another thread
            await asyncio.sleep(0.02)
        parked = api.engine.parked_requests
        keys = {await asyncio.to_thread(api.start, process_id) for _ in range(50)}
        responses = await asyncio.gather(*polls)

    jobs = [job for r in responses for job in r.json()["jobs"]]

    assert 50 == parked
    assert 50 == len(jobs)
    assert keys == {job["processInstanceKey"] for job in jobs}

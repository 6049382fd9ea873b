"""Each handler outcome, under each strategy, reaches the engine as the right request."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
import worker_test_handlers as handlers
from camunda_worker import JobContext, JobError, JobFailure, WorkerConfig
from conftest import Scenario, eventually, service_task_process


async def _run_one(
    scenario: Scenario, handler: Any, strategy: Any, amount: int = 21
) -> str:
    job_type = scenario.name("job")
    process_id = scenario.name("proc")
    await scenario.deploy(service_task_process(process_id, [job_type]))
    await scenario.start(process_id, {"amount": amount})
    config = WorkerConfig(
        job_type, job_timeout_milliseconds=30_000, execution_strategy=strategy
    )
    worker = scenario.client.create_job_worker(config, handler)
    try:
        await eventually(
            lambda: (
                worker.stats.completed + worker.stats.failed + worker.stats.errored >= 1
            )
        )
    finally:
        await worker.aclose()
    return job_type


def sync_double(job: JobContext) -> dict[str, Any]:
    return {"doubled": job.variables["amount"] * 2}


async def async_double(job: JobContext) -> dict[str, Any]:
    await asyncio.sleep(0)
    return {"doubled": job.variables["amount"] * 2}


@pytest.mark.parametrize(
    ("strategy", "handler"),
    [
        ("async", async_double),
        ("thread", sync_double),
        ("process", handlers.double_amount),
    ],
)
async def test_returned_dict_completes_the_job(
    scenario: Scenario, strategy: str, handler: Any
) -> None:
    """A returned dict is sent as the completion's variables."""
    await _run_one(scenario, handler, strategy)

    bodies = scenario.bodies("completeJob")
    assert 1 == len(bodies)
    assert 42 == bodies[0]["variables"]["doubled"]


async def async_declined(job: JobContext) -> None:
    raise JobError("DECLINED", "card declined", {"reason": "limit"})


def sync_declined(job: JobContext) -> None:
    raise JobError("DECLINED", "card declined", {"reason": "limit"})


@pytest.mark.parametrize(
    ("strategy", "handler"),
    [
        ("async", async_declined),
        ("thread", sync_declined),
        ("process", handlers.throw_declined),
    ],
)
async def test_job_error_throws_a_bpmn_error(
    scenario: Scenario, strategy: str, handler: Any
) -> None:
    """JobError sends errorCode, errorMessage and variables to the error endpoint."""
    await _run_one(scenario, handler, strategy)

    expected = {
        "errorCode": "DECLINED",
        "errorMessage": "card declined",
        "variables": {"reason": "limit"},
    }
    assert [expected] == scenario.bodies("throwJobError")


async def async_busy(job: JobContext) -> None:
    raise JobFailure("busy", retries=7, retry_back_off=1500)


def sync_busy(job: JobContext) -> None:
    raise JobFailure("busy", retries=7, retry_back_off=1500)


@pytest.mark.parametrize(
    ("strategy", "handler"),
    [("async", async_busy), ("thread", sync_busy), ("process", handlers.fail_busy)],
)
async def test_job_failure_fails_with_its_retries(
    scenario: Scenario, strategy: str, handler: Any
) -> None:
    """JobFailure sends its retries and backoff."""
    await _run_one(scenario, handler, strategy)

    expected = {"retries": 7, "errorMessage": "busy", "retryBackOff": 1500}
    assert expected == scenario.bodies("failJob")[0]


async def async_crash(job: JobContext) -> None:
    raise ValueError("bad input " + str(job.variables["amount"]))


def sync_crash(job: JobContext) -> None:
    raise ValueError("bad input " + str(job.variables["amount"]))


@pytest.mark.parametrize(
    ("strategy", "handler"),
    [("async", async_crash), ("thread", sync_crash), ("process", handlers.crash)],
)
async def test_other_exception_fails_with_retries_minus_one(
    scenario: Scenario, strategy: str, handler: Any
) -> None:
    """Any other exception fails the job with retries - 1 and 'Type: message'."""
    await _run_one(scenario, handler, strategy)

    expected = {
        "retries": 2,
        "errorMessage": "ValueError: bad input 21",
        "retryBackOff": 0,
    }
    assert expected == scenario.bodies("failJob")[0]


async def test_unserialisable_result_fails_at_once(scenario: Scenario) -> None:
    """A result that is not JSON fails the job instead of completing it."""

    async def handler(job: JobContext) -> dict[str, Any]:
        return {"when": object()}

    await _run_one(scenario, handler, "async")

    assert [] == scenario.bodies("completeJob")
    expected = {
        "retries": 2,
        "errorMessage": "the handler's result is not JSON-serialisable: "
        "Object of type object is not JSON serializable",
        "retryBackOff": 0,
    }
    assert expected == scenario.bodies("failJob")[0]


async def test_dead_process_fails_the_job_and_pool_recovers(scenario: Scenario) -> None:
    """A handler process that dies fails its job; the next job gets a new pool."""
    job_type = scenario.name("dies")
    process_id = scenario.name("proc")
    await scenario.deploy(service_task_process(process_id, [job_type]))
    await scenario.start(process_id, {"amount": 1})
    config = WorkerConfig(
        job_type, job_timeout_milliseconds=30_000, execution_strategy="process"
    )
    worker = scenario.client.create_job_worker(config, handlers.die)
    try:
        await eventually(lambda: worker.stats.failed == 1, timeout=30)
    finally:
        await worker.aclose()

    body = scenario.bodies("failJob")[0]
    assert (2, 0) == (body["retries"], body["retryBackOff"])
    assert body["errorMessage"].startswith(
        "WorkerProcessDiedError: the process running the handler died"
    )


async def test_thread_handler_client_carries_the_same_setup(scenario: Scenario) -> None:
    """A thread-strategy handler can call the API through job.client."""
    seen: list[str] = []

    def handler(job: JobContext) -> None:
        topology = job.client.get_topology()
        seen.append(str(topology.cluster_size))

    await _run_one(scenario, handler, "thread")

    assert ["1"] == seen


async def test_async_handler_client_is_the_async_client(scenario: Scenario) -> None:
    """An async handler gets the worker's own async client as job.client."""
    seen: list[object] = []

    async def handler(job: JobContext) -> None:
        seen.append(job.client)

    await _run_one(scenario, handler, "async")

    assert [scenario.client] == seen


async def test_activation_request_has_the_configured_fields(scenario: Scenario) -> None:
    """The activation body carries type, capacity, timeout, worker, long poll and variables."""
    job_type = scenario.name("fields")
    config = WorkerConfig(
        job_type,
        job_timeout_milliseconds=12_345,
        request_timeout_milliseconds=200,
        max_concurrent_jobs=4,
        fetch_variables=["amount"],
        worker_name="billing-1",
    )

    async def handler(job: JobContext) -> None:
        return None

    worker = scenario.client.create_job_worker(config, handler)
    await eventually(lambda: len(scenario.bodies("activateJobs")) >= 1)
    started = time.monotonic()
    await worker.aclose()

    assert time.monotonic() - started < 2.0
    assert {
        "type": job_type,
        "maxJobsToActivate": 4,
        "timeout": 12_345,
        "worker": "billing-1",
        "requestTimeout": 200,
        "fetchVariable": ["amount"],
    } == scenario.bodies("activateJobs")[0]

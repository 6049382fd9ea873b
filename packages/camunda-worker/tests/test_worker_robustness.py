"""Handlers that misbehave, and stops from awkward places, never lose a job."""

from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace
from typing import Any

import pydantic
import pytest
import worker_test_handlers as handlers
from camunda_auth import NullAuthProvider
from camunda_worker import JobContext, JobError, JobFailure, JobWorker, WorkerConfig
from camunda_worker._outcome import Ack, fallback_for, for_exception, for_result
from conftest import Scenario, eventually, service_task_process


def _config(job_type: str, **overrides: Any) -> WorkerConfig:
    return WorkerConfig(job_type, job_timeout_milliseconds=30_000, **overrides)


async def _first_failure(
    scenario: Scenario, handler: Any, strategy: str = "async"
) -> dict[str, Any]:
    job_type = scenario.name("odd")
    process_id = scenario.name("proc")
    await scenario.deploy(service_task_process(process_id, [job_type]))
    await scenario.start(process_id, {"amount": 1})
    worker = scenario.client.create_job_worker(
        _config(job_type, execution_strategy=strategy), handler
    )
    try:
        await eventually(lambda: worker.stats.failed >= 1)
    finally:
        await worker.aclose()
    return scenario.bodies("failJob")[0]


async def test_system_exit_in_a_thread_handler_fails_the_job(
    scenario: Scenario,
) -> None:
    """SystemExit in a pool thread fails the job; the worker's loop lives on."""

    def handler(job: JobContext) -> None:
        raise SystemExit(2)

    body = await _first_failure(scenario, handler, "thread")

    assert {
        "retries": 2,
        "errorMessage": "HandlerExitError: SystemExit: 2",
        "retryBackOff": 0,
    } == body


async def test_system_exit_in_a_process_handler_fails_the_job(
    scenario: Scenario,
) -> None:
    """SystemExit in a handler process fails the job, like any exception."""
    body = await _first_failure(scenario, handlers.exit_now, "process")

    assert "HandlerExitError: SystemExit: 3" == body["errorMessage"]


async def test_system_exit_in_an_async_handler_fails_the_job(
    scenario: Scenario,
) -> None:
    """SystemExit raised by a coroutine handler fails the job and spares the loop."""

    async def handler(job: JobContext) -> None:
        raise SystemExit(4)

    body = await _first_failure(scenario, handler)

    assert "SystemExit: 4" == body["errorMessage"]


async def test_handlers_own_cancellation_fails_the_job(scenario: Scenario) -> None:
    """A CancelledError the handler raises itself (no stop) fails the job."""

    async def handler(job: JobContext) -> None:
        raise asyncio.CancelledError

    body = await _first_failure(scenario, handler)

    assert "CancelledError" == body["errorMessage"]


async def test_empty_bpmn_error_code_fails_the_job(scenario: Scenario) -> None:
    """JobError('') would be refused by the engine; the job fails saying why."""

    async def handler(job: JobContext) -> None:
        raise JobError("")

    body = await _first_failure(scenario, handler)

    assert "JobError needs a non-empty error_code, got ''" == body["errorMessage"]
    assert [] == scenario.bodies("throwJobError")


async def test_stop_inside_a_thread_handler_returns_at_once(scenario: Scenario) -> None:
    """stop() called from a handler thread starts the drain without waiting for itself."""
    job_type = scenario.name("selfstop")
    process_id = scenario.name("proc")
    await scenario.deploy(service_task_process(process_id, [job_type]))
    await scenario.start(process_id)
    took: list[float] = []
    holder: dict[str, JobWorker] = {}

    def handler(job: JobContext) -> dict[str, bool]:
        began = time.monotonic()
        holder["worker"].stop()
        took.append(time.monotonic() - began)
        return {"stopped": True}

    config = _config(job_type, execution_strategy="thread", shutdown_grace_seconds=5)
    holder["worker"] = worker = scenario.client.create_job_worker(config, handler)
    await eventually(lambda: len(took) == 1)
    await eventually(lambda: not worker.running)

    assert took[0] < 0.5
    assert (1, 0) == (worker.stats.completed, worker.stats.ack_abandoned)


def test_start_raises_what_broke_the_start_up() -> None:
    """A worker that cannot set up fails start() instead of hanging it."""
    broken_client = SimpleNamespace(
        configuration=None, auth_provider=NullAuthProvider(), logger=None
    )
    worker = JobWorker(
        broken_client, lambda job: None, _config("x", execution_strategy="thread")
    )

    with pytest.raises(AttributeError, match="httpx_kwargs"):
        worker.start()
    assert not worker.running


def test_stop_drives_a_loop_that_stopped_running(engine: Any) -> None:
    """A worker started inside run_until_complete can still be stopped afterwards."""
    from camunda_worker import CamundaAsyncClient

    loop = asyncio.new_event_loop()
    client = CamundaAsyncClient(engine.client_configuration())
    worker = JobWorker(client, lambda job: None, _config("idle-loop"))

    async def begin() -> None:
        worker.start()
        await asyncio.sleep(0.2)

    loop.run_until_complete(begin())
    began = time.monotonic()
    worker.stop()
    loop.run_until_complete(client.aclose())
    loop.close()

    assert time.monotonic() - began < 2.0
    assert not worker.running


class Model(pydantic.BaseModel):
    lock: Any


@pytest.mark.parametrize(
    ("result", "start"),
    [
        (Model, "the handler's result could not be sent: TypeError"),
        (
            {
                "v": [[]] * 1
                + [__import__("functools").reduce(lambda a, _: [a], range(5000), [])]
            },
            "the handler's result is not JSON-serialisable",
        ),
        (
            Model(lock=threading.Lock()),
            "the handler's result could not be sent: PydanticSerializationError",
        ),
    ],
)
def test_broken_results_become_failures(result: Any, start: str) -> None:
    """Results that break while being turned into variables fail the job."""
    ack = for_result(result, retries=3)

    assert ("fail", 2) == (ack.kind, ack.body["retries"])
    assert ack.body["errorMessage"].startswith(start)


def _as_any(value: Any) -> Any:
    return value


class UnprintableError(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no")


def test_exceptions_that_cannot_be_printed_still_fail() -> None:
    """An exception whose __str__ raises is still described."""
    ack = for_exception(UnprintableError(), retries=1)

    assert (
        "UnprintableError: <the exception's message could not be read>"
        == ack.body["errorMessage"]
    )


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (
            JobFailure("x", retries=_as_any("2")),
            "JobFailure.retries must be an integer >= 0, got '2'",
        ),  # type: ignore[arg-type]
        (
            JobFailure("x", retry_back_off=-1),
            "JobFailure.retry_back_off must be an integer >= 0, got -1",
        ),
    ],
)
def test_job_failure_with_bad_fields_fails_plainly(
    failure: JobFailure, message: str
) -> None:
    """A JobFailure the API would refuse fails the job with the reason."""
    assert Ack(
        "fail", {"retries": 4, "errorMessage": message, "retryBackOff": 0}
    ) == for_exception(failure, 5)


def test_non_string_failure_message_is_sent_as_text() -> None:
    """JobFailure(123) sends '123' rather than crashing."""
    assert "123" == for_exception(JobFailure(123), 2).body["errorMessage"]  # type: ignore[arg-type]


def test_fallbacks_after_a_refusal() -> None:
    """Refused completions and errors become failures; failures lose their variables once."""
    complete = Ack("complete", {"variables": {"a": 1}})
    error = Ack("error", {"errorCode": "E", "errorMessage": ""})
    fail = Ack(
        "fail",
        {"retries": 1, "errorMessage": "m", "retryBackOff": 0, "variables": {"b": 2}},
    )

    assert Ack(
        "fail",
        {
            "retries": 2,
            "errorMessage": "the completion was refused: HTTP 400: bad",
            "retryBackOff": 0,
        },
    ) == fallback_for(complete, 3, "HTTP 400: bad")
    refused_error = fallback_for(error, 3, "nope")
    assert refused_error is not None
    assert "the BPMN error was refused: nope" == refused_error.body["errorMessage"]
    assert Ack(
        "fail", {"retries": 1, "errorMessage": "m", "retryBackOff": 0}
    ) == fallback_for(fail, 3, "x")
    assert fallback_for(Ack("fail", {"retries": 1}), 3, "x") is None

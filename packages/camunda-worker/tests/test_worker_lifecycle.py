"""Polling, capacity, draining, faults and counters of a running worker."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from typing import Any

import pytest
from camunda_worker import (
    CamundaAsyncClient,
    JobContext,
    JobError,
    JobWorker,
    WorkerConfig,
)
from conftest import Scenario, error_boundary_process, eventually, service_task_process


def _config(job_type: str, **overrides: Any) -> WorkerConfig:
    return WorkerConfig(job_type, job_timeout_milliseconds=30_000, **overrides)


async def _deploy_and_start(
    scenario: Scenario, job_types: list[str], count: int, retries: int = 3
) -> str:
    process_id = scenario.name("proc")
    await scenario.deploy(service_task_process(process_id, job_types, retries))
    for index in range(count):
        await scenario.start(process_id, {"n": index})
    return process_id


async def test_activation_never_asks_beyond_free_capacity(scenario: Scenario) -> None:
    """With 3 slots and slow handlers, no activation asks for more than is free."""
    job_type = scenario.name("cap")
    await _deploy_and_start(scenario, [job_type], 7)
    running = 0
    peak = 0

    async def handler(job: JobContext) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.05)
        running -= 1

    worker = scenario.client.create_job_worker(
        _config(job_type, max_concurrent_jobs=3), handler
    )
    await eventually(lambda: worker.stats.completed == 7)
    await worker.aclose()

    asked = [body["maxJobsToActivate"] for body in scenario.bodies("activateJobs")]
    assert 3 == peak
    assert 3 == asked[0]
    assert all(1 <= n <= 3 for n in asked)


async def test_stop_drains_in_flight_jobs_without_loss(scenario: Scenario) -> None:
    """Stopping mid-run lets every job in flight complete exactly once."""
    job_type = scenario.name("drain")
    await _deploy_and_start(scenario, [job_type], 5)
    started = asyncio.Event()

    async def handler(job: JobContext) -> dict[str, int]:
        started.set()
        await asyncio.sleep(0.3)
        return {"done": 1}

    worker = scenario.client.create_job_worker(
        _config(job_type, max_concurrent_jobs=5), handler
    )
    await eventually(lambda: worker.stats.in_flight == 5)
    await worker.aclose()

    keys = scenario.paths("completeJob")
    assert 5 == len(keys)
    assert 5 == len(set(keys))
    assert (5, 0, 0) == (
        worker.stats.completed,
        worker.stats.in_flight,
        worker.stats.ack_abandoned,
    )


async def test_grace_period_cancels_stragglers(scenario: Scenario) -> None:
    """Jobs still running after the grace period are cancelled, not acknowledged."""
    job_type = scenario.name("slow")
    await _deploy_and_start(scenario, [job_type], 1)

    async def handler(job: JobContext) -> None:
        await asyncio.sleep(30)

    worker = scenario.client.create_job_worker(
        _config(job_type, shutdown_grace_seconds=0.2), handler
    )
    await eventually(lambda: worker.stats.in_flight == 1)
    began = time.monotonic()
    await worker.aclose()

    assert time.monotonic() - began < 2.0
    assert [] == scenario.bodies("completeJob")
    assert (0, 1) == (worker.stats.in_flight, worker.stats.ack_abandoned)


async def test_stop_is_idempotent_and_quick_when_idle(scenario: Scenario) -> None:
    """An idle worker stops within 2 s (mid long poll), and stopping again is harmless."""

    async def handler(job: JobContext) -> None:
        return None

    config = _config(scenario.name("idle"), request_timeout_milliseconds=10_000)
    worker = scenario.client.create_job_worker(config, handler)
    await eventually(lambda: scenario.engine.parked_requests == 1)
    began = time.monotonic()
    worker.stop()
    await worker.aclose()
    await worker.aclose()
    worker.stop()

    assert time.monotonic() - began < 2.0
    assert not worker.running


async def test_failures_use_up_retries_then_raise_an_incident(
    scenario: Scenario,
) -> None:
    """A handler failing every time exhausts retries; the engine raises an incident."""
    job_type = scenario.name("flaky")
    await _deploy_and_start(scenario, [job_type], 1, retries=3)

    async def handler(job: JobContext) -> None:
        raise RuntimeError("downstream down")

    worker = scenario.client.create_job_worker(_config(job_type), handler)
    await eventually(lambda: worker.stats.failed == 3)
    await worker.aclose()

    assert [2, 1, 0] == [body["retries"] for body in scenario.bodies("failJob")]
    incidents = await scenario.client.search_incidents(
        data={"filter": {"errorType": "JOB_NO_RETRIES"}}
    )
    assert ["RuntimeError: downstream down"] == [
        item.error_message for item in incidents.items
    ]


async def test_bpmn_error_is_caught_by_the_boundary_event(scenario: Scenario) -> None:
    """A JobError is caught by the error boundary event and the other path runs."""
    charge = scenario.name("charge")
    handle = scenario.name("handle")
    process_id = scenario.name("proc")
    await scenario.deploy(error_boundary_process(process_id, charge, handle))
    await scenario.start(process_id)
    handled: list[str] = []

    async def charge_card(job: JobContext) -> None:
        raise JobError("DECLINED", "no funds")

    async def handle_declined(job: JobContext) -> None:
        handled.append(job.element_id or "")

    first = scenario.client.create_job_worker(_config(charge), charge_card)
    second = scenario.client.create_job_worker(_config(handle), handle_declined)
    await eventually(lambda: handled == ["handle"])
    await asyncio.gather(first.aclose(), second.aclose())

    assert (1, 1) == (first.stats.errored, second.stats.completed)


async def test_three_job_types_over_200_instances(scenario: Scenario) -> None:
    """200 instances through three job types: every job completed exactly once."""
    types = [scenario.name("a"), scenario.name("b"), scenario.name("c")]
    await _deploy_and_start(scenario, types, 200)

    async def handler(job: JobContext) -> dict[str, str]:
        return {job.type_: "done"}

    workers = [
        scenario.client.create_job_worker(_config(t, max_concurrent_jobs=16), handler)
        for t in types
    ]
    await eventually(lambda: sum(w.stats.completed for w in workers) == 600, timeout=60)
    await asyncio.gather(*(w.aclose() for w in workers))

    completions = Counter(scenario.paths("completeJob"))
    assert 600 == len(completions)
    assert {1} == set(completions.values())
    assert [200, 200, 200] == [w.stats.completed for w in workers]


async def test_transient_faults_lose_no_job(scenario: Scenario) -> None:
    """503s on completion and dropped activations: every job completes exactly once."""
    job_type = scenario.name("faulty")
    await _deploy_and_start(scenario, [job_type], 40)
    scenario.engine.faults.fail("completeJob", status=503, share=0.3)
    scenario.engine.faults.fail("activateJobs", status=500, times=2)
    scenario.engine.faults.drop("activateJobs", times=2)

    async def handler(job: JobContext) -> dict[str, int]:
        return {"n2": job.variables["n"] * 2}

    worker = scenario.client.create_job_worker(
        _config(job_type, max_concurrent_jobs=8), handler
    )
    await eventually(lambda: worker.stats.completed == 40, timeout=60)
    await worker.aclose()

    succeeded = [
        r.path for r in scenario.engine.requests_for("completeJob") if r.status == 204
    ]
    assert 40 == len(succeeded)
    assert 40 == len(set(succeeded))
    assert worker.stats.poll_errors >= 2


async def test_stale_acknowledgement_is_dropped_once(scenario: Scenario) -> None:
    """A completion the engine refuses with 404 is counted and not retried."""
    job_type = scenario.name("gone")
    await _deploy_and_start(scenario, [job_type], 1)
    scenario.engine.faults.fail("completeJob", status=404, title="NOT_FOUND", times=1)

    async def handler(job: JobContext) -> None:
        return None

    worker = scenario.client.create_job_worker(_config(job_type), handler)
    await eventually(lambda: worker.stats.ack_rejected == 1)
    await worker.aclose()

    assert 1 == len(scenario.bodies("completeJob"))
    assert 0 == worker.stats.completed


def test_plain_script_runs_the_worker_on_its_own_loop(engine: Any) -> None:
    """start() without a running loop runs the worker in a background thread."""
    import asyncio as aio

    job_type = f"script-{threading.get_ident()}"

    async def prepare() -> None:
        async with CamundaAsyncClient(engine.client_configuration()) as setup:
            import tempfile
            from pathlib import Path

            path = Path(tempfile.mkdtemp()) / "p.bpmn"
            path.write_text(
                service_task_process("script_proc", [job_type]), encoding="utf-8"
            )
            await setup.deploy_resources_from_files([path])
            for _ in range(3):
                await setup.create_process_instance(
                    data={"processDefinitionId": "script_proc"}
                )

    aio.run(prepare())
    client = CamundaAsyncClient(engine.client_configuration())
    done = threading.Event()
    seen: list[int] = []

    def handler(job: JobContext) -> None:
        seen.append(1)
        if len(seen) == 3:
            done.set()

    with JobWorker(client, handler, _config(job_type)) as worker:
        assert done.wait(10)
    client.close()

    assert (3, False) == (worker.stats.completed, worker.running)


async def test_run_workers_stops_everything_when_cancelled(scenario: Scenario) -> None:
    """run_workers() runs until cancelled, then drains and stops every worker."""
    job_type = scenario.name("rw")
    await _deploy_and_start(scenario, [job_type], 3)

    async def handler(job: JobContext) -> None:
        return None

    worker = scenario.client.create_job_worker(
        _config(job_type), handler, auto_start=False
    )
    runner = asyncio.ensure_future(scenario.client.run_workers())
    await eventually(lambda: worker.stats.completed == 3)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner

    assert not worker.running


async def test_token_endpoint_down_then_up_loses_no_job(tmp_path: Any) -> None:
    """With the OAuth token endpoint failing at first, polling backs off and every job completes once."""
    from camunda_testkit import DevEngine

    with DevEngine(auth="oauth") as engine:
        engine.faults.fail("oauthToken", status=503, times=6)
        configuration = {
            **engine.client_configuration(),
            "CAMUNDA_TOKEN_CACHE_DIR": str(tmp_path / "tokens"),
        }
        async with CamundaAsyncClient(configuration) as client:
            scenario = Scenario(engine, client, tmp_path)
            job_type = scenario.name("token")
            engine.faults.clear()  # deployment and instances first, with a token
            await _deploy_and_start(scenario, [job_type], 10)
            await client.auth_provider.ainvalidate()  # type: ignore[union-attr]
            outage = engine.faults.fail("oauthToken", status=503, times=6)

            async def handler(job: JobContext) -> None:
                return None

            worker = client.create_job_worker(_config(job_type), handler)
            await eventually(lambda: worker.stats.completed == 10, timeout=30)
            await worker.aclose()

        completions = [
            r.path for r in engine.requests_for("completeJob") if r.status == 204
        ]
        assert 10 == len(set(completions)) == len(completions)
        assert 6 == outage.hits
        assert worker.stats.poll_errors >= 1

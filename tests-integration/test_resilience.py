"""Worker and client riding out overload answers and dropped connections.

Faults come from the dev engine's fault injection (never from loading a real
cluster), on an engine of the test's own so no other test sees them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from camunda_client import instant_retries
from camunda_testkit import DevEngine
from camunda_testkit.contract import SpecContract
from camunda_worker import CamundaAsyncClient, JobContext

if TYPE_CHECKING:
    from conftest import ContractRecorder, Scenario, Target

pytestmark = pytest.mark.devengine_only

JOBS = 12


@pytest.fixture
def faulty_engine() -> Iterator[DevEngine]:
    """A dev engine of this test's own, whose faults no other test sees."""
    spec = SpecContract.default_path()
    with DevEngine(
        read_lag_ms=300, partitions=3, spec_path=None if spec is None else str(spec)
    ) as engine:
        yield engine


@pytest.fixture
async def faulty(
    faulty_engine: DevEngine,
    camunda_target: Target,
    contract: ContractRecorder,
    scenario_for: Callable[[Target, CamundaAsyncClient], Scenario],
) -> AsyncIterator[Scenario]:
    """A scenario on the faulty engine, with retries that do not sleep."""
    target = camunda_target.for_engine(faulty_engine)
    sdk = CamundaAsyncClient(
        target.settings(), event_hooks={"request": [contract.ahook]}
    )
    try:
        with instant_retries():
            yield scenario_for(target, sdk)
    finally:
        await sdk.aclose()


async def _jobs_waiting(scenario: Scenario, count: int) -> tuple[str, list[str]]:
    job_type = scenario.name("resilient")
    process_id = scenario.name("resilient-process")
    await scenario.deploy(
        {"r.bpmn": scenario.service_tasks_bpmn(process_id, [job_type])}
    )
    keys = [await scenario.start(process_id, {"n": n}) for n in range(count)]
    return job_type, keys


async def test_worker_completes_every_job_through_overload_answers(
    faulty: Scenario, faulty_engine: DevEngine
) -> None:
    """503s on completion and 429s on activation are retried; no job is lost or doubled."""
    job_type, keys = await _jobs_waiting(faulty, JOBS)
    completions = faulty_engine.faults.fail("completeJob", status=503, times=3)
    activations = faulty_engine.faults.fail("activateJobs", status=429, times=2)
    handled: list[str] = []

    async def handler(job: JobContext) -> dict[str, int]:
        handled.append(job.job_key)
        return {"ok": 1}

    worker = faulty.worker(job_type, handler, max_concurrent_jobs=4)
    await faulty.until(lambda: worker.stats.completed == JOBS)
    await worker.aclose()
    last = await faulty.instance_in_state(keys[-1], "COMPLETED")

    assert (3, 2) == (completions.hits, activations.hits)
    assert JOBS == len(set(handled)) == len(handled)
    assert JOBS + 3 == len(faulty_engine.requests_for("completeJob"))
    assert (JOBS, 0, 0) == (
        worker.stats.completed,
        worker.stats.ack_abandoned,
        worker.stats.failed,
    )
    assert "COMPLETED" == last.state


async def test_worker_polls_again_after_a_dropped_activation(
    faulty: Scenario, faulty_engine: DevEngine
) -> None:
    """A connection dropped mid-activation counts as one poll error, then work goes on."""
    job_type, keys = await _jobs_waiting(faulty, 3)
    dropped = faulty_engine.faults.drop("activateJobs", times=1)

    async def handler(job: JobContext) -> None:
        return None

    worker = faulty.worker(job_type, handler)
    await faulty.until(lambda: worker.stats.completed == 3)
    await worker.aclose()
    last = await faulty.instance_in_state(keys[-1], "COMPLETED")

    assert 1 == dropped.hits
    assert (1, 3) == (worker.stats.poll_errors, worker.stats.completed)
    assert "COMPLETED" == last.state

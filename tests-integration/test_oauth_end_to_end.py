"""Auth end to end: an SDK configured only by CAMUNDA_* variables (OAuth, Basic)."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from camunda_client.errors import UnauthorizedError
from camunda_testkit import DevEngine
from camunda_testkit.contract import SpecContract
from camunda_worker import CamundaAsyncClient, JobContext

if TYPE_CHECKING:
    from conftest import ContractRecorder, Scenario, Target

pytestmark = pytest.mark.devengine_only

JOBS = 50
GATEWAY_VERSION = "8.10.7"


@pytest.fixture
def oauth_engine() -> Iterator[DevEngine]:
    """A dev engine that requires OAuth bearer tokens from its token endpoint."""
    spec = SpecContract.default_path()
    with DevEngine(
        auth="oauth",
        read_lag_ms=300,
        gateway_version=GATEWAY_VERSION,
        spec_path=None if spec is None else str(spec),
    ) as engine:
        yield engine


@pytest.fixture
def oauth_environment(
    oauth_engine: DevEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the SDK at the engine through the environment alone; returns the cache dir."""
    cache_dir = tmp_path / "token-cache"
    for name, value in oauth_engine.client_configuration().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CAMUNDA_TOKEN_CACHE_DIR", str(cache_dir))
    return cache_dir


async def test_worker_runs_50_jobs_on_one_cached_token(
    oauth_engine: DevEngine,
    oauth_environment: Path,
    camunda_target: Target,
    contract: ContractRecorder,
    scenario_for: Callable[[Target, CamundaAsyncClient], Scenario],
) -> None:
    """50 jobs through deploy, create, activate and complete cost one token request."""
    target = camunda_target.for_engine(oauth_engine)
    # Not "async with": its __aenter__ is typed as the base client class.
    sdk = CamundaAsyncClient(event_hooks={"request": [contract.ahook]})
    try:
        scenario = scenario_for(target, sdk)
        job_type = scenario.name("oauth-job")
        process_id = scenario.name("oauth-process")
        await scenario.deploy(
            {"oauth.bpmn": scenario.service_tasks_bpmn(process_id, [job_type])}
        )
        keys = [await scenario.start(process_id, {"n": n}) for n in range(JOBS)]
        done: list[str] = []

        async def handler(job: JobContext) -> dict[str, int]:
            done.append(job.job_key)
            return {"handled": 1}

        worker = scenario.worker(job_type, handler, max_concurrent_jobs=8)
        await scenario.until(lambda: worker.stats.completed == JOBS, 60)
        await worker.aclose()
        finished = await scenario.instance_in_state(keys[-1], "COMPLETED")
    finally:
        await sdk.aclose()

    secret = oauth_engine.client_configuration()["CAMUNDA_CLIENT_SECRET"]
    files, file_mode, dir_mode, leaked = _cache_facts(oauth_environment, secret)

    assert JOBS == len(set(done))
    assert "COMPLETED" == finished.state
    assert 1 == oauth_engine.token_requests
    assert 1 == files
    assert (0o600, 0o700) == (file_mode, dir_mode)
    assert False is leaked


async def test_thread_handlers_share_the_workers_token(
    oauth_engine: DevEngine,
    oauth_environment: Path,
    camunda_target: Target,
    contract: ContractRecorder,
    scenario_for: Callable[[Target, CamundaAsyncClient], Scenario],
) -> None:
    """Blocking handlers calling the API through job.client need no second token."""
    sdk = CamundaAsyncClient(event_hooks={"request": [contract.ahook]})
    try:
        scenario = scenario_for(camunda_target.for_engine(oauth_engine), sdk)
        job_type = scenario.name("thread-job")
        process_id = scenario.name("thread-process")
        await scenario.deploy(
            {"thread.bpmn": scenario.service_tasks_bpmn(process_id, [job_type])}
        )
        keys = [await scenario.start(process_id) for _ in range(5)]
        versions: list[str] = []

        def handler(job: JobContext) -> dict[str, str]:
            versions.append(job.client.get_topology().gateway_version)
            return {"seen": job.job_key}

        worker = scenario.worker(job_type, handler, max_concurrent_jobs=5)
        await scenario.until(lambda: worker.stats.completed == 5, 60)
        strategy = worker.execution_strategy
        finished = await scenario.instance_in_state(keys[-1], "COMPLETED")
    finally:
        await sdk.aclose()

    assert "thread" == strategy
    assert [GATEWAY_VERSION] * 5 == versions
    assert "COMPLETED" == finished.state
    assert 1 == oauth_engine.token_requests


def _cache_facts(cache_dir: Path, secret: str) -> tuple[int, int, int, bool]:
    """Token files, mode of the first, mode of the dir, whether the secret is in it."""
    found = sorted(cache_dir.glob("*.json"))
    first = found[0]
    return (
        len(found),
        stat.S_IMODE(first.stat().st_mode),
        stat.S_IMODE(cache_dir.stat().st_mode),
        secret in first.read_text(encoding="utf-8"),
    )


async def test_basic_auth_from_environment(
    monkeypatch: pytest.MonkeyPatch,
    camunda_target: Target,
    contract: ContractRecorder,
    scenario_for: Callable[[Target, CamundaAsyncClient], Scenario],
) -> None:
    """Basic credentials from CAMUNDA_* variables run a job; a wrong password gets 401."""
    with DevEngine(auth="basic", basic_credentials=("demo", "s3cret")) as engine:
        for name, value in engine.client_configuration().items():
            monkeypatch.setenv(name, value)
        sdk = CamundaAsyncClient(event_hooks={"request": [contract.ahook]})
        try:
            scenario = scenario_for(camunda_target.for_engine(engine), sdk)
            job_type = scenario.name("basic-job")
            process_id = scenario.name("basic-process")
            await scenario.deploy(
                {"basic.bpmn": scenario.service_tasks_bpmn(process_id, [job_type])}
            )
            key = await scenario.start(process_id)
            worker = scenario.worker(job_type, _complete)
            finished = await scenario.instance_in_state(key, "COMPLETED")
            await worker.aclose()
        finally:
            await sdk.aclose()

        monkeypatch.setenv("CAMUNDA_BASIC_AUTH_PASSWORD", "wrong")
        refused = CamundaAsyncClient()
        try:
            with pytest.raises(UnauthorizedError) as raised:
                await refused.get_topology()
        finally:
            await refused.aclose()

    assert "COMPLETED" == finished.state
    assert 401 == raised.value.status_code
    assert "s3cret" not in str(raised.value)


async def _complete(job: JobContext) -> None:
    return None

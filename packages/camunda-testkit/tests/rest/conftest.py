"""Fixtures of the REST tests: a stub core for plumbing, real engines for the rest."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from camunda_testkit import DevEngine, Engine
from camunda_testkit._core import EngineError, EngineEvent, JobsAvailable


class StubEngine(Engine):
    """A tiny stand-in core that lets HTTP plumbing tests control jobs exactly."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[str, list[dict[str, Any]]] = {}
        self.completed: list[tuple[str, Any]] = []
        self.listeners: list[Callable[[EngineEvent], None]] = []
        self.guard = threading.Lock()

    def subscribe(self, callback: Callable[[EngineEvent], None]) -> Callable[[], None]:
        self.listeners.append(callback)
        return lambda: self.listeners.remove(callback)

    def tick(self) -> int | None:
        return None

    def reset(self) -> None:
        with self.guard:
            self.jobs.clear()

    def advance_clock(self, ms: int) -> int | None:
        self.clock.advance(ms)
        return None

    def add_job(self, job_type: str, job_key: str) -> None:
        with self.guard:
            self.jobs.setdefault(job_type, []).append({"jobKey": job_key})
        for listener in list(self.listeners):
            listener(JobsAvailable(job_type))

    def get_topology(self) -> dict[str, Any]:
        return {"clusterId": "stub"}

    def get_status(self) -> None:
        return None

    def get_license(self) -> dict[str, Any]:
        raise NotImplementedError("the stub has no license")

    def activate_jobs(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.guard:
            queue = self.jobs.get(body["type"], [])
            taken = queue[: body["maxJobsToActivate"]]
            del queue[: len(taken)]
        return {"jobs": taken}

    def complete_job(self, key: str, body: dict[str, Any] | None = None) -> None:
        if key == "404":
            raise EngineError(404, "NOT_FOUND", f"no job {key}")
        self.completed.append((key, body))


@pytest.fixture
def stub() -> StubEngine:
    """A fresh stub core."""
    return StubEngine()


@pytest.fixture
def stub_engine(stub: StubEngine) -> Iterator[DevEngine]:
    """A DevEngine serving the stub core, with short server-side timeouts."""
    with DevEngine(engine=stub, long_poll_timeout_ms=300, request_timeout_ms=300) as e:
        yield e


@pytest.fixture
def http(stub_engine: DevEngine) -> Iterator[httpx.Client]:
    """A plain httpx client on the stub engine's REST address."""
    with httpx.Client(base_url=stub_engine.rest_address, timeout=10) as client:
        yield client


Activation = Callable[..., dict[str, Any]]


def _activation(job_type: str, request_timeout: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": job_type, "timeout": 1000, "maxJobsToActivate": 5}
    if request_timeout is not None:
        body["requestTimeout"] = request_timeout
    return body


@pytest.fixture
def activation() -> Activation:
    """Build a JobActivationRequest body: ``activation(type, request_timeout)``."""
    return _activation

"""Fixtures of the REST tests: a stub core for plumbing, real engines for the rest."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
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


# ---------------------------------------------------------------- real engine


def _shared(relative: str) -> Path:
    """Find ``shared/<relative>`` in an ancestor of this folder (may not exist)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / relative
        if candidate.exists():
            return candidate
    return here.parent / "shared-not-found" / relative


REAL_BPMN = _shared("real-bpmn")
SPEC = _shared("spec/rest-api.bundle.json")


class Api:
    """Plain httpx calls against a real DevEngine, with small helpers for flows."""

    def __init__(self, engine: DevEngine, client: httpx.Client) -> None:
        self.engine = engine
        self.client = client

    def deploy(self, *files: tuple[str, bytes]) -> dict[str, Any]:
        """Deploy resources and return the DeploymentResult (asserting 200)."""
        parts = [("resources", (name, content)) for name, content in files]
        response = self.client.post("/deployments", files=parts)
        assert 200 == response.status_code, response.text
        return response.json()

    def deploy_real(self, file_name: str) -> dict[str, Any]:
        """Deploy one of the shared real-world BPMN files (skip when absent)."""
        if not (REAL_BPMN / file_name).is_file():
            pytest.skip(f"{REAL_BPMN} is not available")
        return self.deploy((file_name, (REAL_BPMN / file_name).read_bytes()))

    def start(self, process_id: str, variables: dict[str, Any] | None = None) -> str:
        """Create an instance by process id; return its key."""
        body: dict[str, Any] = {"processDefinitionId": process_id}
        if variables is not None:
            body["variables"] = variables
        response = self.client.post("/process-instances", json=body)
        assert 200 == response.status_code, response.text
        return response.json()["processInstanceKey"]

    def activate(self, job_type: str, *, timeout_ms: int = 2000) -> dict[str, Any]:
        """Long-poll one job of ``job_type`` (asserting one arrives)."""
        body = {
            "type": job_type,
            "timeout": 30_000,
            "maxJobsToActivate": 1,
            "requestTimeout": timeout_ms,
        }
        response = self.client.post("/jobs/activation", json=body)
        assert 200 == response.status_code, response.text
        jobs = response.json()["jobs"]
        assert 1 == len(jobs), f"no job of type {job_type}"
        return jobs[0]

    def complete(self, job_type: str, variables: dict[str, Any] | None = None) -> None:
        """Activate the next job of ``job_type`` and complete it."""
        job = self.activate(job_type)
        response = self.client.post(
            f"/jobs/{job['jobKey']}/completion", json={"variables": variables or {}}
        )
        assert 204 == response.status_code, response.text

    def instance(self, key: str) -> dict[str, Any]:
        """GET one process instance (no read lag in these tests)."""
        response = self.client.get(f"/process-instances/{key}")
        assert 200 == response.status_code, response.text
        return response.json()

    def state(self, key: str) -> str:
        """The state of one process instance."""
        return self.instance(key)["state"]

    def user_task(self, process_instance_key: str) -> dict[str, Any]:
        """The single CREATED user task of an instance."""
        body = {
            "filter": {"processInstanceKey": process_instance_key, "state": "CREATED"}
        }
        response = self.client.post("/user-tasks/search", json=body)
        assert 200 == response.status_code, response.text
        items = response.json()["items"]
        assert 1 == len(items), items
        return items[0]

    def complete_user_task(
        self, process_instance_key: str, variables: dict[str, Any]
    ) -> dict[str, Any]:
        """Complete the instance's open user task with ``variables``."""
        task = self.user_task(process_instance_key)
        response = self.client.post(
            f"/user-tasks/{task['userTaskKey']}/completion",
            json={"variables": variables},
        )
        assert 204 == response.status_code, response.text
        return task

    def correlate(self, name: str, correlation_key: str) -> httpx.Response:
        """Correlate a message and return the raw response."""
        body = {"name": name, "correlationKey": correlation_key}
        return self.client.post("/messages/correlation", json=body)

    def variables(self, process_instance_key: str) -> dict[str, Any]:
        """The instance's variables by name (values decoded from JSON text)."""
        body = {"filter": {"processInstanceKey": process_instance_key}}
        response = self.client.post(
            "/variables/search", params={"truncateValues": "false"}, json=body
        )
        assert 200 == response.status_code, response.text
        return {v["name"]: json.loads(v["value"]) for v in response.json()["items"]}


@pytest.fixture
def engine() -> Iterator[DevEngine]:
    """A real DevEngine (spec self-check on when the spec is present)."""
    spec = str(SPEC) if SPEC.is_file() else None
    with DevEngine(spec_path=spec, long_poll_timeout_ms=500) as running:
        yield running


@pytest.fixture
def api(engine: DevEngine) -> Iterator[Api]:
    """Helpers over a plain httpx client bound to the real engine."""
    with httpx.Client(base_url=engine.rest_address, timeout=30) as client:
        yield Api(engine, client)


@pytest.fixture
def bpmn() -> Callable[[str], bytes]:
    """Read one of the shared real-world BPMN files by name."""
    return lambda name: (REAL_BPMN / name).read_bytes()


_BPMN_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" '
    'targetNamespace="http://bpmn.io/schema/bpmn">'
)


def _service_task_xml(process_id: str, job_type: str, retries: int, error: str) -> str:
    boundary = ""
    if error:
        boundary = (
            '<bpmn:boundaryEvent id="caught" attachedToRef="task">'
            '<bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>'
            '<bpmn:endEvent id="failed"/>'
            '<bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="failed"/>'
        )
    definitions = f'<bpmn:error id="err" errorCode="{error}"/>' if error else ""
    return (
        f"{_BPMN_HEAD}{definitions}"
        f'<bpmn:process id="{process_id}" isExecutable="true">'
        f'<bpmn:startEvent id="start"/>'
        f'<bpmn:serviceTask id="task"><bpmn:extensionElements>'
        f'<zeebe:taskDefinition type="{job_type}" retries="{retries}"/>'
        f'<zeebe:taskHeaders><zeebe:header key="h" value="v"/></zeebe:taskHeaders>'
        f"</bpmn:extensionElements></bpmn:serviceTask>"
        f'<bpmn:endEvent id="end"/>{boundary}'
        f'<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task"/>'
        f'<bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end"/>'
        f"</bpmn:process></bpmn:definitions>"
    )


ServiceTask = Callable[..., tuple[str, str]]


@pytest.fixture
def service_task(api: Api) -> ServiceTask:
    """Deploy start -> service task -> end; return (process id, job type).

    Call as ``service_task(retries=3, error="CODE")``; with ``error`` the task
    has an error boundary catching that code.
    """

    def deploy(*, retries: int = 3, error: str = "") -> tuple[str, str]:
        suffix = uuid.uuid4().hex[:8]
        process_id, job_type = f"p-{suffix}", f"job-{suffix}"
        xml = _service_task_xml(process_id, job_type, retries, error)
        api.deploy((f"{process_id}.bpmn", xml.encode()))
        return process_id, job_type

    return deploy


@pytest.fixture
def spec_file() -> str:
    """The bundled spec's path (skip when the shared folder is absent)."""
    if not SPEC.is_file():
        pytest.skip(f"{SPEC} is not available")
    return str(SPEC)

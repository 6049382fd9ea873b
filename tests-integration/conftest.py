"""Shared fixtures for the cross-package integration tests.

The suite runs against one target per session: a dev engine started here
(read lag on, spec checks on when the spec is present), or a real cluster
when ``CAMUNDA_REST_ADDRESS`` is set and ``CAMUNDA_INTEGRATION_REAL=1``.
Every test uses its own names (job types, process ids, correlation keys),
polls every read, and treats keys as opaque strings.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import httpx
import pytest
from camunda_client import ConsistencyOptions
from camunda_client.errors import ApiError, NotFoundError
from camunda_config import CamundaSdkConfigPartial
from camunda_testkit import DevEngine
from camunda_testkit.contract import SpecContract
from camunda_worker import CamundaAsyncClient, JobContext, JobWorker, WorkerConfig

REAL_SWITCH = "CAMUNDA_INTEGRATION_REAL"
READ_LAG_MS = 300
# Several partitions, as on SaaS: keys and activation order stop being simple.
PARTITIONS = 3
SDK_PREFIXES = ("CAMUNDA_", "ZEEBE_")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The workspace root (the folder holding the meta-package pyproject)."""
    return Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ target


@dataclass(frozen=True)
class Target:
    """Where the suite runs: the local dev engine or a real cluster."""

    kind: Literal["devengine", "remote"]
    configuration: dict[str, str]
    engine: DevEngine | None = None

    @property
    def is_devengine(self) -> bool:
        """Whether the target is the dev engine started by this session."""
        return self.kind == "devengine"

    def require_engine(self) -> DevEngine:
        """The dev engine; skips the test on a real cluster."""
        if self.engine is None:
            pytest.skip("needs the dev engine's controls")
        return self.engine

    def settings(self) -> CamundaSdkConfigPartial:
        """A fresh copy of the explicit SDK configuration for a new client."""
        return cast("CamundaSdkConfigPartial", dict(self.configuration))

    def for_engine(self, engine: DevEngine) -> Target:
        """A target for another dev engine a test started itself."""
        return Target("devengine", engine.client_configuration(), engine)

    @property
    def wait_ms(self) -> int:
        """Deadline for eventually-consistent reads (generous on a real cluster)."""
        return 15_000 if self.is_devengine else 60_000


def _wants_real_cluster() -> bool:
    return os.environ.get(REAL_SWITCH) == "1" and bool(
        os.environ.get("CAMUNDA_REST_ADDRESS")
    )


@pytest.fixture(scope="session")
def camunda_target() -> Iterator[Target]:
    """The session's target.

    ``CAMUNDA_INTEGRATION_REAL`` is declared in camunda-config (outside the
    model), so the SDK reads it without an unknown-key warning and it can
    stay in the environment; test_remote_mode.py runs with it set.
    """
    if _wants_real_cluster():
        yield Target("remote", {})
        return
    with pytest.MonkeyPatch.context() as patch:
        # The engine's settings are explicit; stray CAMUNDA_* values of the
        # developer's shell must not mix into them.
        for name in list(os.environ):
            if name.startswith(SDK_PREFIXES):
                patch.delenv(name)
        spec = SpecContract.default_path()
        with DevEngine(
            read_lag_ms=READ_LAG_MS,
            partitions=PARTITIONS,
            spec_path=None if spec is None else str(spec),
        ) as engine:
            yield Target("devengine", engine.client_configuration(), engine)


@pytest.fixture(autouse=True)
def _target_markers(request: pytest.FixtureRequest) -> None:
    """Skip tests marked for the other kind of target.

    The target is looked up only for marked tests, so unmarked tests that
    need no cluster (packaging, README) never start one.
    """
    marks = {"devengine_only", "real_cluster_only"}
    wanted = {mark.name for mark in request.node.iter_markers() if mark.name in marks}
    if not wanted:
        return
    target: Target = request.getfixturevalue("camunda_target")
    if "devengine_only" in wanted and not target.is_devengine:
        pytest.skip("uses dev-engine-only controls")
    if "real_cluster_only" in wanted and target.is_devengine:
        pytest.skip("needs a real Camunda 8 cluster")


# ---------------------------------------------------------------- contract


@dataclass
class ContractRecorder:
    """Validates every JSON request body the SDK sends against the spec."""

    contract: SpecContract | None
    checked: int = 0
    violations: list[str] = field(default_factory=list[str])
    operations: Counter[str] = field(default_factory=Counter[str])
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, request: httpx.Request) -> None:
        """Record the problems of one outgoing request (JSON bodies only)."""
        if self.contract is None:
            return
        media = request.headers.get("content-type", "")
        if not media.startswith("application/json"):
            return
        operation = self.contract.find_operation(request.method, request.url.path)
        if operation is None:
            found = [f"{request.method} {request.url.path}: not an operation"]
        else:
            body = json.loads(request.content) if request.content else None
            found = [
                f"{operation}: {problem}"
                for problem in self.contract.validate_request(operation, body)
            ]
        with self._lock:
            self.checked += 1
            self.violations.extend(found)
            if operation is not None:
                self.operations[operation] += 1

    def hook(self, request: httpx.Request) -> None:
        """Request event hook for ``httpx.Client``."""
        self.check(request)

    async def ahook(self, request: httpx.Request) -> None:
        """Request event hook for ``httpx.AsyncClient``."""
        self.check(request)

    def since(self, mark: int) -> list[str]:
        """The violations recorded after position `mark`."""
        with self._lock:
            return list(self.violations[mark:])


@pytest.fixture(scope="session")
def spec_contract() -> SpecContract | None:
    """The REST API spec, or None when ../shared/spec is absent."""
    path = SpecContract.default_path()
    return None if path is None else SpecContract.load(path)


@pytest.fixture(scope="session")
def contract(spec_contract: SpecContract | None) -> ContractRecorder:
    """One recorder for the whole session."""
    return ContractRecorder(spec_contract)


@pytest.fixture
def private_contract(spec_contract: SpecContract | None) -> ContractRecorder:
    """A recorder of its own, for tests that send bad bodies on purpose."""
    return ContractRecorder(spec_contract)


@pytest.fixture(autouse=True)
def _no_contract_violations(contract: ContractRecorder) -> Iterator[None]:
    """Fail a test whose SDK calls sent a body the spec rejects."""
    mark = len(contract.violations)
    yield
    found = contract.since(mark)
    if found:
        pytest.fail("request bodies broke the spec:\n" + "\n".join(found))


# ----------------------------------------------------------------- clients


def consistency(
    target: Target, predicate: Callable[[Any], bool] | None = None
) -> ConsistencyOptions:
    """Poll a read until `predicate` holds, within the target's deadline."""
    return ConsistencyOptions(
        wait_up_to_ms=target.wait_ms, poll_interval_ms=100, predicate=predicate
    )


@pytest.fixture
async def client(
    camunda_target: Target, contract: ContractRecorder
) -> AsyncIterator[CamundaAsyncClient]:
    """An async SDK client (with worker support) for the target."""
    sdk = CamundaAsyncClient(
        camunda_target.settings(),
        event_hooks={"request": [contract.ahook]},
    )
    try:
        yield sdk
    finally:
        await sdk.aclose()


# --------------------------------------------------------------- scenarios

_QUOTED = ('"{}"', "&#34;{}&#34;", "&quot;{}&quot;")


def rename_in_bpmn(xml: str, renames: dict[str, str]) -> str:
    """Rename attribute values (ids, job types, names, quoted FEEL literals).

    Only whole quoted values change, so ``test`` never touches ``test-x``.
    """
    for old, new in renames.items():
        for quote in _QUOTED:
            xml = xml.replace(quote.format(old), quote.format(new))
    return xml


BPMN_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" '
    'targetNamespace="http://camunda.org/examples">'
)


def service_task_process(
    process_id: str, job_types: list[str], retries: int = 3
) -> str:
    """A process with one named service task per job type, in a row."""
    nodes = ['<bpmn:startEvent id="start" name="start"/>']
    flows: list[str] = []
    previous = "start"
    for index, job_type in enumerate(job_types):
        task = f"task{index}"
        nodes.append(
            f'<bpmn:serviceTask id="{task}" name="{task}"><bpmn:extensionElements>'
            f'<zeebe:taskDefinition type="{job_type}" retries="{retries}"/>'
            "</bpmn:extensionElements></bpmn:serviceTask>"
        )
        flows.append(
            f'<bpmn:sequenceFlow id="to_{task}" sourceRef="{previous}" targetRef="{task}"/>'
        )
        previous = task
    nodes.append('<bpmn:endEvent id="end" name="end"/>')
    flows.append(
        f'<bpmn:sequenceFlow id="to_end" sourceRef="{previous}" targetRef="end"/>'
    )
    return (
        f'{BPMN_HEAD}<bpmn:process id="{process_id}" isExecutable="true">'
        f"{''.join(nodes)}{''.join(flows)}</bpmn:process></bpmn:definitions>"
    )


def process_id_of(xml: str) -> str:
    """The id of the (first) executable process in a BPMN document."""
    found = re.search(r"<(?:\w+:)?process\b[^>]*?\bid=\"([^\"]+)\"", xml)
    assert found is not None, "no process element"
    return found.group(1)


class Scenario:
    """One test's client, unique names, deployments and instance waits."""

    def __init__(
        self, target: Target, client: CamundaAsyncClient, tmp_path: Path
    ) -> None:
        self.target = target
        self.client = client
        self.tmp_path = tmp_path
        self.suffix = uuid.uuid4().hex[:10]
        self.instances: list[str] = []

    def name(self, base: str) -> str:
        """A name unique to this test."""
        return f"{base}-{self.suffix}"

    def load_bpmn(self, path: Path, renamed: list[str]) -> tuple[str, str]:
        """Read a BPMN file and suffix its process id and the `renamed` values.

        Returns:
            The rewritten XML and the new process id.
        """
        xml = path.read_text(encoding="utf-8")
        original_id = process_id_of(xml)
        names = {value: self.name(value) for value in [original_id, *renamed]}
        xml = rename_in_bpmn(xml, names)
        return xml, names[original_id]

    async def until(self, check: Callable[[], bool], timeout_s: float = 30.0) -> None:
        """Wait until `check()` holds (local state, not a server read)."""
        deadline = time.monotonic() + timeout_s
        # Worker counters offer no event to wait on, so this polls them.
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout_s} s")
            await asyncio.sleep(0.02)

    @staticmethod
    def service_tasks_bpmn(
        process_id: str, job_types: list[str], retries: int = 3
    ) -> str:
        """BPMN of a process running one service task per job type."""
        return service_task_process(process_id, job_types, retries)

    def worker(
        self, job_type: str, handler: Callable[[JobContext], Any], **config: Any
    ) -> JobWorker:
        """Start a worker on this test's client (stopped at teardown)."""
        settings: dict[str, Any] = {"job_timeout_milliseconds": 60_000, **config}
        return self.client.create_job_worker(
            WorkerConfig(job_type, **settings), handler
        )

    async def correlate(self, name: str, correlation_key: str, **extra: Any) -> Any:
        """Correlate a message, retrying while no subscription is open yet (404)."""
        deadline = time.monotonic() + self.target.wait_ms / 1000
        while True:
            try:
                return await self.client.correlate_message(
                    data={"name": name, "correlationKey": correlation_key, **extra}
                )
            except NotFoundError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)

    async def element_active(self, key: str, element_id: str) -> Any:
        """Poll until element `element_id` of instance `key` is active."""
        page = await self.client.search_element_instances(
            data={
                "filter": {
                    "processInstanceKey": key,
                    "elementId": element_id,
                    "state": "ACTIVE",
                }
            },
            consistency=self.consistency(),
        )
        return page.items[0]

    def consistency(
        self, predicate: Callable[[Any], bool] | None = None
    ) -> ConsistencyOptions:
        """Consistency options with this target's deadline."""
        return consistency(self.target, predicate)

    async def deploy(self, files: dict[str, str]) -> Any:
        """Deploy text resources (file name -> content) in one deployment."""
        folder = self.tmp_path / uuid.uuid4().hex
        folder.mkdir()
        paths: list[Path] = []
        for file_name, content in files.items():
            path = folder / file_name
            path.write_text(content, encoding="utf-8")
            paths.append(path)
        return await self.client.deploy_resources_from_files(paths)

    async def start(
        self, process_id: str, variables: dict[str, Any] | None = None
    ) -> str:
        """Create an instance of the latest version; returns its key."""
        created = await self.client.create_process_instance(
            data={"processDefinitionId": process_id, "variables": variables or {}}
        )
        key = str(created.process_instance_key)
        self.instances.append(key)
        return key

    async def instance_in_state(self, key: str, state: str) -> Any:
        """Poll the instance until it shows `state`."""
        return await self.client.get_process_instance(
            key, consistency=self.consistency(lambda found: found.state == state)
        )

    async def element_completed(self, key: str, element_id: str) -> Any:
        """Poll until element `element_id` of instance `key` has completed."""
        page = await self.client.search_element_instances(
            data={
                "filter": {
                    "processInstanceKey": key,
                    "elementId": element_id,
                    "state": "COMPLETED",
                }
            },
            consistency=self.consistency(),
        )
        return page.items[0]

    async def reached_end(self, key: str, end_event_id: str) -> tuple[str, str, str]:
        """Wait for completion; returns (state, end element id, end element type)."""
        instance = await self.instance_in_state(key, "COMPLETED")
        end = await self.element_completed(key, end_event_id)
        return (str(instance.state), str(end.element_id), str(end.type_))

    async def user_task(self, key: str, element_id: str) -> str:
        """Poll until the user task `element_id` of instance `key` is open."""
        page = await self.client.search_user_tasks(
            data={
                "filter": {
                    "processInstanceKey": key,
                    "elementId": element_id,
                    "state": "CREATED",
                }
            },
            consistency=self.consistency(),
        )
        return str(page.items[0].user_task_key)

    async def cancel_leftovers(self) -> None:
        """Cancel this test's instances that are still running (cleanup)."""
        for key in self.instances:
            try:
                await self.client.cancel_process_instance(key)
            except ApiError:
                continue  # already finished: nothing to clean up


@pytest.fixture
def scenario_for(tmp_path: Path) -> Callable[[Target, CamundaAsyncClient], Scenario]:
    """Build a scenario around a client the test made itself."""

    def build(target: Target, sdk: CamundaAsyncClient) -> Scenario:
        return Scenario(target, sdk, tmp_path)

    return build


@pytest.fixture
async def scenario(
    camunda_target: Target, client: CamundaAsyncClient, tmp_path: Path
) -> AsyncIterator[Scenario]:
    """A scenario whose running instances are cancelled afterwards."""
    current = Scenario(camunda_target, client, tmp_path)
    try:
        yield current
    finally:
        # Stop (and drain) the workers first, so cleanup races no handler.
        await asyncio.gather(*(worker.aclose() for worker in client.workers))
        await current.cancel_leftovers()

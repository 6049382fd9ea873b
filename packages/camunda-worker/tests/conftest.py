"""Fixtures: a dev engine over HTTP, an async client for it, process helpers."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from camunda_testkit import DevEngine
from camunda_worker import CamundaAsyncClient

# Process-strategy handlers live in a plain module the children can import.
sys.path.insert(0, str(Path(__file__).parent))

BPMN_NS = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
)


def service_task_process(
    process_id: str, job_types: list[str], retries: int = 3
) -> str:
    """A process running one service task per job type, in sequence."""
    tasks = []
    flows = []
    previous = "start"
    for index, job_type in enumerate(job_types):
        task_id = f"task_{index}"
        tasks.append(
            f'<bpmn:serviceTask id="{task_id}"><bpmn:extensionElements>'
            f'<zeebe:taskDefinition type="{job_type}" retries="{retries}"/>'
            f'<zeebe:taskHeaders><zeebe:header key="step" value="{index}"/></zeebe:taskHeaders>'
            "</bpmn:extensionElements></bpmn:serviceTask>"
        )
        flows.append(
            f'<bpmn:sequenceFlow id="f_{index}" sourceRef="{previous}" targetRef="{task_id}"/>'
        )
        previous = task_id
    flows.append(
        f'<bpmn:sequenceFlow id="f_end" sourceRef="{previous}" targetRef="end"/>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions {BPMN_NS} id="d" '
        f'targetNamespace="http://example.com"><bpmn:process id="{process_id}" isExecutable="true">'
        '<bpmn:startEvent id="start"/>'
        + "".join(tasks)
        + '<bpmn:endEvent id="end"/>'
        + "".join(flows)
        + "</bpmn:process></bpmn:definitions>"
    )


def error_boundary_process(process_id: str, job_type: str, handled_type: str) -> str:
    """A service task whose DECLINED error is caught and routed to another task."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions {BPMN_NS} id="d" '
        'targetNamespace="http://example.com">'
        '<bpmn:error id="declined" errorCode="DECLINED"/>'
        f'<bpmn:process id="{process_id}" isExecutable="true">'
        '<bpmn:startEvent id="start"/>'
        f'<bpmn:serviceTask id="charge"><bpmn:extensionElements><zeebe:taskDefinition type="{job_type}"/>'
        "</bpmn:extensionElements></bpmn:serviceTask>"
        '<bpmn:boundaryEvent id="caught" attachedToRef="charge"><bpmn:errorEventDefinition errorRef="declined"/>'
        "</bpmn:boundaryEvent>"
        f'<bpmn:serviceTask id="handle"><bpmn:extensionElements><zeebe:taskDefinition type="{handled_type}"/>'
        "</bpmn:extensionElements></bpmn:serviceTask>"
        '<bpmn:endEvent id="ok"/><bpmn:endEvent id="rejected"/>'
        '<bpmn:sequenceFlow id="a" sourceRef="start" targetRef="charge"/>'
        '<bpmn:sequenceFlow id="b" sourceRef="charge" targetRef="ok"/>'
        '<bpmn:sequenceFlow id="c" sourceRef="caught" targetRef="handle"/>'
        '<bpmn:sequenceFlow id="d" sourceRef="handle" targetRef="rejected"/>'
        "</bpmn:process></bpmn:definitions>"
    )


class Scenario:
    """One test's engine, client and unique names."""

    def __init__(
        self, engine: DevEngine, client: CamundaAsyncClient, tmp_path: Path
    ) -> None:
        self.engine = engine
        self.client = client
        self.tmp_path = tmp_path
        self.suffix = uuid.uuid4().hex[:8]

    def name(self, base: str) -> str:
        return f"{base}-{self.suffix}"

    async def deploy(self, xml: str) -> None:
        path = self.tmp_path / f"{uuid.uuid4().hex}.bpmn"
        path.write_text(xml, encoding="utf-8")
        await self.client.deploy_resources_from_files([path])

    async def start(
        self, process_id: str, variables: dict[str, Any] | None = None
    ) -> str:
        created = await self.client.create_process_instance(
            data={"processDefinitionId": process_id, "variables": variables or {}}
        )
        return str(created.process_instance_key)

    def bodies(self, operation_id: str) -> list[Any]:
        return [request.body for request in self.engine.requests_for(operation_id)]

    def paths(self, operation_id: str) -> list[str]:
        return [request.path for request in self.engine.requests_for(operation_id)]


@pytest.fixture
def engine() -> Iterator[DevEngine]:
    with DevEngine() as running:
        yield running


@pytest.fixture
async def scenario(engine: DevEngine, tmp_path: Path) -> AsyncIterator[Scenario]:
    client = CamundaAsyncClient(
        engine.client_configuration(), logger=logging.getLogger("test.worker")
    )
    try:
        yield Scenario(engine, client, tmp_path)
    finally:
        await client.aclose()


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until `check()` holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.01)

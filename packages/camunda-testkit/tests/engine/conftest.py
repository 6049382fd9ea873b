"""Helpers for driving the engine core directly, without HTTP."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from camunda_testkit._core import Clock, Engine

REAL_BPMN = Path("/work/shared/real-bpmn")
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z, a fixed engine time


def bpmn(process_id: str, body: str, extra: str = "") -> bytes:
    """Wrap process elements in a definitions document with the usual namespaces."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="{process_id}" isExecutable="true">
{body}
  </bpmn:process>
{extra}
</bpmn:definitions>""".encode()


def service_task(
    task_id: str, job_type: str, extra: str = "", retries: str = "3"
) -> str:
    """A service task element with a task definition."""
    return (
        f'<bpmn:serviceTask id="{task_id}"><bpmn:extensionElements>'
        f'<zeebe:taskDefinition type="{job_type}" retries="{retries}"/>{extra}'
        "</bpmn:extensionElements></bpmn:serviceTask>"
    )


def flow(flow_id: str, source: str, target: str, condition: str | None = None) -> str:
    """A sequence flow, optionally with a condition expression."""
    if condition is None:
        return (
            f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" '
            f'targetRef="{target}"/>'
        )
    return (
        f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}">'
        f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}'
        "</bpmn:conditionExpression></bpmn:sequenceFlow>"
    )


def chain(*ids: str) -> str:
    """Sequence flows that link ``ids`` in order."""
    return "".join(flow(f"f_{a}_{b}", a, b) for a, b in itertools.pairwise(ids))


START = '<bpmn:startEvent id="start"/>'
END = '<bpmn:endEvent id="end"/>'


class Kit:
    """Thin conveniences over the engine's wire-level API."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def deploy(self, xml: bytes, name: str = "p.bpmn") -> dict[str, Any]:
        """Deploy one resource and return the deployment result."""
        return self.engine.create_deployment([(name, xml)])

    def start(self, process_id: str, **variables: Any) -> str:
        """Create an instance by id and return its key."""
        result = self.engine.create_process_instance(
            {"processDefinitionId": process_id, "variables": variables}
        )
        return result["processInstanceKey"]

    def activate(
        self, job_type: str, count: int = 10, **extra: Any
    ) -> list[dict[str, Any]]:
        """Activate jobs of a type now."""
        body = {
            "type": job_type,
            "timeout": 60_000,
            "maxJobsToActivate": count,
            **extra,
        }
        return self.engine.activate_jobs(body)["jobs"]

    def work(
        self, job_type: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Activate exactly one job of ``job_type`` and complete it."""
        jobs = self.activate(job_type, 1)
        assert len(jobs) == 1, f"expected one {job_type!r} job, got {len(jobs)}"
        self.engine.complete_job(jobs[0]["jobKey"], {"variables": variables or {}})
        return jobs[0]

    def state(self, key: str) -> str:
        """The state of a process instance."""
        return self.engine.get_process_instance(key)["state"]

    def variables(self, key: str) -> dict[str, Any]:
        """Root-scope variables of an instance, decoded."""
        import json

        items = self.engine.search_variables(
            {"filter": {"processInstanceKey": key, "scopeKey": key}},
            truncate_values=False,
        )["items"]
        return {item["name"]: json.loads(item["value"]) for item in items}

    def incidents(self, key: str) -> list[dict[str, Any]]:
        """Active incidents of an instance."""
        body = {"filter": {"processInstanceKey": key, "state": "ACTIVE"}}
        return self.engine.search_incidents(body)["items"]

    def user_tasks(self, key: str) -> list[dict[str, Any]]:
        """CREATED user tasks of an instance."""
        body = {"filter": {"processInstanceKey": key, "state": "CREATED"}}
        return self.engine.search_user_tasks(body)["items"]

    def real(self, file_name: str) -> dict[str, Any]:
        """Deploy one of the shared real-world BPMN files."""
        return self.deploy((REAL_BPMN / file_name).read_bytes(), file_name)


@pytest.fixture
def clock() -> Clock:
    """An engine clock pinned at a fixed instant."""
    fixed = Clock()
    fixed.pin(T0)
    return fixed


@pytest.fixture
def engine(clock: Clock) -> Engine:
    """A fresh engine on the pinned clock, without read lag."""
    return Engine(clock=clock)


@pytest.fixture
def kit(engine: Engine) -> Kit:
    """Conveniences bound to the engine fixture."""
    return Kit(engine)


@pytest.fixture
def helpers() -> Any:
    """The BPMN-building helpers, for test modules that cannot import conftest."""
    import types

    return types.SimpleNamespace(
        bpmn=bpmn,
        service_task=service_task,
        flow=flow,
        chain=chain,
        START=START,
        END=END,
    )

"""Flows across client, worker, auth and config, as an application runs them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from camunda_client import CamundaClient, ConsistencyOptions
from camunda_worker import JobContext

if TYPE_CHECKING:
    from conftest import ContractRecorder, Scenario, Target

BPMN_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" '
    'targetNamespace="http://camunda.org/examples">'
)


def _message_then_task(process_id: str, message: str, job_type: str) -> str:
    """Wait for `message` keyed by orderId, then run one service task."""
    return (
        f'{BPMN_HEAD}<bpmn:message id="msg" name="{message}">'
        '<bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/>'
        "</bpmn:extensionElements></bpmn:message>"
        f'<bpmn:process id="{process_id}" isExecutable="true">'
        '<bpmn:startEvent id="start" name="start"/>'
        '<bpmn:intermediateCatchEvent id="paid" name="paid">'
        '<bpmn:messageEventDefinition messageRef="msg"/></bpmn:intermediateCatchEvent>'
        '<bpmn:serviceTask id="ship" name="ship"><bpmn:extensionElements>'
        f'<zeebe:taskDefinition type="{job_type}"/></bpmn:extensionElements>'
        "</bpmn:serviceTask>"
        '<bpmn:endEvent id="end" name="end"/>'
        '<bpmn:sequenceFlow id="a" sourceRef="start" targetRef="paid"/>'
        '<bpmn:sequenceFlow id="b" sourceRef="paid" targetRef="ship"/>'
        '<bpmn:sequenceFlow id="c" sourceRef="ship" targetRef="end"/>'
        "</bpmn:process></bpmn:definitions>"
    )


async def test_create_with_await_completion_returns_fetched_variables(
    scenario: Scenario,
) -> None:
    """Creating with awaitCompletion returns only the fetched variables of the end state."""
    process_id = scenario.name("await")
    job_type = scenario.name("await-job")
    await scenario.deploy(
        {"await.bpmn": scenario.service_tasks_bpmn(process_id, [job_type])}
    )

    async def handler(job: JobContext) -> dict[str, Any]:
        return {"total": job.variables["amount"] * 2, "noise": "not fetched"}

    scenario.worker(job_type, handler)
    result = await scenario.client.create_process_instance(
        data={
            "processDefinitionId": process_id,
            "variables": {"amount": 21},
            "awaitCompletion": True,
            "fetchVariables": ["total"],
            "requestTimeout": 30_000,
        }
    )
    key = str(result.process_instance_key)
    scenario.instances.append(key)

    assert {"total": 42} == dict(result.variables)
    assert process_id == result.process_definition_id
    assert "COMPLETED" == (await scenario.instance_in_state(key, "COMPLETED")).state


async def test_incident_on_exhausted_retries_is_resolved(scenario: Scenario) -> None:
    """A failing handler with one retry raises an incident; new retries and resolve finish it."""
    process_id = scenario.name("incident")
    job_type = scenario.name("flaky")
    await scenario.deploy(
        {"incident.bpmn": scenario.service_tasks_bpmn(process_id, [job_type], 1)}
    )
    attempts: list[str] = []

    async def handler(job: JobContext) -> dict[str, bool]:
        attempts.append(job.job_key)
        if len(attempts) == 1:
            raise RuntimeError("inventory service down")
        return {"recovered": True}

    worker = scenario.worker(job_type, handler)
    key = await scenario.start(process_id)
    page = await scenario.client.search_incidents(
        data={"filter": {"processInstanceKey": key, "state": "ACTIVE"}},
        consistency=scenario.consistency(),
    )
    incident = page.items[0]
    assert incident.job_key is not None
    await scenario.client.update_job(
        incident.job_key, data={"changeset": {"retries": 1}}
    )
    await scenario.client.resolve_incident(incident.incident_key)
    outcome = await scenario.reached_end(key, "end")
    await scenario.until(lambda: worker.stats.completed == 1)

    assert ("JOB_NO_RETRIES", "task0") == (
        str(incident.error_type),
        incident.element_id,
    )
    assert [incident.job_key, incident.job_key] == attempts
    assert (1, 1) == (worker.stats.failed, worker.stats.completed)
    assert ("COMPLETED", "end", "END_EVENT") == outcome


async def test_search_iterator_walks_every_page(
    scenario: Scenario, contract: ContractRecorder
) -> None:
    """Seven instances with page size 3 come back once each over four requests."""
    process_id = scenario.name("paging")
    # No worker for this job type: the instances stay active while we page.
    await scenario.deploy(
        {
            "paging.bpmn": scenario.service_tasks_bpmn(
                process_id, [scenario.name("unworked")]
            )
        }
    )
    created = {await scenario.start(process_id, {"n": n}) for n in range(7)}
    query = {
        "filter": {"processDefinitionId": process_id},
        "sort": [{"field": "processInstanceKey", "order": "ASC"}],
    }
    await scenario.client.search_process_instances(
        data=query,
        consistency=scenario.consistency(lambda found: len(found.items) == 7),
    )
    before = contract.operations["searchProcessInstances"]

    seen = [
        str(item.process_instance_key)
        async for item in scenario.client.search_process_instances_iter(
            query, page_size=3
        )
    ]

    assert created == set(seen)
    assert 7 == len(seen)
    if contract.contract is not None:
        assert 4 == contract.operations["searchProcessInstances"] - before


async def test_correlated_message_variables_reach_the_next_job(
    scenario: Scenario,
) -> None:
    """Correlating a message moves the instance on with the message's variables."""
    process_id = scenario.name("corr")
    message = scenario.name("payment-received")
    job_type = scenario.name("ship")
    await scenario.deploy(
        {"corr.bpmn": _message_then_task(process_id, message, job_type)}
    )
    order_id = scenario.name("order")
    shipped: list[JobContext] = []

    async def handler(job: JobContext) -> None:
        shipped.append(job)

    scenario.worker(job_type, handler)
    key = await scenario.start(process_id, {"orderId": order_id})
    result = await scenario.correlate(message, order_id, variables={"paymentId": "P-7"})
    outcome = await scenario.reached_end(key, "end")

    assert key == str(result.process_instance_key)
    assert [("P-7", order_id)] == [
        (job.variables["paymentId"], job.variables["orderId"]) for job in shipped
    ]
    assert ("COMPLETED", "end", "END_EVENT") == outcome


async def test_stopping_a_worker_drains_jobs_in_flight(scenario: Scenario) -> None:
    """stop() with five jobs in flight lets all five complete; none is lost."""
    process_id = scenario.name("drain")
    job_type = scenario.name("slow")
    await scenario.deploy(
        {"drain.bpmn": scenario.service_tasks_bpmn(process_id, [job_type])}
    )
    keys = [await scenario.start(process_id) for _ in range(5)]
    release = asyncio.Event()

    async def handler(job: JobContext) -> dict[str, bool]:
        await release.wait()
        return {"drained": True}

    worker = scenario.worker(job_type, handler, max_concurrent_jobs=5)
    await scenario.until(lambda: worker.stats.in_flight == 5)
    worker.stop()
    asyncio.get_running_loop().call_later(0.3, release.set)
    await worker.aclose()
    page = await scenario.client.search_process_instances(
        data={"filter": {"processDefinitionId": process_id, "state": "COMPLETED"}},
        consistency=scenario.consistency(lambda found: len(found.items) == 5),
    )

    assert (5, 0, 0) == (
        worker.stats.completed,
        worker.stats.in_flight,
        worker.stats.ack_abandoned,
    )
    assert set(keys) == {str(item.process_instance_key) for item in page.items}


def test_sync_client_deploys_starts_and_reads(
    camunda_target: Target, contract: ContractRecorder, tmp_path: Path
) -> None:
    """The blocking client deploys, starts and reads an instance with polling."""
    process_id = f"sync-{uuid4().hex[:10]}"
    path = tmp_path / "sync.bpmn"
    path.write_text(
        f'{BPMN_HEAD}<bpmn:process id="{process_id}" isExecutable="true">'
        '<bpmn:startEvent id="start" name="start"/><bpmn:endEvent id="end" name="end"/>'
        '<bpmn:sequenceFlow id="a" sourceRef="start" targetRef="end"/>'
        "</bpmn:process></bpmn:definitions>",
        encoding="utf-8",
    )
    with CamundaClient(
        camunda_target.settings(), event_hooks={"request": [contract.hook]}
    ) as sdk:
        deployed = sdk.deploy_resources_from_files([path])
        created = sdk.create_process_instance(data={"processDefinitionId": process_id})
        found = sdk.get_process_instance(
            created.process_instance_key,
            consistency=ConsistencyOptions(
                wait_up_to_ms=camunda_target.wait_ms,
                poll_interval_ms=100,
                predicate=lambda instance: instance.state == "COMPLETED",
            ),
        )

    assert [process_id] == [p.process_definition_id for p in deployed.processes]
    assert ("COMPLETED", process_id) == (str(found.state), found.process_definition_id)

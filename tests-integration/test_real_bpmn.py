"""Every BPMN file of ../shared/real-bpmn runs its MANIFEST happy path to the end.

The files were written by other people for Camunda 8. Each test renames the
process id, literal job types, message names and constant correlation keys
with a per-test suffix, deploys the file through the SDK, drives it with
workers, messages and user-task completions, and waits (polling) until the
instance completed at the expected end event.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from camunda_worker import JobContext, JobError

if TYPE_CHECKING:
    from conftest import Scenario

REAL_BPMN = Path(__file__).resolve().parents[2] / "shared" / "real-bpmn"

Outcome = tuple[str, str, str]
Steps = Callable[["Scenario", str], Awaitable[Outcome]]


async def _deploy(
    scenario: Scenario,
    file_name: str,
    renamed: list[str],
    extra: dict[str, str] | None = None,
) -> str:
    xml, process_id = scenario.load_bpmn(REAL_BPMN / file_name, renamed)
    await scenario.deploy({file_name: xml, **(extra or {})})
    return process_id


def _returning(
    variables: dict[str, Any] | None, seen: list[JobContext] | None = None
) -> Callable[[JobContext], Awaitable[dict[str, Any] | None]]:
    """A handler that records the job and completes it with `variables`."""

    async def handler(job: JobContext) -> dict[str, Any] | None:
        if seen is not None:
            seen.append(job)
        return variables

    return handler


async def ticket_booking(scenario: Scenario, file_name: str) -> Outcome:
    types = ["reserve-seats", "retrieve-payment", "generate-ticket"]
    process_id = await _deploy(scenario, file_name, [*types, "msg-payment-received"])
    payment_request = scenario.name("payment")
    scenario.worker(
        scenario.name("reserve-seats"), _returning({"reservationId": "1234"})
    )
    scenario.worker(
        scenario.name("retrieve-payment"),
        _returning({"paymentRequestId": payment_request}),
    )
    scenario.worker(scenario.name("generate-ticket"), _returning({"ticketId": "T-1"}))

    key = await scenario.start(process_id)
    await scenario.client.publish_message(
        data={
            "name": scenario.name("msg-payment-received"),
            "correlationKey": payment_request,
            "timeToLive": 60_000,
            "variables": {"paymentConfirmationId": "P-1"},
        }
    )
    return await scenario.reached_end(key, "Event_1mqmjv4")


async def order_boundary_errors(scenario: Scenario, file_name: str) -> Outcome:
    types = ["check-inventory", "charge-payment", "ship-items"]
    process_id = await _deploy(scenario, file_name, types)
    scenario.worker(
        scenario.name("check-inventory"), _returning({"item": "x allocated"})
    )
    scenario.worker(scenario.name("charge-payment"), _returning(None))
    scenario.worker(scenario.name("ship-items"), _returning(None))

    key = await scenario.start(process_id)
    return await scenario.reached_end(key, "Event_0f9sbko")


async def benchmark_typical(scenario: Scenario, file_name: str) -> Outcome:
    engine = scenario.target.require_engine()
    process_id = await _deploy(scenario, file_name, [])
    starter = scenario.name("starter")
    tasks: list[JobContext] = []
    finals: list[JobContext] = []
    scenario.worker(f"benchmark-task-{starter}", _returning(None, tasks))
    scenario.worker(f"benchmark-task-{starter}-completed", _returning(None, finals))

    key = await scenario.start(
        process_id, {"benchmark_starter_id": starter, "var2": True}
    )
    for timer in ("timer1", "timer2"):
        await scenario.element_active(key, timer)
        engine.advance_clock(60_000)
    outcome = await scenario.reached_end(key, "end")

    assert (9, 1) == (len(tasks), len(finals))
    return outcome


async def conditional_pathway(scenario: Scenario, file_name: str) -> Outcome:
    process_id = await _deploy(scenario, file_name, ["wait", "pathA", "pathB"])
    path_a: list[JobContext] = []
    path_b: list[JobContext] = []
    scenario.worker(scenario.name("wait"), _returning(None))
    scenario.worker(scenario.name("pathA"), _returning(None, path_a))
    scenario.worker(scenario.name("pathB"), _returning(None, path_b))

    key = await scenario.start(process_id, {"conditionVariable": True})
    outcome = await scenario.reached_end(key, "EndEvent_1g2ztlo")

    assert (1, 0) == (len(path_a), len(path_b))
    return outcome


def _form(form_id: str) -> str:
    return json.dumps(
        {"id": form_id, "type": "default", "schemaVersion": 16, "components": []}
    )


async def human_tasks(scenario: Scenario, file_name: str) -> Outcome:
    form_ids = ["DecideWhatsForDinner", "prepare-chicken", "prepare-salad"]
    # A real cluster needs the linked forms, so they are deployed alongside;
    # their ids stay as they are (two of them double as element ids).
    forms = {f"{form_id}.form": _form(form_id) for form_id in form_ids}
    process_id = await _deploy(scenario, file_name, [], forms)

    key = await scenario.start(process_id)
    decide = await scenario.user_task(key, "decide-dinner")
    await scenario.client.complete_user_task(
        decide, data={"variables": {"meal": "chicken"}}
    )
    cook = await scenario.user_task(key, "prepare-chicken")
    await scenario.client.complete_user_task(cook, data={"variables": {}})
    return await scenario.reached_end(key, "happy-end")


async def parallel_service_tasks(scenario: Scenario, file_name: str) -> Outcome:
    process_id = await _deploy(scenario, file_name, ["test"])
    seen: list[JobContext] = []
    scenario.worker(scenario.name("test"), _returning(None, seen))

    key = await scenario.start(process_id)
    outcome = await scenario.reached_end(key, "endevent")
    page = await scenario.client.search_variables(
        data={"filter": {"processInstanceKey": key, "name": "loopAmount"}},
        consistency=scenario.consistency(
            lambda found: [item.value for item in found.items] == ["1"]
        ),
    )

    assert ["1"] == [item.value for item in page.items]
    assert 3 == len(seen)
    return outcome


async def parallel_receive_tasks(scenario: Scenario, file_name: str) -> Outcome:
    messages = ["Message1", "Message2", "Message3"]
    keys = ["correlation_key_1", "correlation_key_2", "correlation_key_3"]
    process_id = await _deploy(scenario, file_name, [*messages, *keys])

    key = await scenario.start(process_id)
    for message, correlation_key in zip(
        reversed(messages), reversed(keys), strict=True
    ):
        await scenario.correlate(scenario.name(message), scenario.name(correlation_key))
    return await scenario.reached_end(key, "Event_17qoged")


async def message_handler(scenario: Scenario, file_name: str) -> Outcome:
    process_id = await _deploy(scenario, file_name, [])
    job_type = scenario.name("msg-handler")
    correlation_key = f"corr-{uuid.uuid4()}"
    message_name = scenario.name("msg")

    async def publish_then_complete(job: JobContext) -> dict[str, bool]:
        await job.client.publish_message(
            data={
                "name": message_name,
                "correlationKey": correlation_key,
                "timeToLive": 60_000,
            }
        )
        return {"handlerRan": True}

    scenario.worker(job_type, publish_then_complete)
    created = await scenario.client.create_process_instance(
        data={
            "processDefinitionId": process_id,
            "variables": {
                "jobType": job_type,
                "correlationKey": correlation_key,
                "messageName": message_name,
            },
            "awaitCompletion": True,
            "requestTimeout": 30_000,
        }
    )
    key = str(created.process_instance_key)
    scenario.instances.append(key)

    assert True is created.variables["handlerRan"]
    return await scenario.reached_end(key, "end")


async def payment_process(scenario: Scenario, file_name: str) -> Outcome:
    types = ["customerCreditHandling", "creditCardCharging"]
    process_id = await _deploy(scenario, file_name, types)
    charged: list[JobContext] = []
    scenario.worker(
        scenario.name("customerCreditHandling"),
        _returning({"remainingAmount": 40.0, "customerCredit": 10.0}),
    )
    scenario.worker(scenario.name("creditCardCharging"), _returning(None, charged))

    key = await scenario.start(
        process_id, {"customerId": "testCustomer", "orderTotal": 50.0}
    )
    outcome = await scenario.reached_end(key, "PaymentCompletedEndEvent")

    assert [40.0] == [job.variables["openAmount"] for job in charged]
    return outcome


async def task_headers(scenario: Scenario, file_name: str) -> Outcome:
    types = ["migrant-worker-task-1", "migration-checkpoint", "migrant-worker-task-2"]
    process_id = await _deploy(scenario, file_name, types)
    order: list[JobContext] = []
    for job_type in types:
        scenario.worker(scenario.name(job_type), _returning(None, order))

    key = await scenario.start(process_id)
    outcome = await scenario.reached_end(key, "Event_0zwmdqk")

    assert [scenario.name(t) for t in types] == [job.type_ for job in order]
    assert [{"ProcessVersion": "1"}, {}, {"ProcessVersion": "1"}] == [
        dict(job.custom_headers) for job in order
    ]
    return outcome


async def message_catch(scenario: Scenario, file_name: str) -> Outcome:
    process_id = await _deploy(scenario, file_name, ["test-message-1"])
    correlation_key = str(uuid.uuid4())

    key = await scenario.start(
        process_id, {"testMessageCorrelationField": correlation_key}
    )
    result = await scenario.correlate(scenario.name("test-message-1"), correlation_key)

    assert key == str(result.process_instance_key)
    return await scenario.reached_end(key, "Event_1wbyaf0")


HAPPY_PATHS: dict[str, tuple[Steps, str]] = {
    "ticket-booking.bpmn": (ticket_booking, "Event_1mqmjv4"),
    "order-boundary-errors.bpmn": (order_boundary_errors, "Event_0f9sbko"),
    "benchmark-typical.bpmn": (benchmark_typical, "end"),
    "conditional-pathway.bpmn": (conditional_pathway, "EndEvent_1g2ztlo"),
    "human-tasks.bpmn": (human_tasks, "happy-end"),
    "parallel-service-tasks.bpmn": (parallel_service_tasks, "endevent"),
    "parallel-receive-tasks.bpmn": (parallel_receive_tasks, "Event_17qoged"),
    "message-handler.bpmn": (message_handler, "end"),
    "payment-process.bpmn": (payment_process, "PaymentCompletedEndEvent"),
    "task-headers.bpmn": (task_headers, "Event_0zwmdqk"),
    "message-catch.bpmn": (message_catch, "Event_1wbyaf0"),
}
NEEDS_CLOCK = {"benchmark-typical.bpmn"}


def _files() -> list[Any]:
    if not REAL_BPMN.is_dir():
        reason = f"{REAL_BPMN} is absent: no real BPMN input to run"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="absent")]
    return [
        pytest.param(
            path.name,
            marks=[pytest.mark.devengine_only] if path.name in NEEDS_CLOCK else [],
            id=path.stem,
        )
        for path in sorted(REAL_BPMN.glob("*.bpmn"))
    ]


@pytest.mark.parametrize("file_name", _files())
async def test_real_bpmn_happy_path(scenario: Scenario, file_name: str) -> None:
    """The file's MANIFEST happy path completes at its expected end event."""
    assert file_name in HAPPY_PATHS, f"no happy path written for {file_name}"
    steps, end_event = HAPPY_PATHS[file_name]

    outcome = await asyncio.wait_for(steps(scenario, file_name), timeout=90)

    assert ("COMPLETED", end_event, "END_EVENT") == outcome


# ------------------------------------------------------------ other paths


def _raising(error: JobError) -> Callable[[JobContext], Awaitable[None]]:
    """A handler that throws `error` as a BPMN error."""

    async def handler(job: JobContext) -> None:
        raise error

    return handler


async def ticket_booking_seats_unavailable(
    scenario: Scenario, file_name: str
) -> Outcome:
    types = ["reserve-seats", "retrieve-payment", "generate-ticket"]
    process_id = await _deploy(scenario, file_name, [*types, "msg-payment-received"])
    paid: list[JobContext] = []
    scenario.worker(
        scenario.name("reserve-seats"), _raising(JobError("ErrorSeatsNotAvailable"))
    )
    scenario.worker(scenario.name("retrieve-payment"), _returning(None, paid))

    key = await scenario.start(process_id)
    outcome = await scenario.reached_end(key, "Event_1ne48r4")

    assert [] == paid
    return outcome


async def ticket_booking_payment_times_out(
    scenario: Scenario, file_name: str
) -> Outcome:
    engine = scenario.target.require_engine()
    types = ["reserve-seats", "retrieve-payment", "generate-ticket"]
    process_id = await _deploy(scenario, file_name, [*types, "msg-payment-received"])
    tickets: list[JobContext] = []
    scenario.worker(scenario.name("reserve-seats"), _returning(None))
    scenario.worker(
        scenario.name("retrieve-payment"),
        _returning({"paymentRequestId": scenario.name("payment")}),
    )
    scenario.worker(scenario.name("generate-ticket"), _returning(None, tickets))

    key = await scenario.start(process_id)
    await scenario.element_active(key, "Activity_0h19mxb")
    engine.advance_clock(30_000)
    outcome = await scenario.reached_end(key, "Event_05eni0s")

    assert [] == tickets
    return outcome


async def order_boundary_errors_payment_declined(
    scenario: Scenario, file_name: str
) -> Outcome:
    types = ["check-inventory", "charge-payment", "ship-items"]
    process_id = await _deploy(scenario, file_name, types)
    shipped: list[JobContext] = []
    scenario.worker(scenario.name("check-inventory"), _returning(None))
    # Both boundaries have no errorRef: they catch any code.
    scenario.worker(
        scenario.name("charge-payment"), _raising(JobError("CARD_DECLINED"))
    )
    scenario.worker(scenario.name("ship-items"), _returning(None, shipped))

    key = await scenario.start(process_id)
    outcome = await scenario.reached_end(key, "Event_17fdijx")

    assert [] == shipped
    return outcome


async def benchmark_typical_short(scenario: Scenario, file_name: str) -> Outcome:
    process_id = await _deploy(scenario, file_name, [])
    starter = scenario.name("starter")
    tasks: list[JobContext] = []
    scenario.worker(f"benchmark-task-{starter}", _returning(None, tasks))

    key = await scenario.start(
        process_id, {"benchmark_starter_id": starter, "var2": False}
    )
    outcome = await scenario.reached_end(key, "Event_1bcf2he")

    assert 3 == len(tasks)
    return outcome


async def conditional_pathway_b(scenario: Scenario, file_name: str) -> Outcome:
    process_id = await _deploy(scenario, file_name, ["wait", "pathA", "pathB"])
    path_a: list[JobContext] = []
    path_b: list[JobContext] = []
    scenario.worker(scenario.name("wait"), _returning(None))
    scenario.worker(scenario.name("pathA"), _returning(None, path_a))
    scenario.worker(scenario.name("pathB"), _returning(None, path_b))

    key = await scenario.start(process_id, {"conditionVariable": False})
    outcome = await scenario.reached_end(key, "EndEvent_1g2ztlo")

    assert (0, [False]) == (
        len(path_a),
        [job.variables["conditionVariable"] for job in path_b],
    )
    return outcome


async def human_tasks_salad(scenario: Scenario, file_name: str) -> Outcome:
    form_ids = ["DecideWhatsForDinner", "prepare-chicken", "prepare-salad"]
    forms = {f"{form_id}.form": _form(form_id) for form_id in form_ids}
    process_id = await _deploy(scenario, file_name, [], forms)

    key = await scenario.start(process_id)
    decide = await scenario.user_task(key, "decide-dinner")
    await scenario.client.complete_user_task(
        decide, data={"variables": {"meal": "salad"}}
    )
    salad = await scenario.user_task(key, "prepare-salad")
    await scenario.client.complete_user_task(salad)
    return await scenario.reached_end(key, "happy-end")


async def payment_process_card_error(scenario: Scenario, file_name: str) -> Outcome:
    types = ["customerCreditHandling", "creditCardCharging"]
    # The user task on this path links form checkPayment; a real cluster needs it.
    forms = {"checkPayment.form": _form("checkPayment")}
    process_id = await _deploy(scenario, file_name, types, forms)
    scenario.worker(
        scenario.name("customerCreditHandling"),
        _returning({"remainingAmount": 40.0}),
    )
    scenario.worker(
        scenario.name("creditCardCharging"),
        _raising(
            JobError(
                "creditCardError",
                "expired card",
                variables={"errorMessage": "Invalid expiry date"},
            )
        ),
    )

    key = await scenario.start(process_id)
    check = await scenario.user_task(key, "CheckPaymentDataTask")
    page = await scenario.client.search_variables(
        data={"filter": {"processInstanceKey": key, "name": "creditCardErrorMessage"}},
        consistency=scenario.consistency(),
    )
    await scenario.client.complete_user_task(
        check, data={"variables": {"errorResolved": False}}
    )
    outcome = await scenario.reached_end(key, "PaymentFailedEndEvent")

    assert ['"Invalid expiry date"'] == [item.value for item in page.items]
    return outcome


OTHER_PATHS: list[Any] = [
    pytest.param(
        "ticket-booking.bpmn",
        ticket_booking_seats_unavailable,
        "Event_1ne48r4",
        id="ticket-booking-seats-unavailable",
    ),
    pytest.param(
        "ticket-booking.bpmn",
        ticket_booking_payment_times_out,
        "Event_05eni0s",
        id="ticket-booking-payment-timeout",
        marks=pytest.mark.devengine_only,
    ),
    pytest.param(
        "order-boundary-errors.bpmn",
        order_boundary_errors_payment_declined,
        "Event_17fdijx",
        id="order-boundary-errors-declined",
    ),
    pytest.param(
        "benchmark-typical.bpmn",
        benchmark_typical_short,
        "Event_1bcf2he",
        id="benchmark-typical-short",
    ),
    pytest.param(
        "conditional-pathway.bpmn",
        conditional_pathway_b,
        "EndEvent_1g2ztlo",
        id="conditional-pathway-b",
    ),
    pytest.param(
        "human-tasks.bpmn", human_tasks_salad, "happy-end", id="human-tasks-salad"
    ),
    pytest.param(
        "payment-process.bpmn",
        payment_process_card_error,
        "PaymentFailedEndEvent",
        id="payment-process-card-error",
    ),
]


@pytest.mark.skipif(not REAL_BPMN.is_dir(), reason=f"{REAL_BPMN} is absent")
@pytest.mark.parametrize(("file_name", "steps", "end_event"), OTHER_PATHS)
async def test_real_bpmn_other_paths(
    scenario: Scenario, file_name: str, steps: Steps, end_event: str
) -> None:
    """An error, timer or branch path of the MANIFEST ends at its own end event."""
    outcome = await asyncio.wait_for(steps(scenario, file_name), timeout=90)

    assert ("COMPLETED", end_event, "END_EVENT") == outcome

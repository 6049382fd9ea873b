"""Every shared real-world BPMN file deploys and runs its happy path to the end."""

from __future__ import annotations

from typing import Any

from camunda_testkit._core import Engine


def test_ticket_booking_happy_path(kit: Any, engine: Engine) -> None:
    """ticket-booking: seats, payment, correlated message, ticket, success end."""
    kit.real("ticket-booking.bpmn")
    key = kit.start("ticket-booking")

    kit.work("reserve-seats")
    kit.work("retrieve-payment", {"paymentRequestId": "pay-1"})
    engine.correlate_message(
        {"name": "msg-payment-received", "correlationKey": "pay-1"}
    )
    kit.work("generate-ticket", {"ticketId": "t-1"})

    assert "COMPLETED" == kit.state(key)
    assert {"paymentRequestId": "pay-1", "ticketId": "t-1"} == kit.variables(key)


def test_ticket_booking_timeout_cancels_booking(kit: Any, engine: Engine) -> None:
    """ticket-booking: the 30 s timer boundary on the receive task ends the instance."""
    kit.real("ticket-booking.bpmn")
    key = kit.start("ticket-booking")
    kit.work("reserve-seats")
    kit.work("retrieve-payment", {"paymentRequestId": "pay-2"})

    engine.advance_clock(30_000)

    assert "COMPLETED" == kit.state(key)
    assert [] == kit.activate("generate-ticket")


def test_ticket_booking_seats_error_is_caught(kit: Any, engine: Engine) -> None:
    """ticket-booking: the seats error boundary catches the thrown error code."""
    kit.real("ticket-booking.bpmn")
    key = kit.start("ticket-booking")
    job = kit.activate("reserve-seats")[0]

    engine.throw_job_error(job["jobKey"], {"errorCode": "ErrorSeatsNotAvailable"})

    assert "COMPLETED" == kit.state(key)
    assert [] == kit.activate("retrieve-payment")


def test_order_boundary_errors_happy_path(kit: Any) -> None:
    """order-boundary-errors: inventory, payment, shipping in order."""
    kit.real("order-boundary-errors.bpmn")
    key = kit.start("process2")

    for job_type in ("check-inventory", "charge-payment", "ship-items"):
        kit.work(job_type)

    assert "COMPLETED" == kit.state(key)


def test_benchmark_happy_path_with_timers(kit: Any, engine: Engine) -> None:
    """benchmark: nine FEEL-typed jobs, two one-minute timers, one final job."""
    kit.real("benchmark-typical.bpmn")
    key = kit.start("benchmark", benchmark_starter_id="benchmarkStarter1", var2=True)

    done = 0
    while done < 9:
        jobs = kit.activate("benchmark-task-benchmarkStarter1")
        if not jobs:
            engine.advance_clock(60_000)
            continue
        for job in jobs:
            engine.complete_job(job["jobKey"], {})
            done += 1
    kit.work("benchmark-task-benchmarkStarter1-completed")

    assert 9 == done
    assert "COMPLETED" == kit.state(key)


def test_conditional_pathway_both_ways(kit: Any) -> None:
    """condition-test: the gateway routes true to pathA and false to pathB."""
    kit.real("conditional-pathway.bpmn")
    first = kit.start("condition-test", conditionVariable=True)
    second = kit.start("condition-test", conditionVariable=False)

    kit.work("wait")
    kit.work("wait")
    kit.work("pathA")
    kit.work("pathB")

    assert ["COMPLETED", "COMPLETED"] == [kit.state(first), kit.state(second)]


def test_human_tasks_happy_path(kit: Any, engine: Engine) -> None:
    """human-tasks: decide chicken, then prepare chicken, through the XOR merge."""
    kit.real("human-tasks.bpmn")
    key = kit.start("template-human-task-tutorial-074nxxb")

    decide = kit.user_tasks(key)
    engine.complete_user_task(
        decide[0]["userTaskKey"], {"variables": {"meal": "chicken"}}
    )
    prepare = kit.user_tasks(key)
    engine.complete_user_task(prepare[0]["userTaskKey"], {})

    assert ["decide-dinner", "prepare-chicken"] == [
        decide[0]["elementId"],
        prepare[0]["elementId"],
    ]
    assert "COMPLETED" == kit.state(key)


def test_parallel_service_tasks_happy_path(kit: Any, engine: Engine) -> None:
    """multiple-tasks: start output sets loopAmount, three parallel jobs, join."""
    kit.real("parallel-service-tasks.bpmn")
    key = kit.start("multiple-tasks")

    jobs = kit.activate("test")
    for job in jobs:
        engine.complete_job(job["jobKey"], {})

    assert 3 == len(jobs)
    assert "COMPLETED" == kit.state(key)
    assert {"loopAmount": 1} == kit.variables(key)


def test_parallel_receive_tasks_happy_path(kit: Any, engine: Engine) -> None:
    """process_with_parallel_receive_tasks: three messages in any order, then join."""
    kit.real("parallel-receive-tasks.bpmn")
    key = kit.start("process_with_parallel_receive_tasks")

    for n in (3, 1, 2):
        engine.correlate_message(
            {"name": f"Message{n}", "correlationKey": f"correlation_key_{n}"}
        )

    assert "COMPLETED" == kit.state(key)


def test_message_handler_buffered_message(kit: Any, engine: Engine) -> None:
    """message-handler: a message published inside the job handler (TTL) correlates."""
    kit.real("message-handler.bpmn")
    key = kit.start(
        "message-handler-test-process",
        jobType="msg-handler-1",
        correlationKey="corr-1",
        messageName="msg-1",
    )

    job = kit.activate("msg-handler-1")[0]
    engine.publish_message(
        {"name": "msg-1", "correlationKey": "corr-1", "timeToLive": 60_000}
    )
    engine.complete_job(job["jobKey"], {"variables": {"handlerRan": True}})

    assert "COMPLETED" == kit.state(key)
    result = engine.completion_result(key, ["handlerRan"])
    assert result is not None
    assert {"handlerRan": True} == result["variables"]


def test_payment_process_credit_covers_order(kit: Any) -> None:
    """Payment process path A: remainingAmount 0 passes the throw event and ends."""
    kit.real("payment-process.bpmn")
    key = kit.start("paymentProcess", customerId="c", orderTotal=50.0)

    kit.work("customerCreditHandling", {"remainingAmount": 0})

    assert "COMPLETED" == kit.state(key)


def test_payment_process_card_payment(kit: Any) -> None:
    """Payment process path B: the card job sees the input-mapped openAmount."""
    kit.real("payment-process.bpmn")
    key = kit.start("paymentProcess")

    kit.work("customerCreditHandling", {"remainingAmount": 40.0})
    job = kit.work("creditCardCharging")

    assert 40.0 == job["variables"]["openAmount"]
    assert "COMPLETED" == kit.state(key)


def test_payment_process_error_path(kit: Any, engine: Engine) -> None:
    """Payment process error path: boundary mapping, user task, card retried."""
    kit.real("payment-process.bpmn")
    key = kit.start("paymentProcess")
    kit.work("customerCreditHandling", {"remainingAmount": 10})
    job = kit.activate("creditCardCharging")[0]

    engine.throw_job_error(
        job["jobKey"],
        {"errorCode": "creditCardError", "variables": {"errorMessage": "expired"}},
    )
    task = kit.user_tasks(key)[0]
    engine.complete_user_task(
        task["userTaskKey"], {"variables": {"errorResolved": True}}
    )
    kit.work("creditCardCharging")

    assert "CheckPaymentDataTask" == task["elementId"]
    assert "expired" == kit.variables(key)["creditCardErrorMessage"]
    assert "COMPLETED" == kit.state(key)


def test_task_headers_happy_path(kit: Any) -> None:
    """migrant-work: three jobs in order, headers carry ProcessVersion '1'."""
    kit.real("task-headers.bpmn")
    key = kit.start("migrant-work")

    first = kit.work("migrant-worker-task-1")
    kit.work("migration-checkpoint")
    last = kit.work("migrant-worker-task-2")

    assert {"ProcessVersion": "1"} == first["customHeaders"]
    assert {"ProcessVersion": "1"} == last["customHeaders"]
    assert "COMPLETED" == kit.state(key)


def test_message_catch_happy_path(kit: Any, engine: Engine) -> None:
    """Process_1q7wlgj: correlate test-message-1 by the instance's uuid."""
    kit.real("message-catch.bpmn")
    key = kit.start("Process_1q7wlgj", testMessageCorrelationField="uuid-1")

    result = engine.correlate_message(
        {"name": "test-message-1", "correlationKey": "uuid-1"}
    )

    assert key == result["processInstanceKey"]
    assert "COMPLETED" == kit.state(key)

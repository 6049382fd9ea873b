"""The shared real-world BPMN files run their MANIFEST happy paths over HTTP."""

from __future__ import annotations

import uuid

from camunda_testkit import DevEngine


def test_ticket_booking_receive_task_and_message(api) -> None:
    """ticket-booking: three jobs and a correlated message reach the success end."""
    api.deploy_real("ticket-booking.bpmn")
    key = api.start("ticket-booking")
    payment = f"pay-{uuid.uuid4()}"

    api.complete("reserve-seats", {"reservationId": "1234"})
    api.complete("retrieve-payment", {"paymentRequestId": payment})
    correlated = api.correlate("msg-payment-received", payment)
    api.complete("generate-ticket", {"ticketId": "t-1"})

    assert 200 == correlated.status_code
    assert key == correlated.json()["processInstanceKey"]
    assert "COMPLETED" == api.state(key)
    assert "t-1" == api.variables(key)["ticketId"]


def test_ticket_booking_error_boundary(api) -> None:
    """ticket-booking: ErrorSeatsNotAvailable from reserve-seats ends the booking."""
    api.deploy_real("ticket-booking.bpmn")
    key = api.start("ticket-booking")
    job = api.activate("reserve-seats")

    thrown = api.client.post(
        f"/jobs/{job['jobKey']}/error", json={"errorCode": "ErrorSeatsNotAvailable"}
    )

    assert 204 == thrown.status_code
    assert "COMPLETED" == api.state(key)


def test_ticket_booking_timer_boundary(api, engine: DevEngine) -> None:
    """ticket-booking: without a payment message the PT30S timer ends the booking."""
    api.deploy_real("ticket-booking.bpmn")
    key = api.start("ticket-booking")
    api.complete("reserve-seats")
    api.complete("retrieve-payment", {"paymentRequestId": "never-paid"})

    engine.advance_clock(31_000)

    assert "COMPLETED" == api.state(key)
    assert 404 == api.correlate("msg-payment-received", "never-paid").status_code


def test_order_boundary_errors_happy_path(api) -> None:
    """order-boundary-errors: three jobs in a row complete the order."""
    api.deploy_real("order-boundary-errors.bpmn")
    key = api.start("process2")

    for job_type in ("check-inventory", "charge-payment", "ship-items"):
        api.complete(job_type)

    assert "COMPLETED" == api.state(key)


def test_order_boundary_catch_all_error(api) -> None:
    """order-boundary-errors: any error code is caught by the catch-all boundary."""
    api.deploy_real("order-boundary-errors.bpmn")
    key = api.start("process2")
    job = api.activate("check-inventory")

    api.client.post(f"/jobs/{job['jobKey']}/error", json={"errorCode": "ANYTHING"})
    leftover = api.client.post(
        "/jobs/activation",
        json={
            "type": "charge-payment",
            "timeout": 1000,
            "maxJobsToActivate": 1,
            "requestTimeout": -1,
        },
    )

    assert "COMPLETED" == api.state(key)
    assert [] == leftover.json()["jobs"]


def test_benchmark_typical_with_timers(api, engine: DevEngine) -> None:
    """benchmark-typical: ten FEEL-typed jobs and two PT1M timers, clock driven."""
    api.deploy_real("benchmark-typical.bpmn")
    key = api.start(
        "benchmark", {"benchmark_starter_id": "benchmarkStarter1", "var2": True}
    )
    task = "benchmark-task-benchmarkStarter1"

    for _ in range(3):
        api.complete(task)
    engine.advance_clock(60_000)
    for _ in range(3):
        api.complete(task)
    engine.advance_clock(60_000)
    for _ in range(3):
        api.complete(task)
    api.complete(f"{task}-completed")

    assert "COMPLETED" == api.state(key)


def test_conditional_pathway_both_branches(api) -> None:
    """conditional-pathway: the gateway picks pathA for true and pathB for false."""
    api.deploy_real("conditional-pathway.bpmn")
    first = api.start("condition-test", {"conditionVariable": True})
    api.complete("wait")
    api.complete("pathA")
    second = api.start("condition-test", {"conditionVariable": False})
    api.complete("wait")
    api.complete("pathB")

    assert "COMPLETED" == api.state(first)
    assert "COMPLETED" == api.state(second)


def test_conditional_pathway_set_variables_changes_branch(api) -> None:
    """conditional-pathway: conditionVariable=false set on the instance picks pathB."""
    api.deploy_real("conditional-pathway.bpmn")
    key = api.start("condition-test", {"conditionVariable": True})

    updated = api.client.put(
        f"/element-instances/{key}/variables",
        json={"variables": {"conditionVariable": False}},
    )
    api.complete("wait")
    job = api.activate("pathB")

    assert 204 == updated.status_code
    assert False is job["variables"]["conditionVariable"]


def test_human_tasks_chicken_branch(api) -> None:
    """human-tasks: decide-dinner chicken, then prepare-chicken completes it."""
    api.deploy_real("human-tasks.bpmn")
    key = api.start("template-human-task-tutorial-074nxxb")

    first = api.complete_user_task(key, {"meal": "chicken"})
    second = api.complete_user_task(key, {})

    assert "decide-dinner" == first["elementId"]
    assert "prepare-chicken" == second["elementId"]
    assert "COMPLETED" == api.state(key)


def test_parallel_service_tasks_join(api) -> None:
    """parallel-service-tasks: three concurrent test jobs join; loopAmount ends at 1."""
    api.deploy_real("parallel-service-tasks.bpmn")
    key = api.start("multiple-tasks")
    response = api.client.post(
        "/jobs/activation",
        json={"type": "test", "timeout": 30_000, "maxJobsToActivate": 5},
    )
    jobs = response.json()["jobs"]

    for job in jobs:
        api.client.post(f"/jobs/{job['jobKey']}/completion", json={})

    assert 3 == len(jobs)
    assert "COMPLETED" == api.state(key)
    assert 1 == api.variables(key)["loopAmount"]


def test_parallel_receive_tasks_any_order(api) -> None:
    """parallel-receive-tasks: three messages in any order complete the instance."""
    api.deploy_real("parallel-receive-tasks.bpmn")
    key = api.start("process_with_parallel_receive_tasks")

    statuses = [
        api.correlate(f"Message{n}", f"correlation_key_{n}").status_code
        for n in (3, 1, 2)
    ]

    assert [200, 200, 200] == statuses
    assert "COMPLETED" == api.state(key)


def test_message_handler_buffered_message(api) -> None:
    """message-handler: a message published before the subscription is buffered."""
    api.deploy_real("message-handler.bpmn")
    suffix = uuid.uuid4()
    variables = {
        "jobType": f"msg-handler-{suffix}",
        "correlationKey": f"corr-{suffix}",
        "messageName": f"msg-{suffix}",
    }
    created = api.client.post(
        "/process-instances",
        json={
            "processDefinitionId": "message-handler-test-process",
            "variables": variables,
        },
    )
    key = created.json()["processInstanceKey"]
    job = api.activate(variables["jobType"])

    published = api.client.post(
        "/messages/publication",
        json={
            "name": variables["messageName"],
            "correlationKey": variables["correlationKey"],
            "timeToLive": 60_000,
        },
    )
    api.client.post(
        f"/jobs/{job['jobKey']}/completion", json={"variables": {"handlerRan": True}}
    )

    assert 200 == published.status_code
    assert "COMPLETED" == api.state(key)
    assert True is api.variables(key)["handlerRan"]


def test_payment_process_credit_covers(api) -> None:
    """payment-process path A: remainingAmount 0 completes without a card charge."""
    api.deploy_real("payment-process.bpmn")
    key = api.start("paymentProcess", {"customerId": "c", "orderTotal": 50.0})

    api.complete("customerCreditHandling", {"remainingAmount": 0})

    assert "COMPLETED" == api.state(key)


def test_payment_process_card_charge_sees_input_mapping(api) -> None:
    """payment-process path B: the card job sees openAmount from its input mapping."""
    api.deploy_real("payment-process.bpmn")
    key = api.start("paymentProcess", {"customerId": "c", "orderTotal": 50.0})
    api.complete("customerCreditHandling", {"remainingAmount": 40.0})

    job = api.activate("creditCardCharging")
    api.client.post(f"/jobs/{job['jobKey']}/completion", json={})

    assert 40.0 == job["variables"]["openAmount"]
    assert "COMPLETED" == api.state(key)


def test_payment_process_error_path_with_user_task(api) -> None:
    """payment-process error path: the boundary maps the message to a user task."""
    api.deploy_real("payment-process.bpmn")
    key = api.start("paymentProcess", {"customerId": "c", "orderTotal": 50.0})
    api.complete("customerCreditHandling", {"remainingAmount": 40.0})
    job = api.activate("creditCardCharging")

    api.client.post(
        f"/jobs/{job['jobKey']}/error",
        json={
            "errorCode": "creditCardError",
            "variables": {"errorMessage": "expired card"},
        },
    )
    task = api.complete_user_task(key, {"errorResolved": True})
    api.complete("creditCardCharging")

    assert "CheckPaymentDataTask" == task["elementId"]
    assert "expired card" == api.variables(key)["creditCardErrorMessage"]
    assert "COMPLETED" == api.state(key)


def test_task_headers_reach_the_worker(api) -> None:
    """task-headers: jobs carry their static headers; three jobs complete it."""
    api.deploy_real("task-headers.bpmn")
    key = api.start("migrant-work")

    first = api.activate("migrant-worker-task-1")
    api.client.post(f"/jobs/{first['jobKey']}/completion", json={})
    api.complete("migration-checkpoint")
    api.complete("migrant-worker-task-2")

    assert {"ProcessVersion": "1"} == first["customHeaders"]
    assert "COMPLETED" == api.state(key)


def test_message_catch_correlates(api) -> None:
    """message-catch: correlating test-message-1 with the uuid completes it."""
    api.deploy_real("message-catch.bpmn")
    field = str(uuid.uuid4())
    key = api.start("Process_1q7wlgj", {"testMessageCorrelationField": field})

    response = api.correlate("test-message-1", field)

    assert 200 == response.status_code
    assert "COMPLETED" == api.state(key)

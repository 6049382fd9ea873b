"""Message subscriptions, buffering with TTL, dedupe, correlation and signals."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError

_MESSAGE = (
    '<bpmn:message id="m" name="paid"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=orderId"/>'
    "</bpmn:extensionElements></bpmn:message>"
)


@pytest.fixture
def waiting(kit: Any, helpers: Any) -> Any:
    """Start -> catch 'paid' keyed by orderId -> end, in processes 'w1' and 'w2'."""
    h = helpers
    body = (
        h.START
        + '<bpmn:intermediateCatchEvent id="catch">'
        + '<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>'
        + h.END
        + h.chain("start", "catch", "end")
    )
    kit.deploy(h.bpmn("w1", body, _MESSAGE), "w1.bpmn")
    kit.deploy(h.bpmn("w2", body, _MESSAGE), "w2.bpmn")
    return kit


def test_publish_correlates_to_an_open_subscription(
    waiting: Any, engine: Engine
) -> None:
    """A published message moves the waiting instance on and merges its variables."""
    key = waiting.start("w1", orderId="o-1")

    engine.publish_message(
        {"name": "paid", "correlationKey": "o-1", "variables": {"amount": 5}}
    )

    assert "COMPLETED" == waiting.state(key)
    assert {"orderId": "o-1", "amount": 5} == waiting.variables(key)


def test_message_with_ttl_waits_for_a_later_subscription(
    waiting: Any, engine: Engine
) -> None:
    """A buffered message correlates when the subscription opens within the TTL."""
    engine.publish_message(
        {"name": "paid", "correlationKey": "o-2", "timeToLive": 10_000}
    )

    key = waiting.start("w1", orderId="o-2")

    assert "COMPLETED" == waiting.state(key)


def test_message_without_ttl_is_lost(waiting: Any, engine: Engine) -> None:
    """With TTL 0 a message reaches only subscriptions already open."""
    engine.publish_message({"name": "paid", "correlationKey": "o-3"})

    key = waiting.start("w1", orderId="o-3")

    assert "ACTIVE" == waiting.state(key)


def test_buffered_message_expires_on_the_engine_clock(
    waiting: Any, engine: Engine
) -> None:
    """After its TTL passes on the engine clock a message no longer correlates."""
    engine.publish_message(
        {"name": "paid", "correlationKey": "o-4", "timeToLive": 1_000}
    )

    engine.advance_clock(1_000)
    key = waiting.start("w1", orderId="o-4")

    assert "ACTIVE" == waiting.state(key)


def test_message_id_is_unique_while_buffered(waiting: Any, engine: Engine) -> None:
    """A second publish with the same messageId within the TTL is 409 ALREADY_EXISTS."""
    body = {
        "name": "paid",
        "correlationKey": "k",
        "timeToLive": 5_000,
        "messageId": "id",
    }
    engine.publish_message(body)

    with pytest.raises(EngineError) as error:
        engine.publish_message(body)
    engine.advance_clock(5_000)
    engine.publish_message(body)

    assert (409, "ALREADY_EXISTS") == (error.value.status, error.value.title)


def test_message_correlates_once_per_process(waiting: Any, engine: Engine) -> None:
    """One message reaches one instance of each process id, not every instance."""
    first = waiting.start("w1", orderId="same")
    second = waiting.start("w1", orderId="same")
    other = waiting.start("w2", orderId="same")

    engine.publish_message({"name": "paid", "correlationKey": "same"})

    assert ["COMPLETED", "ACTIVE", "COMPLETED"] == [
        waiting.state(k) for k in (first, second, other)
    ]


def test_correlate_returns_the_instance_or_not_found(
    waiting: Any, engine: Engine
) -> None:
    """Correlate answers with the instance key, or 404 when nothing waits."""
    key = waiting.start("w1", orderId="o-5")

    result = engine.correlate_message({"name": "paid", "correlationKey": "o-5"})
    with pytest.raises(EngineError) as error:
        engine.correlate_message({"name": "paid", "correlationKey": "o-5"})

    assert key == result["processInstanceKey"]
    assert 404 == error.value.status


def test_numeric_correlation_key_is_text(waiting: Any, engine: Engine) -> None:
    """A number correlation key matches its decimal text."""
    key = waiting.start("w1", orderId=42)

    engine.publish_message({"name": "paid", "correlationKey": "42"})

    assert "COMPLETED" == waiting.state(key)


def test_null_correlation_key_is_an_incident(waiting: Any, engine: Engine) -> None:
    """A missing correlation key variable raises EXTRACT_VALUE_ERROR."""
    key = waiting.start("w1")

    assert ["EXTRACT_VALUE_ERROR"] == [i["errorType"] for i in waiting.incidents(key)]


def test_subscription_search_shows_open_and_correlated(
    waiting: Any, engine: Engine
) -> None:
    """Message subscriptions are searchable with their state."""
    key = waiting.start("w1", orderId="o-6")
    before = engine.search_message_subscriptions(
        {"filter": {"processInstanceKey": key}}
    )

    engine.publish_message({"name": "paid", "correlationKey": "o-6"})
    after = engine.search_message_subscriptions({"filter": {"processInstanceKey": key}})

    assert ["CREATED"] == [i["messageSubscriptionState"] for i in before["items"]]
    assert ["CORRELATED"] == [i["messageSubscriptionState"] for i in after["items"]]


def test_signal_catch_event(kit: Any, helpers: Any, engine: Engine) -> None:
    """A broadcast signal triggers every waiting signal catch event."""
    h = helpers
    body = (
        h.START
        + '<bpmn:intermediateCatchEvent id="catch">'
        + '<bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>'
        + h.END
        + h.chain("start", "catch", "end")
    )
    kit.deploy(h.bpmn("sig", body, '<bpmn:signal id="s" name="go"/>'))
    keys = [kit.start("sig"), kit.start("sig")]

    result = engine.broadcast_signal({"signalName": "go", "variables": {"v": 1}})

    assert "<default>" == result["tenantId"]
    assert ["COMPLETED", "COMPLETED"] == [kit.state(k) for k in keys]
    assert {"v": 1} == kit.variables(keys[0])


def test_message_boundary_interrupts_the_task(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A message boundary on a task cancels its job and takes the boundary path."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "slow")
        + '<bpmn:boundaryEvent id="b" attachedToRef="task">'
        + '<bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>'
        + h.service_task("after", "after")
        + h.END
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("start", "task", "end")
        + h.chain("b", "after", "e2")
    )
    kit.deploy(h.bpmn("mb", body, _MESSAGE))
    key = kit.start("mb", orderId="o-7")

    engine.publish_message({"name": "paid", "correlationKey": "o-7"})

    assert [] == kit.activate("slow")
    assert 1 == len(kit.activate("after"))
    assert "ACTIVE" == kit.state(key)

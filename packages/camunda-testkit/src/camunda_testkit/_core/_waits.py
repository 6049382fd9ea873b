"""Waiting for events: boundaries, timers, message and signal subscriptions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from camunda_testkit._bpmn import Element, MessageDef, SignalDef, TimerDef
from camunda_testkit._feel import (
    FeelError,
    parse_cycle,
    parse_date_time,
    parse_duration,
)

from ._expr import ExpressionError, evaluate, evaluate_string
from ._records import ElementInstance, Message, SignalSubscription, Subscription, Timer

if TYPE_CHECKING:
    from ._flow import Flow

__all__ = [
    "broadcast_signal",
    "open_event_subprocesses",
    "trigger_event_subprocess",
    "open_boundaries",
    "close_waits",
    "fire_event",
    "schedule_timer",
    "fire_timer",
    "open_subscription",
    "pick_buffered",
    "correlate",
    "open_subscriptions_for",
    "open_signal",
    "open_gateway_events",
    "timer_plan",
]


def open_boundaries(rt: Flow, ei: ElementInstance, element: Element) -> None:
    """Open the timer, message and signal boundary events of an activity."""
    process = rt.process_of(ei)
    for boundary_id in process.boundaries.get(element.id, ()):
        boundary = process.element(boundary_id)
        event = boundary.event
        if isinstance(event, TimerDef):
            schedule_timer(rt, ei, boundary, event)
        elif isinstance(event, MessageDef):
            open_subscription(rt, ei, ei, boundary, event)
        elif isinstance(event, SignalDef):
            open_signal(rt, ei, boundary, event)
        if ei.state != "ACTIVE":
            return


def close_waits(rt: Flow, ei: ElementInstance) -> None:
    """Cancel the timers and close the subscriptions an element holds."""
    for timer in ei.timers:
        timer.active = False
        rt.timers.pop(timer.key, None)
    ei.timers.clear()
    for sub in ei.subscriptions:
        if sub.state == "CREATED":
            sub.state = "DELETED"
            sub.updated_ms = rt.now()
            rt.touch(sub)
        index = rt.subscriptions.get((sub.tenant_id, sub.name, sub.correlation_key))
        if index is not None:
            index.pop(sub.key, None)
    ei.subscriptions.clear()
    for signal in ei.signal_subscriptions:
        index = rt.signal_subscriptions.get((ei.instance.tenant_id, signal.name))
        if index is not None:
            index.pop(signal.key, None)
    ei.signal_subscriptions.clear()


def fire_event(
    rt: Flow, owner: ElementInstance, element: Element, variables: dict[str, Any] | None
) -> None:
    """An awaited event happened for ``owner`` (catch event or attached task)."""
    if owner.state != "ACTIVE":
        return
    if owner.element is not None and owner.element.kind == "eventBasedGateway":
        scope = owner.parent
        assert scope is not None
        rt.close(owner, "COMPLETED")
        chosen = rt.new_element_instance(scope, element)
        rt.deliver(chosen, variables)
        rt.complete(chosen)
        return
    if element.kind == "startEvent":
        trigger_event_subprocess(rt, owner, element, variables)
        return
    if element.kind != "boundaryEvent":
        rt.deliver(owner, variables)
        rt.complete(owner)
        return
    scope = owner.parent
    assert scope is not None
    if element.cancel_activity:
        rt.terminate(owner)
    rt.trigger_boundary(scope, element, variables)


def schedule_timer(
    rt: Flow, owner: ElementInstance, element: Element, event: TimerDef
) -> None:
    """Start a timer for a catch event or a boundary of ``owner``."""
    now = rt.now()
    value = evaluate(event.text, rt.visible_variables(owner))
    try:
        due, repetitions, interval = timer_plan(event.kind, value, now)
    except (FeelError, ValueError, TypeError) as exc:
        raise ExpressionError(f"invalid timer '{event.text}': {exc}") from exc
    if not element.cancel_activity and event.kind != "cycle":
        repetitions = 1
    timer = Timer(
        key=rt.key(owner.instance.partition),
        element_instance=owner,
        element=element,
        due_ms=due,
        repetitions=repetitions,
        interval_ms=interval,
    )
    owner.timers.append(timer)
    rt.timers[timer.key] = timer
    rt.schedule(due, "timer", timer)


def fire_timer(rt: Flow, timer: Timer) -> None:
    """A timer is due: trigger its event and re-arm a cycle."""
    if not timer.active:
        return
    owner = timer.element_instance
    element = timer.element
    again = (
        element.kind in ("boundaryEvent", "startEvent")
        and not element.cancel_activity
        and (timer.repetitions is None or timer.repetitions > 1)
    )
    if again:
        timer.repetitions = None if timer.repetitions is None else timer.repetitions - 1
        timer.due_ms += max(timer.interval_ms, 1)
        rt.schedule(timer.due_ms, "timer", timer)
    else:
        timer.active = False
        rt.timers.pop(timer.key, None)
        if timer in owner.timers:
            owner.timers.remove(timer)
    fire_event(rt, owner, element, None)


def open_subscription(
    rt: Flow,
    owner: ElementInstance,
    scope: ElementInstance,
    element: Element,
    event: MessageDef,
) -> None:
    """Open a message subscription and pick up a buffered message if any."""
    variables = rt.visible_variables(scope)
    name = evaluate_string(event.name, variables)
    key_text = event.correlation_key or ""
    try:
        correlation_key = evaluate_string(key_text, variables)
    except ExpressionError as exc:
        raise ExpressionError(
            f"Failed to extract the correlation key for '{key_text.lstrip('=')}': "
            f"The value must be either a string or a number. {exc}"
        ) from exc
    sub = Subscription(
        key=rt.key(owner.instance.partition),
        name=name,
        correlation_key=correlation_key,
        element_instance=owner,
        element=element,
        tenant_id=owner.instance.tenant_id,
        created_ms=rt.now(),
    )
    owner.subscriptions.append(sub)
    rt.all_subscriptions[sub.key] = sub
    owner.instance.records.append(sub)
    rt.subscriptions.setdefault((sub.tenant_id, name, correlation_key), {})[sub.key] = (
        sub
    )
    rt.touch(sub)
    rt.queue.append(lambda: pick_buffered(rt, sub))


def pick_buffered(rt: Flow, sub: Subscription) -> None:
    """Correlate a still-buffered message to a freshly opened subscription."""
    if sub.state != "CREATED":
        return
    buffered = rt.messages.get((sub.tenant_id, sub.name, sub.correlation_key), {})
    process_id = sub.element_instance.instance.definition.process.id
    now = rt.now()
    for message in buffered.values():
        if message.deadline_ms > now and process_id not in message.correlated_processes:
            correlate(rt, message, sub)
            return


def correlate(rt: Flow, message: Message, sub: Subscription) -> None:
    """Deliver ``message`` through ``sub``."""
    message.correlated_processes.add(
        sub.element_instance.instance.definition.process.id
    )
    repeatable = not sub.element.cancel_activity and sub.element.kind in (
        "boundaryEvent",
        "startEvent",
    )
    if not repeatable:
        sub.state = "CORRELATED"
    sub.updated_ms = rt.now()
    rt.touch(sub)
    fire_event(rt, sub.element_instance, sub.element, message.variables)


def open_subscriptions_for(rt: Flow, message: Message) -> list[Subscription]:
    """The open subscriptions a new message reaches: one per process id."""
    index = rt.subscriptions.get(
        (message.tenant_id, message.name, message.correlation_key)
    )
    if not index:
        return []
    chosen: dict[str, Subscription] = {}
    for sub in index.values():
        process_id = sub.element_instance.instance.definition.process.id
        fresh = process_id not in message.correlated_processes
        if sub.state == "CREATED" and process_id not in chosen and fresh:
            chosen[process_id] = sub
    return list(chosen.values())


def open_signal(
    rt: Flow, owner: ElementInstance, element: Element, event: SignalDef
) -> None:
    """Open a signal subscription for a catch or boundary event."""
    name = evaluate_string(event.name, rt.visible_variables(owner))
    signal = SignalSubscription(
        key=rt.key(owner.instance.partition),
        name=name,
        element_instance=owner,
        element=element,
    )
    owner.signal_subscriptions.append(signal)
    rt.signal_subscriptions.setdefault((owner.instance.tenant_id, name), {})[
        signal.key
    ] = signal


def open_gateway_events(rt: Flow, ei: ElementInstance, element: Element) -> None:
    """Wait on every event that follows an event-based gateway."""
    process = rt.process_of(ei)
    for flow_id in element.outgoing:
        target = process.element(process.flows[flow_id].target)
        event = target.event
        if isinstance(event, MessageDef):
            open_subscription(rt, ei, ei, target, event)
        elif isinstance(event, TimerDef):
            schedule_timer(rt, ei, target, event)
        elif isinstance(event, SignalDef):
            open_signal(rt, ei, target, event)


def open_event_subprocesses(rt: Flow, scope: ElementInstance) -> None:
    """Arm the message, timer and signal starts of a scope's event subprocesses."""
    process = rt.process_of(scope)
    scope_id = scope.element.id if scope.element is not None else None
    for sub_id in process.event_subprocesses.get(scope_id, ()):
        start = process.event_start_of(sub_id)
        event = start.event if start is not None else None
        if start is None:
            continue
        if isinstance(event, TimerDef):
            schedule_timer(rt, scope, start, event)
        elif isinstance(event, MessageDef):
            open_subscription(rt, scope, scope, start, event)
        elif isinstance(event, SignalDef):
            open_signal(rt, scope, start, event)


def trigger_event_subprocess(
    rt: Flow, scope: ElementInstance, start: Element, variables: dict[str, Any] | None
) -> None:
    """Run an event subprocess in ``scope``; an interrupting one ends the rest."""
    assert start.parent is not None
    container = rt.process_of(scope).element(start.parent)
    if start.cancel_activity:
        for child in list(scope.children.values()):
            rt.terminate(child)
        scope.joins.clear()
        _close_event_subprocess_waits(rt, scope)
    sub = rt.new_element_instance(scope, container)
    first = rt.new_element_instance(sub, start)
    rt.deliver(first, variables)
    rt.complete(first)


def _close_event_subprocess_waits(rt: Flow, scope: ElementInstance) -> None:
    for timer in [t for t in scope.timers if t.element.kind == "startEvent"]:
        timer.active = False
        rt.timers.pop(timer.key, None)
        scope.timers.remove(timer)
    for sub in [s for s in scope.subscriptions if s.element.kind == "startEvent"]:
        if sub.state == "CREATED":
            sub.state = "DELETED"
            sub.updated_ms = rt.now()
            rt.touch(sub)
        index = rt.subscriptions.get((sub.tenant_id, sub.name, sub.correlation_key))
        if index is not None:
            index.pop(sub.key, None)
        scope.subscriptions.remove(sub)
    for signal in [
        s for s in scope.signal_subscriptions if s.element.kind == "startEvent"
    ]:
        index = rt.signal_subscriptions.get((scope.instance.tenant_id, signal.name))
        if index is not None:
            index.pop(signal.key, None)
        scope.signal_subscriptions.remove(signal)


def broadcast_signal(
    rt: Flow, name: str, variables: dict[str, Any], tenant_id: str
) -> None:
    """Trigger open signal subscriptions and signal start events named ``name``."""
    index = rt.signal_subscriptions.get((tenant_id, name), {})
    for signal in list(index.values()):
        if signal.key in index:
            fire_event(rt, signal.element_instance, signal.element, variables)
    for definition in rt.latest_definitions(tenant_id):
        start_id = definition.process.signal_starts.get(name)
        if start_id is not None:
            rt.start_instance(definition, variables, [], None, start_id=start_id)


def timer_plan(kind: str, value: Any, now: int) -> tuple[int, int | None, int]:
    """Return (first due ms, repetitions or None for unbounded, interval ms)."""
    if kind == "duration":
        delta = value if isinstance(value, dt.timedelta) else parse_duration(str(value))
        ms = int(delta.total_seconds() * 1000)
        return now + ms, 1, ms
    if kind == "date":
        moment = (
            value if isinstance(value, dt.datetime) else parse_date_time(str(value))
        )
        return int(moment.timestamp() * 1000), 1, 0
    if isinstance(value, dt.timedelta):
        ms = int(value.total_seconds() * 1000)
        return now + ms, None, ms
    repetitions, delta = parse_cycle(str(value))
    ms = int(delta.total_seconds() * 1000)
    return now + ms, repetitions, ms

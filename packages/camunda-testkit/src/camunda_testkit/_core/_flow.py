"""Token flow: activate, complete and terminate element instances, raise incidents.

Each command puts follow-up steps on a queue that :meth:`Flow.run` drains
before the command returns, so the engine is always quiescent between
commands (Zeebe's processing model, in one thread under one lock).
"""

from __future__ import annotations

import copy
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, cast

from camunda_testkit._bpmn import (
    Element,
    ErrorDef,
    MessageDef,
    Process,
    SignalDef,
    TimerDef,
)

from . import _activities as activities
from . import _multi as multi
from . import _waits as waits
from ._events import JobsAvailable, ProcessInstanceCompleted, ProcessInstanceEnded
from ._expr import (
    CalledElementError,
    ExpressionError,
    evaluate_bool,
    evaluate_json,
    evaluate_string,
)
from ._records import (
    Definition,
    ElementInstance,
    Incident,
    Job,
    ProcessInstance,
)
from ._state import State

__all__ = ["Flow"]

_WAITING_ACTIVITIES = frozenset(
    {
        "serviceTask",
        "sendTask",
        "scriptTask",
        "businessRuleTask",
        "userTask",
        "receiveTask",
        "subProcess",
        "task",
        "manualTask",
        "callActivity",
    }
)


class Flow(State):
    """The BPMN state machine on top of the engine tables."""

    def clear(self) -> None:
        """Forget everything, including queued steps."""
        super().clear()
        self.queue: deque[Callable[[], None]] = deque()
        self.rechecks: dict[int, ElementInstance] = {}
        self.reach: dict[tuple[int, str], frozenset[str]] = {}
        self.started_by_key: dict[tuple[str, str], ProcessInstance] = {}
        self.start_timer_runs: dict[tuple[int, str], tuple[int | None, int]] = {}

    def run(self) -> None:
        """Drain the step queue: run every follow-up until quiescent.

        Waiting inclusive joins are looked at only when nothing else is
        queued, so no token is in flight while deciding that none can come.
        """
        while True:
            while self.queue:
                self.queue.popleft()()
            if not self.rechecks:
                return
            _, scope = self.rechecks.popitem()
            self._recheck_inclusive(scope)

    # ------------------------------------------------------------ instances

    def start_instance(
        self,
        definition: Definition,
        variables: dict[str, Any],
        tags: list[str],
        business_id: str | None,
        start_id: str | None = None,
        parent: ElementInstance | None = None,
        start_before: Sequence[str] = (),
    ) -> ProcessInstance:
        """Create an instance, set its variables and queue its start event."""
        partition = next(self.next_partition)
        now = self.now()
        instance = ProcessInstance(
            key=self.key(partition),
            definition=definition,
            partition=partition,
            start_ms=now,
            tenant_id=definition.tenant_id,
            tags=tags,
            business_id=business_id,
            parent_element_instance=parent,
        )
        root = ElementInstance(
            key=instance.key, instance=instance, element=None, parent=None, start_ms=now
        )
        instance.root = root
        self.instances[instance.key] = instance
        self.element_instances[root.key] = root
        instance.element_instances[root.key] = root
        for name, value in variables.items():
            self.set_local(root, name, value)
        self.touch(instance)
        self.touch(root)
        start = start_id or definition.process.start_event
        process = definition.process
        firsts = [process.element(e) for e in start_before] or [
            process.element(start or "")
        ]
        self.queue.append(lambda: self._arm(root))
        for first in firsts:
            self.queue.append(lambda first=first: self.activate(root, first, None))
        return instance

    def _arm(self, scope: ElementInstance) -> None:
        """Open the event subprocess triggers of the process scope."""
        try:
            waits.open_event_subprocesses(self, scope)
        except ExpressionError as exc:
            self.raise_incident(scope, "EXTRACT_VALUE_ERROR", str(exc), "arm")

    def _finish_instance(self, instance: ProcessInstance, state: str) -> None:
        instance.state = state
        instance.end_ms = self.now()
        self.touch(instance)
        key = str(instance.key)
        if state == "COMPLETED":
            self.emit(ProcessInstanceCompleted(key))
            caller = instance.parent_element_instance
            if caller is not None:
                self.queue.append(
                    lambda: activities.return_to_caller(self, instance, caller)
                )
        self.emit(ProcessInstanceEnded(key, state))
        if self.history_ttl_ms is not None and instance.parent_element_instance is None:
            self.schedule(instance.end_ms + self.history_ttl_ms, "purge", instance)

    def cancel_instance(self, instance: ProcessInstance) -> None:
        """Terminate every element of the instance and mark it TERMINATED."""
        assert instance.root is not None
        self.terminate(instance.root)
        self._finish_instance(instance, "TERMINATED")

    # ----------------------------------------------------------- activation

    def process_of(self, ei: ElementInstance) -> Process:
        """The process model an element instance belongs to."""
        return ei.instance.definition.process

    def activate(
        self, scope: ElementInstance, element: Element, flow_id: str | None
    ) -> None:
        """Take a token into ``element`` inside ``scope``."""
        if scope.state != "ACTIVE":
            return
        merging = len(element.incoming) > 1
        if element.kind == "inclusiveGateway" and merging and flow_id is not None:
            arrived = scope.joins.setdefault(element.id, {})
            arrived[flow_id] = arrived.get(flow_id, 0) + 1
            self.rechecks[scope.key] = scope
            return
        joining = element.kind == "parallelGateway" and merging
        if joining and not self._join(scope, element, flow_id):
            return
        ei = self.new_element_instance(scope, element)
        if element.loop is not None:
            ei.loop_role = "body"
        self.enter(ei)

    def _recheck_inclusive(self, scope: ElementInstance) -> None:
        """Fire inclusive joins that no other token in the scope can still reach."""
        if scope.state != "ACTIVE":
            return
        process = self.process_of(scope)
        for gateway_id in list(scope.joins):
            element = process.element(gateway_id)
            if element.kind != "inclusiveGateway" or self._reachable(scope, gateway_id):
                continue
            del scope.joins[gateway_id]
            self.enter(self.new_element_instance(scope, element))

    def _reachable(self, scope: ElementInstance, target: str) -> bool:
        sources = [c.element.id for c in scope.children.values() if c.element]
        sources += [j for j in scope.joins if j != target]
        definition = scope.instance.definition
        return any(target in self._reach(definition, source) for source in sources)

    def _reach(self, definition: Definition, source: str) -> frozenset[str]:
        """Every element reachable from ``source`` (flows and boundary events)."""
        cached = self.reach.get((definition.key, source))
        if cached is not None:
            return cached
        process = definition.process
        seen: set[str] = set()
        todo = [source]
        while todo:
            current = todo.pop()
            element = process.element(current)
            nexts = [process.flows[f].target for f in element.outgoing]
            nexts += list(process.boundaries.get(current, ()))
            for nxt in nexts:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        found = frozenset(seen)
        self.reach[(definition.key, source)] = found
        return found

    def _join(
        self, scope: ElementInstance, element: Element, flow_id: str | None
    ) -> bool:
        arrived = scope.joins.setdefault(element.id, {})
        if flow_id is not None:
            arrived[flow_id] = arrived.get(flow_id, 0) + 1
        if not all(arrived.get(f, 0) > 0 for f in element.incoming):
            return False
        for f in element.incoming:
            arrived[f] -= 1
            if arrived[f] == 0:
                del arrived[f]
        if not arrived:
            del scope.joins[element.id]
        return True

    def new_element_instance(
        self, scope: ElementInstance, element: Element
    ) -> ElementInstance:
        """Create an ACTIVE element instance of ``element`` inside ``scope``."""
        instance = scope.instance
        ei = ElementInstance(
            key=self.key(instance.partition),
            instance=instance,
            element=element,
            parent=scope,
            start_ms=self.now(),
        )
        scope.children[ei.key] = ei
        self.element_instances[ei.key] = ei
        instance.element_instances[ei.key] = ei
        self.touch(ei)
        return ei

    def enter(self, ei: ElementInstance) -> None:
        """Run the activation behaviour of an element (again, after an incident)."""
        element = ei.element
        assert element is not None
        if ei.loop_role == "body":
            multi.enter_body(self, ei, element)
            return
        try:
            self._apply_inputs(ei, element)
        except ExpressionError as exc:
            self.raise_incident(ei, "IO_MAPPING_ERROR", str(exc), "enter")
            return
        try:
            waiting = self._enter_kind(ei, element)
        except CalledElementError as exc:
            self.raise_incident(ei, "CALLED_ELEMENT_ERROR", str(exc), "enter")
            return
        except ExpressionError as exc:
            self.raise_incident(ei, "EXTRACT_VALUE_ERROR", str(exc), "enter")
            return
        if not waiting:
            self.complete(ei)
        elif element.kind in _WAITING_ACTIVITIES and ei.loop_role is None:
            waits.open_boundaries(self, ei, element)

    # ---------------------------------------------------------- multi-instance

    def _enter_kind(self, ei: ElementInstance, element: Element) -> bool:
        """Start the element's wait state; False means it completes at once."""
        if element.script is not None and element.task is None:
            activities.run_script(self, ei, element)
            return False
        if element.task is not None:
            activities.create_job(self, ei, element)
            return True
        if element.user_task is not None:
            activities.create_user_task(self, ei, element)
            return True
        if element.called is not None:
            activities.call(self, ei, element)
            return True
        if element.kind == "eventBasedGateway":
            waits.open_gateway_events(self, ei, element)
            return True
        if element.kind == "subProcess":
            waits.open_event_subprocesses(self, ei)
            start = self.process_of(ei).start_of(element.id)
            assert start is not None
            start_element = self.process_of(ei).element(start)
            self.queue.append(lambda: self.activate(ei, start_element, None))
            return True
        return self._enter_event(ei, element)

    def _enter_event(self, ei: ElementInstance, element: Element) -> bool:
        event = element.event
        if element.kind in ("intermediateCatchEvent", "receiveTask"):
            if isinstance(event, MessageDef):
                waits.open_subscription(self, ei, ei, element, event)
                return True
            if isinstance(event, TimerDef):
                waits.schedule_timer(self, ei, element, event)
                return True
            if isinstance(event, SignalDef):
                waits.open_signal(self, ei, element, event)
                return True
        if element.kind == "endEvent" and isinstance(event, ErrorDef):
            self.queue.append(lambda: self._throw_from_end_event(ei, event))
            return True
        throwing = element.kind in ("intermediateThrowEvent", "endEvent")
        if throwing and isinstance(event, SignalDef):
            name = evaluate_string(event.name, self.visible_variables(ei))
            tenant = ei.instance.tenant_id
            self.queue.append(lambda: waits.broadcast_signal(self, name, {}, tenant))
        return False

    def _throw_from_end_event(self, ei: ElementInstance, event: ErrorDef) -> None:
        code = event.code or ""
        if not self.throw_error(ei, code, {}):
            message = (
                f"Expected to throw an error event with the code '{code}', "
                "but it was not caught. No error events are available in the scope."
            )
            self.raise_incident(ei, "UNHANDLED_ERROR_EVENT", message, "enter")

    def _apply_inputs(self, ei: ElementInstance, element: Element) -> None:
        if not element.inputs:
            return
        scope_vars = self.visible_variables(ei.parent)
        for mapping in element.inputs:
            value = evaluate_json(mapping.source, scope_vars)
            self._assign(ei, mapping.target, value, local=True)
            scope_vars = self.visible_variables(ei)

    def _assign(
        self, scope: ElementInstance, target: str, value: Any, *, local: bool
    ) -> None:
        """Write ``value`` to a (possibly dotted) target path."""
        head, *rest = target.split(".")
        if rest:
            # Inputs build a fresh local; outputs merge into what is visible.
            if local:
                own = scope.variables.get(head)
                current: Any = own.value if own is not None else None
            else:
                current = self.visible_variables(scope).get(head)
            container: dict[str, Any] = {}
            if isinstance(current, dict):
                container = copy.deepcopy(cast("dict[str, Any]", current))
            node = container
            for part in rest[:-1]:
                child: Any = node.get(part)
                if not isinstance(child, dict):
                    child = {}
                    node[part] = child
                node = cast("dict[str, Any]", child)
            node[rest[-1]] = value
            value = container
        if local:
            self.set_local(scope, head, value)
        else:
            self.propagate(scope, {head: value})

    # ------------------------------------------------------------ completion

    def deliver(self, ei: ElementInstance, variables: dict[str, Any] | None) -> None:
        """Hand event or job variables to an element: local if it maps outputs."""
        if not variables:
            return
        assert ei.element is not None
        if ei.element.outputs:
            for name, value in variables.items():
                self.set_local(ei, name, value)
        else:
            self.propagate(ei, variables)

    def complete(self, ei: ElementInstance) -> None:
        """Leave an element: apply outputs, pick flows, move the token on."""
        element = ei.element
        assert element is not None
        if ei.state != "ACTIVE":
            return
        try:
            if ei.loop_role != "body":
                self._apply_outputs(ei, element)
            if ei.loop_role == "inner":
                multi.complete_inner(self, ei, element)
                return
        except ExpressionError as exc:
            self.raise_incident(ei, "IO_MAPPING_ERROR", str(exc), "complete")
            return
        if ei.loop_role == "body" and element.loop and element.loop.output_collection:
            name = element.loop.output_collection
            assert ei.parent is not None
            self.propagate(ei.parent, {name: self.visible_variables(ei).get(name)})
        flows = self._choose_flows(ei, element)
        if flows is None:
            return
        scope = ei.parent
        assert scope is not None
        self.close(ei, "COMPLETED")
        if element.terminate:
            for child in list(scope.children.values()):
                self.terminate(child)
            scope.joins.clear()
        process = self.process_of(ei)
        for flow_id in flows:
            target = process.element(process.flows[flow_id].target)
            self.queue.append(lambda t=target, f=flow_id: self.activate(scope, t, f))
        if not flows:
            self.queue.append(lambda: self.check_scope(scope))

    def _apply_outputs(self, ei: ElementInstance, element: Element) -> None:
        if not element.outputs:
            return
        variables = self.visible_variables(ei)
        values = [
            (m.target, evaluate_json(m.source, variables)) for m in element.outputs
        ]
        assert ei.parent is not None
        for target, value in values:
            self._assign(ei.parent, target, value, local=False)

    def _choose_flows(self, ei: ElementInstance, element: Element) -> list[str] | None:
        """Return the flows to take, or None after raising an incident."""
        if element.kind not in ("exclusiveGateway", "inclusiveGateway"):
            return list(element.outgoing)
        if len(element.outgoing) <= 1 and not any(
            self.process_of(ei).flows[f].condition for f in element.outgoing
        ):
            return list(element.outgoing)
        process = self.process_of(ei)
        variables = self.visible_variables(ei)
        chosen: list[str] = []
        for flow_id in element.outgoing:
            flow = process.flows[flow_id]
            if flow_id == element.default_flow or flow.condition is None:
                continue
            try:
                matched = evaluate_bool(flow.condition, variables)
            except ExpressionError as exc:
                self.raise_incident(ei, "EXTRACT_VALUE_ERROR", str(exc), "complete")
                return None
            if matched:
                chosen.append(flow_id)
                if element.kind == "exclusiveGateway":
                    break
        if not chosen and element.default_flow is not None:
            chosen.append(element.default_flow)
        if not chosen:
            message = (
                "Expected at least one condition to evaluate to true, "
                "or to have a default flow"
            )
            self.raise_incident(ei, "CONDITION_ERROR", message, "complete")
            return None
        return chosen

    def check_scope(self, scope: ElementInstance) -> None:
        """Complete a scope whose last token was consumed."""
        if scope.state != "ACTIVE" or scope.children or scope.joins:
            return
        if scope.element is None:
            waits.close_waits(self, scope)
            scope.state = "COMPLETED"
            scope.end_ms = self.now()
            self.touch(scope)
            self._finish_instance(scope.instance, "COMPLETED")
        else:
            self.complete(scope)

    def close(self, ei: ElementInstance, state: str) -> None:
        """Mark an element instance finished and drop its waits."""
        waits.close_waits(self, ei)
        ei.state = state
        ei.end_ms = self.now()
        parent = ei.parent
        if parent is not None:
            parent.children.pop(ei.key, None)
            if parent.joins:
                self.rechecks[parent.key] = parent
        self.touch(ei)

    def terminate(self, ei: ElementInstance) -> None:
        """Terminate an element instance and everything inside it."""
        if ei.state != "ACTIVE":
            return
        for child in list(ei.children.values()):
            self.terminate(child)
        ei.joins.clear()
        job = ei.job
        if job is not None and job.status not in (
            "COMPLETED",
            "CANCELED",
            "ERROR_THROWN",
        ):
            self.remove_activatable(job)
            job.status = "CANCELED"
            job.state = "CANCELED"
            job.end_ms = self.now()
            self.touch(job)
        task = ei.user_task
        if task is not None and task.state not in ("COMPLETED", "CANCELED"):
            task.state = "CANCELED"
            self.touch(task)
        if ei.incident is not None:
            self._retire_incident(ei.incident)
        child = ei.child_instance
        if child is not None and child.state == "ACTIVE":
            self.cancel_instance(child)
        self.close(ei, "TERMINATED")

    # ---------------------------------------------------------------- errors

    def throw_error(
        self, source: ElementInstance, code: str, variables: dict[str, Any]
    ) -> bool:
        """Find the nearest catching error boundary; False when none catches."""
        level: ElementInstance | None = source
        while level is not None:
            start = self._error_event_subprocess(level, code)
            if start is not None:
                waits.trigger_event_subprocess(self, level, start, variables)
                return True
            if level.element is None:
                level = level.instance.parent_element_instance
                continue
            if level.loop_role == "inner":
                level = level.parent
                continue
            boundary = self._error_boundary(level, code)
            if boundary is not None:
                scope = level.parent
                assert scope is not None
                self.terminate(level)
                self.trigger_boundary(scope, boundary, variables)
                return True
            level = level.parent
        return False

    def _error_event_subprocess(
        self, scope: ElementInstance, code: str
    ) -> Element | None:
        """The error start event of an event subprocess of ``scope`` that catches."""
        if scope.element is not None and scope.element.kind != "subProcess":
            return None
        if scope.loop_role == "body":
            return None
        process = self.process_of(scope)
        scope_id = scope.element.id if scope.element is not None else None
        catch_all: Element | None = None
        for sub_id in process.event_subprocesses.get(scope_id, ()):
            start = process.event_start_of(sub_id)
            if start is None or not isinstance(start.event, ErrorDef):
                continue
            if start.event.code == code:
                return start
            if start.event.code is None and catch_all is None:
                catch_all = start
        return catch_all

    def _error_boundary(self, ei: ElementInstance, code: str) -> Element | None:
        assert ei.element is not None
        process = self.process_of(ei)
        catch_all: Element | None = None
        for boundary_id in process.boundaries.get(ei.element.id, ()):
            boundary = process.element(boundary_id)
            if not isinstance(boundary.event, ErrorDef):
                continue
            if boundary.event.code == code:
                return boundary
            if boundary.event.code is None and catch_all is None:
                catch_all = boundary
        return catch_all

    def trigger_boundary(
        self,
        scope: ElementInstance,
        boundary: Element,
        variables: dict[str, Any] | None,
    ) -> None:
        """Activate a boundary event in ``scope`` with the event's variables."""
        ei = self.new_element_instance(scope, boundary)
        self.deliver(ei, variables)
        self.complete(ei)

    # ------------------------------------------------------------- incidents

    def raise_incident(
        self,
        ei: ElementInstance,
        error_type: str,
        message: str,
        retry: str,
        job: Job | None = None,
    ) -> Incident:
        """Create an incident that holds ``ei`` until it is resolved."""
        incident = Incident(
            key=self.key(ei.instance.partition),
            error_type=error_type,
            error_message=message,
            element_instance=ei,
            job=job,
            created_ms=self.now(),
            retry=retry,
        )
        self.incidents[incident.key] = incident
        ei.instance.records.append(incident)
        ei.incident = incident
        ei.instance.incident_count += 1
        self.touch(incident)
        self.touch(ei)
        self.touch(ei.instance)
        return incident

    def _retire_incident(self, incident: Incident) -> None:
        incident.state = "RESOLVED"
        ei = incident.element_instance
        if ei.incident is incident:
            ei.incident = None
        ei.instance.incident_count -= 1
        self.touch(incident)
        self.touch(ei)
        self.touch(ei.instance)

    def resolve(self, incident: Incident) -> None:
        """Resolve an incident and retry the step that failed."""
        self._retire_incident(incident)
        ei = incident.element_instance
        job = incident.job
        if job is not None:
            job.status = "ACTIVATABLE"
            job.error_code = None
            self.make_activatable(job)
            self.touch(job)
            self.emit(JobsAvailable(job.type))
        elif incident.retry == "enter":
            self.queue.append(lambda: self.enter(ei))
        elif incident.retry == "arm":
            self.queue.append(lambda: self._arm(ei))
        else:
            self.queue.append(lambda: self.complete(ei))

    # ------------------------------------------------------------------ jobs

    # ------------------------------------------------------------ user tasks

    # ------------------------------------------------------------ boundaries

    # ---------------------------------------------------------------- timers

    # ------------------------------------------------------------ messages

    # --------------------------------------------------------------- signals

"""Token flow: activate, complete and terminate element instances, raise incidents.

Each command puts follow-up steps on a queue that :meth:`Flow.run` drains
before the command returns, so the engine is always quiescent between
commands (Zeebe's processing model, in one thread under one lock).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import deque
from collections.abc import Callable
from typing import Any, cast

from camunda_testkit._bpmn import (
    Element,
    ErrorDef,
    MessageDef,
    Process,
    SignalDef,
    TimerDef,
)
from camunda_testkit._feel import (
    FeelError,
    parse_cycle,
    parse_date_time,
    parse_duration,
)

from ._events import JobsAvailable, ProcessInstanceCompleted, ProcessInstanceEnded
from ._expr import (
    ExpressionError,
    evaluate,
    evaluate_bool,
    evaluate_int,
    evaluate_json,
    evaluate_string,
)
from ._records import (
    Definition,
    ElementInstance,
    Incident,
    Job,
    Message,
    ProcessInstance,
    SignalSubscription,
    Subscription,
    Timer,
    UserTask,
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
        assert start is not None
        start_element = definition.process.element(start)
        self.queue.append(lambda: self.activate(root, start_element, None))
        return instance

    def _finish_instance(self, instance: ProcessInstance, state: str) -> None:
        instance.state = state
        instance.end_ms = self.now()
        self.touch(instance)
        key = str(instance.key)
        if state == "COMPLETED":
            self.emit(ProcessInstanceCompleted(key))
            caller = instance.parent_element_instance
            if caller is not None:
                self.queue.append(lambda: self._return_to_caller(instance, caller))
        self.emit(ProcessInstanceEnded(key, state))

    def _return_to_caller(
        self, child: ProcessInstance, caller: ElementInstance
    ) -> None:
        assert caller.element is not None
        assert caller.element.called is not None
        variables: dict[str, Any] = {}
        if caller.element.called.propagate_child and child.root is not None:
            variables = {n: v.value for n, v in child.root.variables.items()}
        caller.child_instance = None
        self.deliver(caller, variables)
        self.complete(caller)

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
        ei = self._new_element_instance(scope, element)
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
            self.enter(self._new_element_instance(scope, element))

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

    def _new_element_instance(
        self, scope: ElementInstance, element: Element
    ) -> ElementInstance:
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
            self._enter_body(ei, element)
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
            self._open_boundaries(ei, element)

    # ---------------------------------------------------------- multi-instance

    def _enter_body(self, body: ElementInstance, element: Element) -> None:
        """Start a multi-instance body: one inner instance per collection item."""
        loop = element.loop
        assert loop is not None
        variables = self.visible_variables(body)
        try:
            items = evaluate_json(_as_expression(loop.input_collection), variables)
            if not isinstance(items, list):
                raise ExpressionError(
                    f"Expected result of the expression '{loop.input_collection}' "
                    f"to be 'ARRAY', but was '{type(items).__name__.upper()}'"
                )
        except ExpressionError as exc:
            self.raise_incident(body, "EXTRACT_VALUE_ERROR", str(exc), "enter")
            return
        body.loop_items = cast("list[Any]", items)
        if loop.output_collection:
            self.set_local(body, loop.output_collection, [None] * len(body.loop_items))
        self._open_boundaries(body, element)
        if not body.loop_items:
            self.complete(body)
            return
        count = 1 if loop.sequential else len(body.loop_items)
        for _ in range(count):
            self._spawn_inner(body, element)

    def _spawn_inner(self, body: ElementInstance, element: Element) -> None:
        assert body.loop_items is not None
        assert element.loop is not None
        index = body.loop_next
        body.loop_next += 1
        inner = self._new_element_instance(body, element)
        inner.loop_role = "inner"
        self.set_local(inner, "loopCounter", index + 1)
        if element.loop.input_element:
            self.set_local(inner, element.loop.input_element, body.loop_items[index])
        self.queue.append(lambda: self.enter(inner))

    def _complete_inner(self, inner: ElementInstance, element: Element) -> None:
        """An inner instance finished: collect its output, then go on or finish."""
        body = inner.parent
        loop = element.loop
        assert body is not None
        assert loop is not None
        assert body.loop_items is not None
        variables = self.visible_variables(inner)
        if loop.output_collection and loop.output_element:
            value = evaluate_json(_as_expression(loop.output_element), variables)
            collected = list(
                self.visible_variables(body).get(loop.output_collection) or []
            )
            index = int(variables.get("loopCounter", 1)) - 1
            if 0 <= index < len(collected):
                collected[index] = value
            self.set_local(body, loop.output_collection, collected)
        self._close(inner, "COMPLETED")
        if loop.completion_condition and self._loop_done(
            body, loop.completion_condition
        ):
            for child in list(body.children.values()):
                self.terminate(child)
        elif loop.sequential and body.loop_next < len(body.loop_items):
            self._spawn_inner(body, element)
            return
        self.queue.append(lambda: self.check_scope(body))

    def _loop_done(self, body: ElementInstance, condition: str) -> bool:
        assert body.loop_items is not None
        variables = self.visible_variables(body)
        active = len(body.children)
        variables.update(
            {
                "numberOfInstances": len(body.loop_items),
                "numberOfActiveInstances": active,
                "numberOfCompletedInstances": body.loop_next - active,
            }
        )
        try:
            return evaluate_bool(condition, variables)
        except ExpressionError:
            return False

    def _enter_kind(self, ei: ElementInstance, element: Element) -> bool:
        """Start the element's wait state; False means it completes at once."""
        if element.script is not None and element.task is None:
            self._run_script(ei, element)
            return False
        if element.task is not None:
            self.create_job(ei, element)
            return True
        if element.user_task is not None:
            self.create_user_task(ei, element)
            return True
        if element.called is not None:
            self._call(ei, element)
            return True
        if element.kind == "eventBasedGateway":
            self._open_gateway_events(ei, element)
            return True
        if element.kind == "subProcess":
            start = self.process_of(ei).start_of(element.id)
            assert start is not None
            start_element = self.process_of(ei).element(start)
            self.queue.append(lambda: self.activate(ei, start_element, None))
            return True
        return self._enter_event(ei, element)

    def _call(self, ei: ElementInstance, element: Element) -> None:
        """Start the called process as a child instance of ``ei``."""
        called = element.called
        assert called is not None
        variables = self.visible_variables(ei)
        process_id = evaluate_string(called.process_id, variables)
        versions = self.versions.get((process_id, ei.instance.tenant_id))
        if not versions or versions[-1].process.start_event is None:
            raise CalledElementError(
                f"Expected process with BPMN process id '{process_id}' to be deployed, "
                "but not found."
            )
        if not called.propagate_parent:
            variables = {n: v.value for n, v in ei.variables.items()}
        child = self.start_instance(
            versions[-1], variables, [], ei.instance.business_id, parent=ei
        )
        ei.child_instance = child

    def _open_gateway_events(self, ei: ElementInstance, element: Element) -> None:
        process = self.process_of(ei)
        for flow_id in element.outgoing:
            target = process.element(process.flows[flow_id].target)
            event = target.event
            if isinstance(event, MessageDef):
                self.open_subscription(ei, ei, target, event)
            elif isinstance(event, TimerDef):
                self.schedule_timer(ei, target, event)
            elif isinstance(event, SignalDef):
                self._open_signal(ei, target, event)

    def _enter_event(self, ei: ElementInstance, element: Element) -> bool:
        event = element.event
        if element.kind in ("intermediateCatchEvent", "receiveTask"):
            if isinstance(event, MessageDef):
                self.open_subscription(ei, ei, element, event)
                return True
            if isinstance(event, TimerDef):
                self.schedule_timer(ei, element, event)
                return True
            if isinstance(event, SignalDef):
                self._open_signal(ei, element, event)
                return True
        if element.kind == "endEvent" and isinstance(event, ErrorDef):
            self.queue.append(lambda: self._throw_from_end_event(ei, event))
            return True
        return False

    def _throw_from_end_event(self, ei: ElementInstance, event: ErrorDef) -> None:
        code = event.code or ""
        if not self.throw_error(ei, code, {}):
            message = (
                f"Expected to throw an error event with the code '{code}', "
                "but it was not caught. No error events are available in the scope."
            )
            self.raise_incident(ei, "UNHANDLED_ERROR_EVENT", message, "enter")

    def _run_script(self, ei: ElementInstance, element: Element) -> None:
        assert element.script is not None
        expression = element.script.expression
        text = expression if expression.lstrip().startswith("=") else "=" + expression
        value = evaluate_json(text, self.visible_variables(ei))
        if element.script.result_variable:
            self.deliver(ei, {element.script.result_variable: value})

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
            current: Any = self.visible_variables(scope).get(head)
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
                self._complete_inner(ei, element)
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
        self._close(ei, "COMPLETED")
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
            scope.state = "COMPLETED"
            scope.end_ms = self.now()
            self.touch(scope)
            self._finish_instance(scope.instance, "COMPLETED")
        else:
            self.complete(scope)

    def _close(self, ei: ElementInstance, state: str) -> None:
        """Mark an element instance finished and drop its waits."""
        self._close_waits(ei)
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
        self._close(ei, "TERMINATED")

    # ---------------------------------------------------------------- errors

    def throw_error(
        self, source: ElementInstance, code: str, variables: dict[str, Any]
    ) -> bool:
        """Find the nearest catching error boundary; False when none catches."""
        level: ElementInstance | None = source
        while level is not None:
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
        ei = self._new_element_instance(scope, boundary)
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
        else:
            self.queue.append(lambda: self.complete(ei))

    # ------------------------------------------------------------------ jobs

    def create_job(self, ei: ElementInstance, element: Element) -> None:
        """Evaluate the task definition and create an activatable job."""
        assert element.task is not None
        variables = self.visible_variables(ei)
        job_type = evaluate_string(element.task.type, variables)
        retries = evaluate_int(element.task.retries, variables)
        job = Job(
            key=self.key(ei.instance.partition),
            type=job_type,
            element_instance=ei,
            retries=retries,
            custom_headers=dict(element.headers),
            tenant_id=ei.instance.tenant_id,
            created_ms=self.now(),
        )
        ei.job = job
        self.jobs[job.key] = job
        self.make_activatable(job)
        self.touch(job)
        self.emit(JobsAvailable(job_type))

    # ------------------------------------------------------------ user tasks

    def create_user_task(self, ei: ElementInstance, element: Element) -> None:
        """Create a Camunda user task in state CREATED."""
        spec = element.user_task
        assert spec is not None
        variables = self.visible_variables(ei)

        def text(value: str | None) -> str | None:
            if value is None or value == "":
                return None
            result = evaluate(value, variables)
            if isinstance(result, (dt.datetime, dt.date)):
                return result.isoformat()
            return None if result is None else str(result)

        def names(value: str | None) -> list[str]:
            if value is None or value == "":
                return []
            result = evaluate(value, variables)
            if isinstance(result, list):
                return [str(v) for v in result]  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
            return [part.strip() for part in str(result).split(",") if part.strip()]

        form = None
        if spec.form_id is not None:
            found = self.forms_by_id.get((ei.instance.tenant_id, spec.form_id))
            form = found.key if found is not None else None
        task = UserTask(
            key=self.key(ei.instance.partition),
            element_instance=ei,
            created_ms=self.now(),
            assignee=text(spec.assignee),
            candidate_groups=names(spec.candidate_groups),
            candidate_users=names(spec.candidate_users),
            due_date=text(spec.due_date),
            follow_up_date=text(spec.follow_up_date),
            form_key=form,
            external_form_reference=text(spec.external_reference),
            priority=evaluate_int(spec.priority, variables) if spec.priority else 50,
            custom_headers=dict(element.headers),
        )
        ei.user_task = task
        self.user_tasks[task.key] = task
        self.touch(task)

    # ------------------------------------------------------------ boundaries

    def _open_boundaries(self, ei: ElementInstance, element: Element) -> None:
        process = self.process_of(ei)
        for boundary_id in process.boundaries.get(element.id, ()):
            boundary = process.element(boundary_id)
            event = boundary.event
            if isinstance(event, TimerDef):
                self.schedule_timer(ei, boundary, event)
            elif isinstance(event, MessageDef):
                self.open_subscription(ei, ei, boundary, event)
            elif isinstance(event, SignalDef):
                self._open_signal(ei, boundary, event)
            if ei.state != "ACTIVE":
                return

    def _close_waits(self, ei: ElementInstance) -> None:
        for timer in ei.timers:
            timer.active = False
            self.timers.pop(timer.key, None)
        ei.timers.clear()
        for sub in ei.subscriptions:
            if sub.state == "CREATED":
                sub.state = "DELETED"
                sub.updated_ms = self.now()
                self.touch(sub)
            index = self.subscriptions.get(
                (sub.tenant_id, sub.name, sub.correlation_key)
            )
            if index is not None:
                index.pop(sub.key, None)
        ei.subscriptions.clear()
        for signal in ei.signal_subscriptions:
            index = self.signal_subscriptions.get((ei.instance.tenant_id, signal.name))
            if index is not None:
                index.pop(signal.key, None)
        ei.signal_subscriptions.clear()

    def fire_event(
        self, owner: ElementInstance, element: Element, variables: dict[str, Any] | None
    ) -> None:
        """An awaited event happened for ``owner`` (catch event or attached task)."""
        if owner.state != "ACTIVE":
            return
        if owner.element is not None and owner.element.kind == "eventBasedGateway":
            scope = owner.parent
            assert scope is not None
            self._close(owner, "COMPLETED")
            chosen = self._new_element_instance(scope, element)
            self.deliver(chosen, variables)
            self.complete(chosen)
            return
        if element.kind != "boundaryEvent":
            self.deliver(owner, variables)
            self.complete(owner)
            return
        scope = owner.parent
        assert scope is not None
        if element.cancel_activity:
            self.terminate(owner)
        self.trigger_boundary(scope, element, variables)

    # ---------------------------------------------------------------- timers

    def schedule_timer(
        self, owner: ElementInstance, element: Element, event: TimerDef
    ) -> None:
        """Start a timer for a catch event or a boundary of ``owner``."""
        now = self.now()
        value = evaluate(event.text, self.visible_variables(owner))
        try:
            due, repetitions, interval = _timer_plan(event.kind, value, now)
        except (FeelError, ValueError, TypeError) as exc:
            raise ExpressionError(f"invalid timer '{event.text}': {exc}") from exc
        if not element.cancel_activity and event.kind != "cycle":
            repetitions = 1
        timer = Timer(
            key=self.key(owner.instance.partition),
            element_instance=owner,
            element=element,
            due_ms=due,
            repetitions=repetitions,
            interval_ms=interval,
        )
        owner.timers.append(timer)
        self.timers[timer.key] = timer
        self.schedule(due, "timer", timer)

    def fire_timer(self, timer: Timer) -> None:
        """A timer is due: trigger its event and re-arm a cycle."""
        if not timer.active:
            return
        owner = timer.element_instance
        element = timer.element
        again = (
            element.kind == "boundaryEvent"
            and not element.cancel_activity
            and (timer.repetitions is None or timer.repetitions > 1)
        )
        if again:
            timer.repetitions = (
                None if timer.repetitions is None else timer.repetitions - 1
            )
            timer.due_ms += max(timer.interval_ms, 1)
            self.schedule(timer.due_ms, "timer", timer)
        else:
            timer.active = False
            self.timers.pop(timer.key, None)
            if timer in owner.timers:
                owner.timers.remove(timer)
        self.fire_event(owner, element, None)

    # ------------------------------------------------------------ messages

    def open_subscription(
        self,
        owner: ElementInstance,
        scope: ElementInstance,
        element: Element,
        event: MessageDef,
    ) -> None:
        """Open a message subscription and pick up a buffered message if any."""
        variables = self.visible_variables(scope)
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
            key=self.key(owner.instance.partition),
            name=name,
            correlation_key=correlation_key,
            element_instance=owner,
            element=element,
            tenant_id=owner.instance.tenant_id,
            created_ms=self.now(),
        )
        owner.subscriptions.append(sub)
        self.all_subscriptions[sub.key] = sub
        self.subscriptions.setdefault((sub.tenant_id, name, correlation_key), {})[
            sub.key
        ] = sub
        self.touch(sub)
        self.queue.append(lambda: self._pick_buffered(sub))

    def _pick_buffered(self, sub: Subscription) -> None:
        if sub.state != "CREATED":
            return
        buffered = self.messages.get((sub.tenant_id, sub.name, sub.correlation_key), {})
        process_id = sub.element_instance.instance.definition.process.id
        now = self.now()
        for message in buffered.values():
            if (
                message.deadline_ms > now
                and process_id not in message.correlated_processes
            ):
                self.correlate(message, sub)
                return

    def correlate(self, message: Message, sub: Subscription) -> None:
        """Deliver ``message`` through ``sub``."""
        message.correlated_processes.add(
            sub.element_instance.instance.definition.process.id
        )
        sub.state = "CORRELATED"
        sub.updated_ms = self.now()
        self.touch(sub)
        self.fire_event(sub.element_instance, sub.element, message.variables)

    def open_subscriptions_for(self, message: Message) -> list[Subscription]:
        """The open subscriptions a new message reaches: one per process id."""
        index = self.subscriptions.get(
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

    # --------------------------------------------------------------- signals

    def _open_signal(
        self, owner: ElementInstance, element: Element, event: SignalDef
    ) -> None:
        name = evaluate_string(event.name, self.visible_variables(owner))
        signal = SignalSubscription(
            key=self.key(owner.instance.partition),
            name=name,
            element_instance=owner,
            element=element,
        )
        owner.signal_subscriptions.append(signal)
        self.signal_subscriptions.setdefault((owner.instance.tenant_id, name), {})[
            signal.key
        ] = signal


class CalledElementError(ExpressionError):
    """The called process of a call activity is not deployed."""


def _as_expression(text: str) -> str:
    return text if text.lstrip().startswith("=") else "=" + text


def _timer_plan(kind: str, value: Any, now: int) -> tuple[int, int | None, int]:
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

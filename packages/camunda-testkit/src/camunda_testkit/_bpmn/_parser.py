"""Parse BPMN 2.0 XML with Zeebe extensions into the frozen process model."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ._model import (
    CalledElement,
    Element,
    ErrorDef,
    EventDef,
    Flow,
    LoopDef,
    Mapping,
    MessageDef,
    Process,
    ScriptDef,
    SignalDef,
    TaskDef,
    TimerDef,
    UserTaskDef,
)

__all__ = ["BpmnError", "parse_bpmn"]

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
ZEEBE = "{http://camunda.org/schema/zeebe/1.0}"

ExpressionCheck = Callable[[str], None]

_JOB_TASKS = frozenset({"serviceTask", "sendTask", "businessRuleTask", "scriptTask"})
_PASS_THROUGH = frozenset({"task", "manualTask"})
_FLOW_NODES = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
        "exclusiveGateway",
        "parallelGateway",
        "inclusiveGateway",
        "userTask",
        "receiveTask",
        "subProcess",
        "eventBasedGateway",
        "callActivity",
    }
    | _JOB_TASKS
    | _PASS_THROUGH
)
_IGNORED = frozenset(
    {
        "extensionElements",
        "documentation",
        "textAnnotation",
        "association",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "laneSet",
        "group",
        "property",
        "ioSpecification",
        "incoming",
        "outgoing",
        "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics",
    }
)
_EVENT_DEFS = {
    "messageEventDefinition",
    "timerEventDefinition",
    "errorEventDefinition",
    "signalEventDefinition",
    "terminateEventDefinition",
    "escalationEventDefinition",
    "compensateEventDefinition",
    "conditionalEventDefinition",
    "linkEventDefinition",
    "cancelEventDefinition",
}


class _Invalid:
    """Marks an event definition that was already reported as a problem."""


_INVALID = _Invalid()


class BpmnError(ValueError):
    """A resource is not BPMN the dev engine can run; the message says why."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_bpmn(node: ET.Element) -> bool:
    return node.tag.startswith(BPMN)


@dataclass
class _Context:
    """Definitions-level lookups and collected problems for one resource."""

    check: ExpressionCheck
    messages: dict[str, MessageDef] = field(default_factory=dict[str, MessageDef])
    errors: dict[str, str | None] = field(default_factory=dict[str, str | None])
    signals: dict[str, str] = field(default_factory=dict[str, str])
    problems: list[str] = field(default_factory=list[str])

    def problem(self, node: ET.Element, text: str) -> None:
        """Record a problem about ``node``, naming its id and type."""
        self.problems.append(
            f"Element '{node.get('id', '?')}' of type 'bpmn:{_local(node.tag)}': {text}"
        )

    def expression(self, node: ET.Element, text: str | None, *, always: bool) -> None:
        """Check ``text`` parses as FEEL when it is (or must be) an expression."""
        if text is None:
            return
        stripped = text.strip()
        if stripped.startswith("="):
            source = stripped[1:]
        elif always:
            source = stripped
        else:
            return
        try:
            self.check(source)
        except Exception as exc:  # noqa: BLE001 - any FEEL failure is a deploy error
            self.problem(node, f"invalid expression '{text}': {exc}")


def parse_bpmn(data: bytes, check: ExpressionCheck) -> list[Process]:
    """Parse one BPMN resource into its executable processes.

    Args:
        data: The XML bytes.
        check: Called with each FEEL source (without ``=``); raises on a
            syntax error.

    Returns:
        One ``Process`` per ``isExecutable="true"`` process.

    Raises:
        BpmnError: On malformed or unsafe XML, or any unsupported or
            invalid element; the message lists every problem found.
    """
    root = _load(data)
    ctx = _Context(check=check)
    _read_definitions(root, ctx)
    processes = [
        _read_process(node, ctx)
        for node in root
        if _local(node.tag) == "process" and _is_bpmn(node)
        if node.get("isExecutable", "false").lower() == "true"
    ]
    if not processes and not ctx.problems:
        ctx.problems.append("the resource contains no executable process")
    if ctx.problems:
        raise BpmnError("; ".join(ctx.problems))
    return processes


def _load(data: bytes) -> ET.Element:
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise BpmnError(f"unsafe XML rejected: {exc}") from exc
    except ET.ParseError as exc:
        raise BpmnError(f"malformed XML: {exc}") from exc
    if root.tag != f"{BPMN}definitions":
        raise BpmnError(f"expected a bpmn:definitions root, got '{root.tag}'")
    return root


def _read_definitions(root: ET.Element, ctx: _Context) -> None:
    for node in root:
        kind = _local(node.tag)
        node_id = node.get("id", "")
        if kind == "message":
            sub = _zeebe(node, "subscription")
            key = sub.get("correlationKey") if sub is not None else None
            ctx.messages[node_id] = MessageDef(
                name=node.get("name", ""), correlation_key=key
            )
            ctx.expression(node, node.get("name"), always=False)
            ctx.expression(node, key, always=False)
        elif kind == "error":
            ctx.errors[node_id] = node.get("errorCode")
        elif kind == "signal":
            ctx.signals[node_id] = node.get("name", "")


def _zeebe(node: ET.Element, name: str) -> ET.Element | None:
    ext = node.find(f"{BPMN}extensionElements")
    if ext is None:
        return None
    return ext.find(f"{ZEEBE}{name}")


def _zeebe_all(node: ET.Element, path: str) -> list[ET.Element]:
    ext = node.find(f"{BPMN}extensionElements")
    if ext is None:
        return []
    return ext.findall(path)


class _ProcessBuilder:
    """Collect elements and flows of one process, recursing into subprocesses."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.elements: dict[str, Element] = {}
        self.flows: dict[str, Flow] = {}
        self.children: dict[str | None, list[str]] = {}
        self.scope_of_flow: dict[str, str | None] = {}

    def walk(self, container: ET.Element, parent: str | None) -> None:
        """Read the flow nodes and flows of a process or subprocess."""
        self.children.setdefault(parent, [])
        for node in container:
            kind = _local(node.tag)
            if not _is_bpmn(node) or kind in _IGNORED:
                continue
            if kind == "sequenceFlow":
                self._flow(node, parent)
            elif kind in _FLOW_NODES:
                self._node(node, kind, parent)
            else:
                self.ctx.problem(
                    node, "this element is not supported by the dev engine"
                )

    def _flow(self, node: ET.Element, parent: str | None) -> None:
        cond_node = node.find(f"{BPMN}conditionExpression")
        condition = None
        if cond_node is not None and (cond_node.text or "").strip():
            condition = (cond_node.text or "").strip()
            self.ctx.expression(node, condition, always=True)
        flow = Flow(
            id=node.get("id", ""),
            source=node.get("sourceRef", ""),
            target=node.get("targetRef", ""),
            condition=condition,
        )
        self.flows[flow.id] = flow
        self.scope_of_flow[flow.id] = parent

    def _node(self, node: ET.Element, kind: str, parent: str | None) -> None:
        element = _read_element(node, kind, parent, self.ctx)
        if element is None:
            return
        self.elements[element.id] = element
        self.children[parent].append(element.id)
        if kind == "subProcess":
            self.walk(node, element.id)

    def build(self, node: ET.Element) -> Process:
        """Link, check and freeze everything read into a ``Process``."""
        self._link()
        self._check()
        boundaries: dict[str, list[str]] = {}
        for el in self.elements.values():
            if el.attached_to is not None:
                boundaries.setdefault(el.attached_to, []).append(el.id)
        event_subprocesses: dict[str | None, list[str]] = {}
        for el in self.elements.values():
            if el.kind == "subProcess" and el.triggered_by_event:
                event_subprocesses.setdefault(el.parent, []).append(el.id)
        start = None
        message_starts: dict[str, str] = {}
        signal_starts: dict[str, str] = {}
        timer_starts: list[str] = []
        for child in self.children.get(None, []):
            el = self.elements[child]
            if el.kind != "startEvent":
                continue
            if el.event is None:
                start = child
            elif isinstance(el.event, MessageDef):
                message_starts[el.event.name] = child
            elif isinstance(el.event, SignalDef):
                signal_starts[el.event.name] = child
            elif isinstance(el.event, TimerDef):
                timer_starts.append(child)
        return Process(
            id=node.get("id", ""),
            name=node.get("name"),
            version_tag=_version_tag(node),
            elements=self.elements,
            flows=self.flows,
            start_event=start,
            boundaries={k: tuple(v) for k, v in boundaries.items()},
            children={k: tuple(v) for k, v in self.children.items()},
            message_starts=message_starts,
            signal_starts=signal_starts,
            timer_starts=tuple(timer_starts),
            event_subprocesses={k: tuple(v) for k, v in event_subprocesses.items()},
        )

    def _link(self) -> None:
        """Derive incoming/outgoing from the flows (they are authoritative)."""
        incoming: dict[str, list[str]] = {}
        outgoing: dict[str, list[str]] = {}
        for flow in self.flows.values():
            outgoing.setdefault(flow.source, []).append(flow.id)
            incoming.setdefault(flow.target, []).append(flow.id)
        for el_id, el in list(self.elements.items()):
            self.elements[el_id] = _replace(
                el,
                incoming=tuple(incoming.get(el_id, ())),
                outgoing=tuple(outgoing.get(el_id, ())),
            )

    def _check(self) -> None:
        for flow in self.flows.values():
            source = self.elements.get(flow.source)
            gateways = ("exclusiveGateway", "inclusiveGateway")
            if flow.condition and source is not None and source.kind not in gateways:
                self.ctx.problems.append(
                    f"Element '{flow.id}' of type 'bpmn:sequenceFlow': conditions "
                    "are only supported on flows leaving exclusive or inclusive "
                    "gateways"
                )
            for ref, role in ((flow.source, "sourceRef"), (flow.target, "targetRef")):
                if ref not in self.elements:
                    self.ctx.problems.append(
                        f"Element '{flow.id}' of type 'bpmn:sequenceFlow': "
                        f"{role} '{ref}' does not name a flow node"
                    )
        for el in self.elements.values():
            if el.attached_to is not None and el.attached_to not in self.elements:
                self.ctx.problems.append(
                    f"Element '{el.id}' of type 'bpmn:boundaryEvent': "
                    f"attachedToRef '{el.attached_to}' does not name an activity"
                )
            problem = self._placement_problem(el)
            if problem is not None:
                self.ctx.problems.append(
                    f"Element '{el.id}' of type 'bpmn:{el.kind}': {problem}"
                )
            if el.default_flow is not None and el.default_flow not in el.outgoing:
                self.ctx.problems.append(
                    f"Element '{el.id}' of type 'bpmn:{el.kind}': default flow "
                    f"'{el.default_flow}' is not one of its outgoing flows"
                )

    def _placement_problem(self, el: Element) -> str | None:
        """Check rules that depend on where an element sits in the graph."""
        if el.kind == "startEvent" and el.event is not None:
            return self._start_problem(el)
        if el.kind == "eventBasedGateway":
            for flow_id in el.outgoing:
                target = self.elements.get(self.flows[flow_id].target)
                if target is None:
                    continue
                catches = target.kind in ("intermediateCatchEvent", "receiveTask")
                if not catches or not isinstance(
                    target.event, (MessageDef, TimerDef, SignalDef)
                ):
                    return "an event-based gateway must lead to catch events"
        return None

    def _start_problem(self, el: Element) -> str | None:
        """Check where a start event with an event definition may sit."""
        container = self.elements.get(el.parent) if el.parent is not None else None
        in_event_sub = container is not None and container.triggered_by_event
        if in_event_sub:
            event = el.event
            if isinstance(event, MessageDef) and event.correlation_key is None:
                return (
                    "the referenced message needs a zeebe:subscription correlationKey"
                )
            return None
        if el.parent is not None:
            return "only none start events are supported inside a subprocess"
        if isinstance(el.event, ErrorDef):
            return "error start events belong in event subprocesses"
        name = el.event.name if isinstance(el.event, (MessageDef, SignalDef)) else ""
        if name.lstrip().startswith("="):
            return "a start event needs a static message or signal name"
        return None


def _replace(el: Element, **changes: tuple[str, ...]) -> Element:
    from dataclasses import replace

    return replace(el, **changes)


def _version_tag(node: ET.Element) -> str | None:
    tag = _zeebe(node, "versionTag")
    return tag.get("value") if tag is not None else None


def _read_process(node: ET.Element, ctx: _Context) -> Process:
    builder = _ProcessBuilder(ctx)
    builder.walk(node, None)
    return builder.build(node)


def _read_element(
    node: ET.Element, kind: str, parent: str | None, ctx: _Context
) -> Element | None:
    event = _read_event(node, kind, ctx)
    if isinstance(event, _Invalid):
        return None
    terminate = node.find(f"{BPMN}terminateEventDefinition") is not None
    task = _read_task(node, ctx)
    script = _read_script(node, ctx)
    user_task = _read_user_task(node, kind, ctx)
    inputs, outputs = _read_mappings(node, ctx)
    if not _valid_shape(node, kind, event, terminate, task, script, ctx):
        return None
    if kind == "userTask" and user_task is None:
        task = TaskDef(type="io.camunda.zeebe:userTask", retries="3")
    headers = tuple(
        (h.get("key", ""), h.get("value", ""))
        for h in _zeebe_all(node, f"{ZEEBE}taskHeaders/{ZEEBE}header")
    )
    if kind == "userTask" and user_task is None and user_task_form(node) is not None:
        headers = (*headers, ("io.camunda.zeebe:formKey", user_task_form(node) or ""))
    return Element(
        id=node.get("id", ""),
        kind=kind,
        name=node.get("name"),
        parent=parent,
        event=event,
        terminate=terminate,
        task=task,
        script=script,
        user_task=user_task,
        headers=headers,
        inputs=inputs,
        outputs=outputs,
        default_flow=node.get("default"),
        attached_to=node.get("attachedToRef"),
        cancel_activity=node.get(
            "isInterrupting" if kind == "startEvent" else "cancelActivity", "true"
        ).lower()
        != "false",
        triggered_by_event=node.get("triggeredByEvent", "false").lower() == "true",
        called=_read_called(node, ctx),
        loop=_read_loop(node, ctx),
    )


def _read_called(node: ET.Element, ctx: _Context) -> CalledElement | None:
    called = _zeebe(node, "calledElement")
    if called is None:
        return None
    process_id = called.get("processId", "")
    ctx.expression(node, process_id, always=False)
    return CalledElement(
        process_id=process_id,
        propagate_child=called.get("propagateAllChildVariables", "true").lower()
        != "false",
        propagate_parent=called.get("propagateAllParentVariables", "true").lower()
        != "false",
    )


def _read_loop(node: ET.Element, ctx: _Context) -> LoopDef | None:
    loop = node.find(f"{BPMN}multiInstanceLoopCharacteristics")
    if loop is None:
        return None
    ext = loop.find(f"{BPMN}extensionElements")
    chars = ext.find(f"{ZEEBE}loopCharacteristics") if ext is not None else None
    if chars is None or not chars.get("inputCollection"):
        ctx.problem(
            node, "multi-instance needs zeebe:loopCharacteristics inputCollection"
        )
        return None
    condition_node = loop.find(f"{BPMN}completionCondition")
    condition = (
        (condition_node.text or "").strip() if condition_node is not None else ""
    )
    for text in (chars.get("inputCollection"), chars.get("outputElement")):
        ctx.expression(node, text, always=True)
    if condition:
        ctx.expression(node, condition, always=True)
    return LoopDef(
        sequential=loop.get("isSequential", "false").lower() == "true",
        input_collection=chars.get("inputCollection", ""),
        input_element=chars.get("inputElement") or None,
        output_collection=chars.get("outputCollection") or None,
        output_element=chars.get("outputElement") or None,
        completion_condition=condition or None,
    )


def user_task_form(node: ET.Element) -> str | None:
    """Return the form key of a job-based user task, if it declares one."""
    form = _zeebe(node, "formDefinition")
    if form is None:
        return None
    return form.get("formKey") or form.get("formId")


def _read_event(node: ET.Element, kind: str, ctx: _Context) -> EventDef | _Invalid:
    defs = [child for child in node if _local(child.tag) in _EVENT_DEFS]
    if kind == "receiveTask":
        return _message_ref(node, node.get("messageRef"), ctx)
    if not defs:
        return None
    if len(defs) > 1:
        ctx.problem(
            node, "multiple event definitions are not supported by the dev engine"
        )
        return _INVALID
    definition = defs[0]
    def_kind = _local(definition.tag)
    if def_kind == "messageEventDefinition":
        return _message_ref(node, definition.get("messageRef"), ctx)
    if def_kind == "timerEventDefinition":
        return _timer(node, definition, ctx)
    if def_kind == "errorEventDefinition":
        ref = definition.get("errorRef")
        return ErrorDef(code=ctx.errors.get(ref) if ref else None)
    if def_kind == "signalEventDefinition":
        ref = definition.get("signalRef")
        if ref is None or ref not in ctx.signals:
            ctx.problem(node, "a signal event needs a signalRef to a bpmn:signal")
            return _INVALID
        return SignalDef(name=ctx.signals[ref])
    if def_kind == "terminateEventDefinition":
        return None
    ctx.problem(node, f"'{def_kind}' is not supported by the dev engine")
    return _INVALID


def _message_ref(
    node: ET.Element, ref: str | None, ctx: _Context
) -> MessageDef | _Invalid:
    if ref is None or ref not in ctx.messages:
        ctx.problem(node, "it must reference a bpmn:message (messageRef)")
        return _INVALID
    return ctx.messages[ref]


def _timer(
    node: ET.Element, definition: ET.Element, ctx: _Context
) -> TimerDef | _Invalid:
    for kind, tag in (
        ("duration", "timeDuration"),
        ("date", "timeDate"),
        ("cycle", "timeCycle"),
    ):
        child = definition.find(f"{BPMN}{tag}")
        if child is not None and (child.text or "").strip():
            text = (child.text or "").strip()
            ctx.expression(node, text, always=False)
            return TimerDef(kind=kind, text=text)
    ctx.problem(node, "a timer needs a timeDuration, timeDate or timeCycle")
    return _INVALID


def _read_task(node: ET.Element, ctx: _Context) -> TaskDef | None:
    definition = _zeebe(node, "taskDefinition")
    if definition is None:
        return None
    job_type = definition.get("type", "")
    retries = definition.get("retries", "3") or "3"
    ctx.expression(node, job_type, always=False)
    ctx.expression(node, retries, always=False)
    return TaskDef(type=job_type, retries=retries)


def _read_script(node: ET.Element, ctx: _Context) -> ScriptDef | None:
    script = _zeebe(node, "script")
    if script is None:
        return None
    expression = script.get("expression", "")
    ctx.expression(node, expression, always=True)
    return ScriptDef(
        expression=expression, result_variable=script.get("resultVariable", "")
    )


def _read_user_task(node: ET.Element, kind: str, ctx: _Context) -> UserTaskDef | None:
    if kind != "userTask" or _zeebe(node, "userTask") is None:
        return None
    assignment = _zeebe(node, "assignmentDefinition")
    schedule = _zeebe(node, "taskSchedule")
    form = _zeebe(node, "formDefinition")
    priority = _zeebe(node, "priorityDefinition")
    attrs = {
        "assignee": assignment.get("assignee") if assignment is not None else None,
        "candidate_groups": (
            assignment.get("candidateGroups") if assignment is not None else None
        ),
        "candidate_users": assignment.get("candidateUsers")
        if assignment is not None
        else None,
        "due_date": schedule.get("dueDate") if schedule is not None else None,
        "follow_up_date": schedule.get("followUpDate")
        if schedule is not None
        else None,
        "form_id": form.get("formId") if form is not None else None,
        "form_key": form.get("formKey") if form is not None else None,
        "external_reference": form.get("externalReference")
        if form is not None
        else None,
        "priority": priority.get("priority") if priority is not None else None,
    }
    for value in attrs.values():
        ctx.expression(node, value, always=False)
    return UserTaskDef(**attrs)


def _read_mappings(
    node: ET.Element, ctx: _Context
) -> tuple[tuple[Mapping, ...], tuple[Mapping, ...]]:
    def read(tag: str) -> tuple[Mapping, ...]:
        found: list[Mapping] = []
        for m in _zeebe_all(node, f"{ZEEBE}ioMapping/{ZEEBE}{tag}"):
            source = m.get("source", "")
            ctx.expression(node, source, always=False)
            found.append(Mapping(source=source, target=m.get("target", "")))
        return tuple(found)

    return read("input"), read("output")


def _valid_shape(
    node: ET.Element,
    kind: str,
    event: EventDef | _Invalid,
    terminate: bool,
    task: TaskDef | None,
    script: ScriptDef | None,
    ctx: _Context,
) -> bool:
    problem = _shape_problem(kind, event, terminate, task, script, node)
    if problem is not None:
        ctx.problem(node, problem)
        return False
    return True


def _shape_problem(
    kind: str,
    event: EventDef | _Invalid,
    terminate: bool,
    task: TaskDef | None,
    script: ScriptDef | None,
    node: ET.Element,
) -> str | None:
    if kind in _JOB_TASKS and task is None and not (kind == "scriptTask" and script):
        return "it needs exactly one zeebe:taskDefinition"
    if kind == "businessRuleTask" and _zeebe(node, "calledDecision") is not None:
        return "zeebe:calledDecision (DMN) is not supported by the dev engine"
    if node.find(f"{BPMN}standardLoopCharacteristics") is not None:
        return "standard loops are not supported by the dev engine"
    if kind == "callActivity" and _zeebe(node, "calledElement") is None:
        return "it needs a zeebe:calledElement"
    for listeners in ("executionListeners", "taskListeners"):
        if _zeebe(node, listeners) is not None:
            return f"zeebe:{listeners} are not supported by the dev engine"
    catching = kind not in ("endEvent", "intermediateThrowEvent", "startEvent")
    if isinstance(event, MessageDef) and catching and event.correlation_key is None:
        return "the referenced message needs a zeebe:subscription correlationKey"
    return _event_problem(kind, event, terminate, task)


def _event_problem(
    kind: str, event: EventDef | _Invalid, terminate: bool, task: TaskDef | None
) -> str | None:
    unsupported = "this event type is not supported by the dev engine"
    if kind == "startEvent":
        ok = event is None or isinstance(
            event, (MessageDef, SignalDef, TimerDef, ErrorDef)
        )
        return None if ok else unsupported
    if kind == "endEvent":
        ok = event is None or isinstance(event, (ErrorDef, SignalDef))
        ok = ok or (isinstance(event, MessageDef) and task is not None)
        return None if ok else unsupported
    if kind == "intermediateThrowEvent":
        ok = event is None or isinstance(event, SignalDef)
        ok = ok or (isinstance(event, MessageDef) and task is not None)
        return None if ok and not terminate else unsupported
    if kind == "intermediateCatchEvent":
        ok = isinstance(event, (MessageDef, TimerDef, SignalDef))
        return None if ok else unsupported
    if kind == "boundaryEvent":
        ok = isinstance(event, (MessageDef, TimerDef, SignalDef, ErrorDef))
        return None if ok else unsupported
    return None

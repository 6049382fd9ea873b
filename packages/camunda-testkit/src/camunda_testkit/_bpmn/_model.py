"""Frozen model of a deployed BPMN process, as the engine needs it."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "CalledElement",
    "Element",
    "LoopDef",
    "ErrorDef",
    "Flow",
    "Mapping",
    "MessageDef",
    "Process",
    "ScriptDef",
    "SignalDef",
    "TaskDef",
    "TimerDef",
    "UserTaskDef",
]


@dataclass(frozen=True)
class Mapping:
    """One ``zeebe:input`` or ``zeebe:output``: an expression and a target path."""

    source: str
    target: str


@dataclass(frozen=True)
class TaskDef:
    """A ``zeebe:taskDefinition``: job type and retries, static or ``=expr``."""

    type: str
    retries: str = "3"


@dataclass(frozen=True)
class ScriptDef:
    """A ``zeebe:script``: an inline FEEL expression and its result variable."""

    expression: str
    result_variable: str


@dataclass(frozen=True)
class UserTaskDef:
    """The Camunda user task attributes of a ``zeebe:userTask`` element."""

    assignee: str | None = None
    candidate_groups: str | None = None
    candidate_users: str | None = None
    due_date: str | None = None
    follow_up_date: str | None = None
    form_id: str | None = None
    form_key: str | None = None
    external_reference: str | None = None
    priority: str | None = None


@dataclass(frozen=True)
class CalledElement:
    """A ``zeebe:calledElement`` of a call activity."""

    process_id: str
    propagate_child: bool = True
    propagate_parent: bool = True


@dataclass(frozen=True)
class LoopDef:
    """Multi-instance characteristics (``zeebe:loopCharacteristics``)."""

    sequential: bool
    input_collection: str
    input_element: str | None = None
    output_collection: str | None = None
    output_element: str | None = None
    completion_condition: str | None = None


@dataclass(frozen=True)
class MessageDef:
    """A referenced ``bpmn:message``: name and correlation key (static or expr)."""

    name: str
    correlation_key: str | None


@dataclass(frozen=True)
class TimerDef:
    """A timer definition; ``kind`` is ``duration``, ``date`` or ``cycle``."""

    kind: str
    text: str


@dataclass(frozen=True)
class ErrorDef:
    """An error event definition; ``code`` None means catch-all."""

    code: str | None


@dataclass(frozen=True)
class SignalDef:
    """A signal event definition."""

    name: str


EventDef = MessageDef | TimerDef | ErrorDef | SignalDef | None


@dataclass(frozen=True)
class Element:
    """A flow node with everything the engine reads from it.

    ``kind`` is the BPMN local name (``serviceTask``, ``exclusiveGateway``, ...);
    ``event`` is the single event definition of events, if any; ``terminate``
    marks a terminate end event. ``parent`` is the id of the enclosing
    embedded subprocess, or None at process level.
    """

    id: str
    kind: str
    name: str | None = None
    parent: str | None = None
    incoming: tuple[str, ...] = ()
    outgoing: tuple[str, ...] = ()
    event: EventDef = None
    terminate: bool = False
    task: TaskDef | None = None
    script: ScriptDef | None = None
    user_task: UserTaskDef | None = None
    headers: tuple[tuple[str, str], ...] = ()
    inputs: tuple[Mapping, ...] = ()
    outputs: tuple[Mapping, ...] = ()
    default_flow: str | None = None
    attached_to: str | None = None
    cancel_activity: bool = True
    triggered_by_event: bool = False
    called: CalledElement | None = None
    loop: LoopDef | None = None


@dataclass(frozen=True)
class Flow:
    """A sequence flow; ``condition`` is the raw expression or None."""

    id: str
    source: str
    target: str
    condition: str | None = None


@dataclass(frozen=True)
class Process:
    """One executable process of a deployed resource."""

    id: str
    name: str | None
    version_tag: str | None
    elements: dict[str, Element] = field(hash=False)
    flows: dict[str, Flow] = field(hash=False)
    boundaries: dict[str, tuple[str, ...]] = field(hash=False)
    children: dict[str | None, tuple[str, ...]] = field(hash=False)
    start_event: str | None = None
    message_starts: dict[str, str] = field(default_factory=dict[str, str], hash=False)
    signal_starts: dict[str, str] = field(default_factory=dict[str, str], hash=False)
    timer_starts: tuple[str, ...] = ()
    event_subprocesses: dict[str | None, tuple[str, ...]] = field(
        default_factory=dict[str | None, tuple[str, ...]], hash=False
    )

    def element(self, element_id: str) -> Element:
        """Return the element with ``element_id``."""
        return self.elements[element_id]

    def event_start_of(self, subprocess_id: str) -> Element | None:
        """Return the (event) start event of an event subprocess."""
        for child in self.children.get(subprocess_id, ()):
            el = self.elements[child]
            if el.kind == "startEvent":
                return el
        return None

    def start_of(self, scope_id: str | None) -> str | None:
        """Return the none start event inside ``scope_id`` (None = process)."""
        if scope_id is None:
            return self.start_event
        for child in self.children.get(scope_id, ()):
            el = self.elements[child]
            if el.kind == "startEvent" and el.event is None:
                return child
        return None

"""Mutable records of the engine state; only the runtime modules change them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from camunda_testkit._bpmn import Element, Process

__all__ = [
    "Definition",
    "ElementInstance",
    "Incident",
    "Job",
    "Message",
    "ProcessInstance",
    "Resource",
    "SignalSubscription",
    "Subscription",
    "Timer",
    "UserTask",
    "Variable",
]


@dataclass(eq=False)
class Resource:
    """A deployed non-BPMN resource (a form or anything else)."""

    key: int
    resource_id: str
    name: str
    version: int
    tenant_id: str
    digest: str
    is_form: bool


@dataclass(eq=False)
class Definition:
    """One version of a deployed process."""

    key: int
    process: Process
    version: int
    tenant_id: str
    resource_name: str
    digest: str
    xml: bytes
    deployment_key: int


@dataclass(eq=False)
class Variable:
    """A variable in one scope; the key stays the same across updates."""

    key: int
    name: str
    value: Any
    scope_key: int
    process_instance_key: int
    tenant_id: str


@dataclass(eq=False)
class ElementInstance:
    """An activated flow node, or the process itself (``element`` None)."""

    key: int
    instance: ProcessInstance
    element: Element | None
    parent: ElementInstance | None
    start_ms: int
    state: str = "ACTIVE"
    end_ms: int | None = None
    variables: dict[str, Variable] = field(default_factory=dict[str, Variable])
    children: dict[int, ElementInstance] = field(
        default_factory=dict[int, "ElementInstance"]
    )
    joins: dict[str, dict[str, int]] = field(default_factory=dict[str, dict[str, int]])
    job: Job | None = None
    user_task: UserTask | None = None
    subscriptions: list[Subscription] = field(default_factory=list["Subscription"])
    signal_subscriptions: list[SignalSubscription] = field(
        default_factory=list["SignalSubscription"]
    )
    timers: list[Timer] = field(default_factory=list["Timer"])
    incident: Incident | None = None
    loop_role: str | None = None
    loop_items: list[Any] | None = None
    loop_next: int = 0
    child_instance: ProcessInstance | None = None

    @property
    def element_id(self) -> str:
        """The BPMN id of the element (the process id for the root scope)."""
        if self.element is None:
            return self.instance.definition.process.id
        return self.element.id

    @property
    def element_kind(self) -> str:
        """The BPMN local name; ``process`` for the root scope."""
        if self.element is None:
            return "process"
        return "multiInstanceBody" if self.loop_role == "body" else self.element.kind


@dataclass(eq=False)
class ProcessInstance:
    """A running or finished process instance and its root scope."""

    key: int
    definition: Definition
    partition: int
    start_ms: int
    tenant_id: str
    tags: list[str]
    business_id: str | None
    state: str = "ACTIVE"
    end_ms: int | None = None
    root: ElementInstance | None = None
    incident_count: int = 0
    parent_element_instance: ElementInstance | None = None
    records: list[Any] = field(default_factory=list[Any])
    element_instances: dict[int, ElementInstance] = field(
        default_factory=dict[int, ElementInstance]
    )

    @property
    def top(self) -> ProcessInstance:
        """The top-most instance of a call hierarchy."""
        instance = self
        while instance.parent_element_instance is not None:
            instance = instance.parent_element_instance.instance
        return instance


@dataclass(eq=False)
class Job:
    """A job for a worker; ``status`` is the internal lifecycle state."""

    key: int
    type: str
    element_instance: ElementInstance
    retries: int
    custom_headers: dict[str, str]
    tenant_id: str
    created_ms: int
    kind: str = "BPMN_ELEMENT"
    status: str = "ACTIVATABLE"
    state: str = "CREATED"
    worker: str = ""
    deadline_ms: int | None = None
    backoff_until_ms: int | None = None
    error_message: str | None = None
    error_code: str | None = None
    updated_ms: int | None = None
    end_ms: int | None = None
    priority: int = 0
    generation: int = 0
    failed_with_retries_left: bool = False
    leased: bool = False
    lease_token: str | None = None


@dataclass(eq=False)
class Incident:
    """An incident that holds an element until resolved."""

    key: int
    error_type: str
    error_message: str
    element_instance: ElementInstance
    job: Job | None
    created_ms: int
    retry: str
    state: str = "ACTIVE"


@dataclass(eq=False)
class Subscription:
    """An open message subscription of a catch event, receive task or boundary."""

    key: int
    name: str
    correlation_key: str
    element_instance: ElementInstance
    element: Element
    tenant_id: str
    created_ms: int
    state: str = "CREATED"
    updated_ms: int | None = None


@dataclass(eq=False)
class SignalSubscription:
    """An open signal subscription of a catch or boundary event."""

    key: int
    name: str
    element_instance: ElementInstance
    element: Element


@dataclass(eq=False)
class Message:
    """A published message, buffered while its time to live lasts."""

    key: int
    name: str
    correlation_key: str
    variables: dict[str, Any]
    tenant_id: str
    deadline_ms: int
    message_id: str | None
    correlated_processes: set[str] = field(default_factory=set[str])
    expired: bool = False


@dataclass(eq=False)
class Timer:
    """A scheduled BPMN timer of a catch event or boundary event."""

    key: int
    element_instance: ElementInstance
    element: Element
    due_ms: int
    repetitions: int | None
    interval_ms: int
    active: bool = True


@dataclass(eq=False)
class UserTask:
    """A Camunda user task waiting for a person."""

    key: int
    element_instance: ElementInstance
    created_ms: int
    assignee: str | None
    candidate_groups: list[str]
    candidate_users: list[str]
    due_date: str | None
    follow_up_date: str | None
    form_key: int | None
    external_form_reference: str | None
    priority: int
    custom_headers: dict[str, str]
    state: str = "CREATED"
    completed_ms: int | None = None

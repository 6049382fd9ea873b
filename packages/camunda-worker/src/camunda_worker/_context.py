"""The job a handler works on: its fields, variables, headers and logger."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, cast

import attrs
from camunda_log import NullLogger, SdkLogger, create_logger


class JobVariables(Mapping[str, Any]):
    """A read-only view of a job's variables or custom headers.

    It behaves like a dict for reading (``job.variables["x"]``, ``.get``,
    ``in``, iteration) and gives a fresh copy with :meth:`to_dict`.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(data) if data else {}

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"JobVariables({self._data!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JobVariables):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)  # pyright: ignore[reportUnknownArgumentType]
        return NotImplemented

    def __hash__(self) -> int:
        raise TypeError("JobVariables is not hashable")

    def __reduce__(self) -> tuple[type[JobVariables], tuple[dict[str, Any]]]:
        return (JobVariables, (self._data,))

    def to_dict(self) -> dict[str, Any]:
        """Return a shallow copy of the values as a plain dict."""
        return dict(self._data)


def _variables(value: Mapping[str, Any] | None) -> JobVariables:
    return value if isinstance(value, JobVariables) else JobVariables(value)


@attrs.frozen(kw_only=True)
class JobContext:
    """An activated job, as a handler sees it.

    The fields mirror the activated job of the REST API in snake_case.
    ``log`` is a logger bound to the job type and key; ``client`` is a client
    the handler may use (the async client under the async strategy, a sync
    client under the thread strategy, ``None`` under the process strategy).
    """

    job_key: str
    type_: str
    retries: int
    deadline: int | None = None
    worker: str | None = None
    process_instance_key: str | None = None
    process_definition_key: str | None = None
    process_definition_id: str | None = None
    process_definition_version: int | None = None
    root_process_instance_key: str | None = None
    element_id: str | None = None
    element_instance_key: str | None = None
    tenant_id: str | None = None
    physical_tenant_id: str | None = None
    kind: str | None = None
    listener_event_type: str | None = None
    user_task: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    business_id: str | None = None
    priority: int | None = None
    lease_token: str | None = None
    variables: JobVariables = attrs.field(factory=JobVariables, converter=_variables)
    custom_headers: JobVariables = attrs.field(
        factory=JobVariables, converter=_variables
    )
    log: SdkLogger = attrs.field(
        factory=lambda: create_logger(NullLogger()), eq=False, repr=False
    )
    client: Any = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def from_job(
        cls, job: Any, logger: Any = None, *, client: Any = None
    ) -> JobContext:
        """Build a context from an activated job (model or wire-format dict).

        Args:
            job: An ``ActivatedJobResult`` model, or its wire-format dict.
            logger: A logger to bind to the job; ``None`` gives a silent one.
            client: The client the handler may use.
        """
        wire: Mapping[str, Any] = (
            cast("Mapping[str, Any]", job)
            if isinstance(job, Mapping)
            else job.to_dict()
        )
        return cls.from_wire(wire, _bound_logger(logger, wire), client=client)

    @classmethod
    def from_wire(
        cls, wire: Mapping[str, Any], log: SdkLogger, *, client: Any = None
    ) -> JobContext:
        """Build a context from the activated job's wire-format dict."""
        return cls(
            job_key=str(wire["jobKey"]),
            type_=str(wire["type"]),
            retries=int(wire.get("retries") or 0),
            deadline=wire.get("deadline"),
            worker=wire.get("worker"),
            process_instance_key=_key(wire.get("processInstanceKey")),
            process_definition_key=_key(wire.get("processDefinitionKey")),
            process_definition_id=wire.get("processDefinitionId"),
            process_definition_version=wire.get("processDefinitionVersion"),
            root_process_instance_key=_key(wire.get("rootProcessInstanceKey")),
            element_id=wire.get("elementId"),
            element_instance_key=_key(wire.get("elementInstanceKey")),
            tenant_id=wire.get("tenantId"),
            physical_tenant_id=wire.get("physicalTenantId"),
            kind=wire.get("kind"),
            listener_event_type=wire.get("listenerEventType"),
            user_task=wire.get("userTask"),
            tags=tuple(wire.get("tags") or ()),
            business_id=wire.get("businessId"),
            priority=wire.get("priority"),
            lease_token=wire.get("leaseToken"),
            variables=JobVariables(wire.get("variables")),
            custom_headers=JobVariables(wire.get("customHeaders")),
            log=log,
            client=client,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the job's fields in snake_case, variables as plain dicts."""
        return {
            field.name: _plain(getattr(self, field.name))
            for field in attrs.fields(JobContext)
            if field.name not in ("log", "client")
        }

    def without_client(self) -> JobContext:
        """Return a copy that can cross a process boundary (no client)."""
        return attrs.evolve(self, client=None)


def _bound_logger(logger: Any, wire: Mapping[str, Any]) -> SdkLogger:
    base = (
        logger
        if isinstance(logger, SdkLogger)
        else create_logger(logger or NullLogger())
    )
    return base.bind(job_type=wire.get("type"), job_key=wire.get("jobKey"))


def _key(value: Any) -> str | None:
    return None if value is None else str(value)


def _plain(value: Any) -> Any:
    return value.to_dict() if isinstance(value, JobVariables) else value

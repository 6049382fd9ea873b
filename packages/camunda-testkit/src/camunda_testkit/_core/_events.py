"""Small event objects the engine hands to subscribers after a state change."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EngineEvent",
    "JobsAvailable",
    "ProcessInstanceCompleted",
    "ProcessInstanceEnded",
    "TimersChanged",
]


@dataclass(frozen=True)
class JobsAvailable:
    """Jobs of ``job_type`` became activatable."""

    job_type: str


@dataclass(frozen=True)
class ProcessInstanceCompleted:
    """The process instance reached its end and completed normally."""

    process_instance_key: str


@dataclass(frozen=True)
class ProcessInstanceEnded:
    """The process instance completed or was terminated (cancel included)."""

    process_instance_key: str
    state: str


@dataclass(frozen=True)
class TimersChanged:
    """The earliest due time changed; ``next_due_ms`` is None when nothing waits."""

    next_due_ms: int | None


EngineEvent = (
    JobsAvailable | ProcessInstanceCompleted | ProcessInstanceEnded | TimersChanged
)

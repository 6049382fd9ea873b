"""The dev engine core: state machine, keys, clock, jobs, messages, timers."""

from __future__ import annotations

from ._clock import Clock
from ._engine import Engine
from ._errors import EngineError
from ._events import (
    EngineEvent,
    JobsAvailable,
    ProcessInstanceCompleted,
    ProcessInstanceEnded,
    TimersChanged,
)

__all__ = [
    "Engine",
    "EngineError",
    "Clock",
    "EngineEvent",
    "JobsAvailable",
    "ProcessInstanceCompleted",
    "ProcessInstanceEnded",
    "TimersChanged",
]

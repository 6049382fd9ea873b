"""The dev engine core: a Zeebe-like BPMN state machine with no I/O.

``Engine`` takes and returns wire-format dicts, one method per REST
operation, and raises ``EngineError`` (status, title, detail) on rejection.
Waiting belongs to the caller: subscribe to events such as ``JobsAvailable``
to wake long polls, and call ``tick()`` (or ``advance_clock``) to fire timers,
backoffs, job deadlines and message expiry on the engine ``Clock``.
"""

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

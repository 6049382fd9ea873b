"""BPMN parsing and deploy-time validation for the dev engine."""

from __future__ import annotations

from ._model import (
    CalledElement,
    Element,
    ErrorDef,
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
from ._parser import BpmnError, parse_bpmn

__all__ = [
    "parse_bpmn",
    "BpmnError",
    "Process",
    "Element",
    "Flow",
    "Mapping",
    "TaskDef",
    "ScriptDef",
    "UserTaskDef",
    "MessageDef",
    "TimerDef",
    "ErrorDef",
    "SignalDef",
    "CalledElement",
    "LoopDef",
]

"""The engine core and BPMN packages expose exactly their intended names."""

from __future__ import annotations

import camunda_testkit._bpmn as bpmn
import camunda_testkit._core as core


def test_core_all() -> None:
    """The core's __all__ is the agreed interface."""
    assert [
        "Engine",
        "EngineError",
        "Clock",
        "EngineEvent",
        "JobsAvailable",
        "ProcessInstanceCompleted",
        "ProcessInstanceEnded",
        "TimersChanged",
    ] == core.__all__


def test_bpmn_all() -> None:
    """The BPMN package's __all__ lists the parser and the model."""
    assert [
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
    ] == bpmn.__all__


def test_engine_error_carries_status_title_detail() -> None:
    """EngineError exposes the problem-detail parts."""
    error = core.EngineError(404, "NOT_FOUND", "gone")

    assert (404, "NOT_FOUND", "gone", "gone") == (
        error.status,
        error.title,
        error.detail,
        str(error),
    )

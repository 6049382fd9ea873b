"""BPMN errors: boundary catch by code or catch-all, uncaught errors, end events."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine

_ERRORS = (
    '<bpmn:error id="e_known" errorCode="KNOWN"/>'
    '<bpmn:error id="e_other" errorCode="OTHER"/>'
)


def _boundary(boundary_id: str, error_ref: str | None) -> str:
    ref = f' errorRef="{error_ref}"' if error_ref else ""
    return (
        f'<bpmn:boundaryEvent id="{boundary_id}" attachedToRef="task">'
        f"<bpmn:errorEventDefinition{ref}/></bpmn:boundaryEvent>"
    )


@pytest.fixture
def guarded(kit: Any, helpers: Any) -> Any:
    """A task with a KNOWN-code boundary (-> 'known') and a catch-all (-> 'any')."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "risky")
        + _boundary("b_known", "e_known")
        + _boundary("b_any", None)
        + h.service_task("known", "known")
        + h.service_task("any", "any")
        + h.END
        + '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'
        + h.chain("start", "task", "end")
        + h.chain("b_known", "known", "e1")
        + h.chain("b_any", "any", "e2")
    )
    kit.deploy(h.bpmn("guarded", body, _ERRORS))
    return kit


@pytest.mark.parametrize(("code", "path"), [("KNOWN", "known"), ("OTHER", "any")])
def test_error_code_picks_the_matching_boundary(
    guarded: Any, engine: Engine, code: str, path: str
) -> None:
    """An exact code match wins over the catch-all boundary."""
    guarded.start("guarded")
    job = guarded.activate("risky")[0]

    engine.throw_job_error(job["jobKey"], {"errorCode": code, "variables": {"why": 1}})
    taken = guarded.activate(path)

    assert 1 == len(taken)
    assert {"why": 1} == taken[0]["variables"]


def test_caught_error_leaves_the_job_error_thrown(guarded: Any, engine: Engine) -> None:
    """The job that threw shows ERROR_THROWN with its code in job search."""
    guarded.start("guarded")
    job = guarded.activate("risky")[0]

    engine.throw_job_error(job["jobKey"], {"errorCode": "KNOWN", "errorMessage": "m"})
    found = engine.search_jobs({"filter": {"jobKey": job["jobKey"]}})["items"][0]

    assert ("ERROR_THROWN", "KNOWN", "m") == (
        found["state"],
        found["errorCode"],
        found["errorMessage"],
    )


def test_uncaught_error_is_an_incident(kit: Any, helpers: Any, engine: Engine) -> None:
    """Without a catching boundary the error becomes UNHANDLED_ERROR_EVENT."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "bare",
            h.START
            + h.service_task("task", "t")
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    key = kit.start("bare")
    job = kit.activate("t")[0]

    engine.throw_job_error(job["jobKey"], {"errorCode": "NOPE"})
    incidents = kit.incidents(key)

    assert [("UNHANDLED_ERROR_EVENT", job["jobKey"])] == [
        (i["errorType"], i["jobKey"]) for i in incidents
    ]


def test_error_end_event_in_subprocess_is_caught_by_its_boundary(
    kit: Any, helpers: Any
) -> None:
    """An error end event inside a subprocess triggers the subprocess boundary."""
    h = helpers
    body = (
        h.START
        + '<bpmn:subProcess id="sub"><bpmn:startEvent id="s2"/>'
        + '<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e_known"/>'
        + "</bpmn:endEvent>"
        + h.flow("sf", "s2", "fail")
        + "</bpmn:subProcess>"
        + '<bpmn:boundaryEvent id="caught" attachedToRef="sub">'
        + '<bpmn:errorEventDefinition errorRef="e_known"/></bpmn:boundaryEvent>'
        + h.service_task("handle", "handle")
        + h.END
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("start", "sub", "end")
        + h.chain("caught", "handle", "e2")
    )
    kit.deploy(h.bpmn("sub", body, _ERRORS))
    key = kit.start("sub")

    kit.work("handle")

    assert "COMPLETED" == kit.state(key)


def test_uncaught_error_end_event_is_an_incident(kit: Any, helpers: Any) -> None:
    """A process-level error end event with no catcher raises an incident."""
    h = helpers
    body = (
        h.START
        + '<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e_known"/>'
        + "</bpmn:endEvent>"
        + h.flow("f", "start", "fail")
    )
    kit.deploy(h.bpmn("errend", body, _ERRORS))
    key = kit.start("errend")

    incidents = kit.incidents(key)

    assert [("UNHANDLED_ERROR_EVENT", "fail")] == [
        (i["errorType"], i["elementId"]) for i in incidents
    ]

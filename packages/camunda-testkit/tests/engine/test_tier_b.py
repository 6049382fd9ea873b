"""Tier B elements: gateways, call activities, multi-instance, start events, scripts."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError

_MESSAGE = (
    '<bpmn:message id="m" name="go"><bpmn:extensionElements>'
    '<zeebe:subscription correlationKey="=id"/></bpmn:extensionElements></bpmn:message>'
)


def _timer(text: str) -> str:
    return (
        '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">'
        f"{text}</bpmn:timeDuration></bpmn:timerEventDefinition>"
    )


@pytest.fixture
def inclusive(kit: Any, helpers: Any) -> Any:
    """Inclusive fork on a and b flags, inclusive join, then 'after'."""
    h = helpers
    body = (
        h.START
        + '<bpmn:inclusiveGateway id="fork" default="fd"/>'
        + '<bpmn:inclusiveGateway id="join"/>'
        + h.service_task("a", "a")
        + h.service_task("b", "b")
        + h.service_task("after", "after")
        + h.END
        + h.flow("s", "start", "fork")
        + h.flow("fa", "fork", "a", "=a")
        + h.flow("fb", "fork", "b", "=b")
        + h.flow("fd", "fork", "join")
        + h.flow("ja", "a", "join")
        + h.flow("jb", "b", "join")
        + h.chain("join", "after", "end")
    )
    kit.deploy(h.bpmn("incl", body))
    return kit


def test_inclusive_fork_takes_every_true_flow_and_joins(inclusive: Any) -> None:
    """Both flags true: both branches run and the join waits for both."""
    key = inclusive.start("incl", a=True, b=True)

    inclusive.work("a")
    early = inclusive.activate("after")
    inclusive.work("b")
    inclusive.work("after")

    assert [] == early
    assert "COMPLETED" == inclusive.state(key)


def test_inclusive_join_does_not_wait_for_untaken_branches(inclusive: Any) -> None:
    """Only one flag true: the join fires after that branch alone."""
    key = inclusive.start("incl", a=False, b=True)

    inclusive.work("b")
    inclusive.work("after")

    assert [] == inclusive.activate("a")
    assert "COMPLETED" == inclusive.state(key)


def test_inclusive_default_flow(inclusive: Any) -> None:
    """No flag true: the default flow reaches the join directly."""
    key = inclusive.start("incl", a=False, b=False)

    inclusive.work("after")

    assert "COMPLETED" == inclusive.state(key)


@pytest.fixture
def racing(kit: Any, helpers: Any) -> Any:
    """An event-based gateway between message 'go' and a 10 s timer."""
    h = helpers
    body = (
        h.START
        + '<bpmn:eventBasedGateway id="gw"/>'
        + '<bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition '
        + 'messageRef="m"/></bpmn:intermediateCatchEvent>'
        + f'<bpmn:intermediateCatchEvent id="late">{_timer("PT10S")}'
        + "</bpmn:intermediateCatchEvent>"
        + h.service_task("on_msg", "on-msg")
        + h.service_task("on_time", "on-time")
        + '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'
        + h.chain("start", "gw")
        + h.flow("gm", "gw", "msg")
        + h.flow("gt", "gw", "late")
        + h.chain("msg", "on_msg", "e1")
        + h.chain("late", "on_time", "e2")
    )
    kit.deploy(h.bpmn("race", body, _MESSAGE))
    return kit


def test_event_gateway_message_wins(racing: Any, engine: Engine) -> None:
    """The message arrives first: its path runs and the timer is dropped."""
    racing.start("race", id="r1")

    engine.publish_message(
        {"name": "go", "correlationKey": "r1", "variables": {"v": 1}}
    )
    engine.advance_clock(10_000)

    assert [{"id": "r1", "v": 1}] == [j["variables"] for j in racing.activate("on-msg")]
    assert [] == racing.activate("on-time")


def test_event_gateway_timer_wins(racing: Any, engine: Engine) -> None:
    """The timer fires first: its path runs and the subscription closes."""
    racing.start("race", id="r2")

    engine.advance_clock(10_000)
    with pytest.raises(Exception):  # noqa: B017, PT011 - any rejection will do
        engine.correlate_message({"name": "go", "correlationKey": "r2"})

    assert 1 == len(racing.activate("on-time"))


@pytest.fixture
def calling(kit: Any, helpers: Any, engine: Engine) -> Any:
    """A parent calling 'child' (one task) through a call activity."""
    h = helpers
    child = h.bpmn(
        "child",
        h.START
        + h.service_task("ct", "child-work")
        + h.END
        + h.chain("start", "ct", "end"),
    )
    parent = h.bpmn(
        "parent",
        h.START
        + '<bpmn:callActivity id="call"><bpmn:extensionElements>'
        + '<zeebe:calledElement processId="child"/></bpmn:extensionElements>'
        + "</bpmn:callActivity>"
        + h.service_task("after", "after")
        + h.END
        + h.chain("start", "call", "after", "end"),
    )
    engine.create_deployment([("child.bpmn", child), ("parent.bpmn", parent)])
    return kit


def test_call_activity_runs_the_child_and_returns_variables(
    calling: Any, engine: Engine
) -> None:
    """The child sees parent variables; its variables come back on completion."""
    key = calling.start("parent", x=1)

    child_job = calling.work("child-work", {"y": 2})
    after = calling.activate("after")[0]
    child = engine.get_process_instance(child_job["processInstanceKey"])

    assert {"x": 1} == child_job["variables"]
    assert {"x": 1, "y": 2} == after["variables"]
    assert (key, key) == (
        child["parentProcessInstanceKey"],
        child["rootProcessInstanceKey"],
    )
    assert child["parentElementInstanceKey"] is not None


def test_cancelling_the_parent_cancels_the_child(calling: Any, engine: Engine) -> None:
    """Terminating the call activity terminates the child instance."""
    key = calling.start("parent")
    job = calling.activate("child-work")[0]

    engine.cancel_process_instance(key)

    assert "TERMINATED" == calling.state(job["processInstanceKey"])


def test_unknown_called_process_is_an_incident(kit: Any, helpers: Any) -> None:
    """A call to an undeployed process raises CALLED_ELEMENT_ERROR."""
    h = helpers
    parent = h.bpmn(
        "orphan",
        h.START
        + '<bpmn:callActivity id="call"><bpmn:extensionElements>'
        + '<zeebe:calledElement processId="nobody"/></bpmn:extensionElements>'
        + "</bpmn:callActivity>"
        + h.END
        + h.chain("start", "call", "end"),
    )
    kit.deploy(parent)
    key = kit.start("orphan")

    assert ["CALLED_ELEMENT_ERROR"] == [i["errorType"] for i in kit.incidents(key)]


def _multi(*, sequential: bool) -> str:
    flag = "true" if sequential else "false"
    return (
        '<bpmn:serviceTask id="each"><bpmn:extensionElements>'
        '<zeebe:taskDefinition type="each"/></bpmn:extensionElements>'
        f'<bpmn:multiInstanceLoopCharacteristics isSequential="{flag}">'
        "<bpmn:extensionElements><zeebe:loopCharacteristics "
        'inputCollection="=items" inputElement="item" outputCollection="results" '
        'outputElement="=done"/></bpmn:extensionElements>'
        "</bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>"
    )


@pytest.mark.parametrize("sequential", [False, True])
def test_multi_instance_collects_outputs_in_order(
    kit: Any, helpers: Any, engine: Engine, sequential: bool
) -> None:
    """One job per item; outputs land in the output collection by index."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "mi",
            h.START
            + _multi(sequential=sequential)
            + h.END
            + h.chain("start", "each", "end"),
        )
    )
    key = kit.start("mi", items=["a", "b", "c"])

    seen: list[str] = []
    while True:
        jobs = kit.activate("each")
        if not jobs:
            break
        for job in reversed(jobs):
            seen.append(job["variables"]["item"])
            engine.complete_job(
                job["jobKey"], {"variables": {"done": job["variables"]["item"] * 2}}
            )

    assert "COMPLETED" == kit.state(key)
    assert ["aa", "bb", "cc"] == kit.variables(key)["results"]
    assert (["a", "b", "c"] if sequential else ["c", "b", "a"]) == seen


def test_multi_instance_over_empty_collection_passes(kit: Any, helpers: Any) -> None:
    """An empty input collection completes the body at once."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "mi",
            h.START
            + _multi(sequential=False)
            + h.END
            + h.chain("start", "each", "end"),
        )
    )

    key = kit.start("mi", items=[])

    assert "COMPLETED" == kit.state(key)
    assert [] == kit.variables(key)["results"]


def test_message_start_event_creates_an_instance(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Publishing the start message creates an instance with its variables."""
    h = helpers
    body = (
        '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/>'
        "</bpmn:startEvent>"
        + h.service_task("task", "started")
        + h.END
        + h.chain("start", "task", "end")
    )
    kit.deploy(h.bpmn("msgstart", body, _MESSAGE))

    result = engine.correlate_message(
        {"name": "go", "correlationKey": "k1", "variables": {"v": 7}}
    )
    job = kit.activate("started")[0]

    assert result["processInstanceKey"] == job["processInstanceKey"]
    assert {"v": 7} == job["variables"]


def test_signal_start_event_creates_an_instance(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Broadcasting the signal starts the process."""
    h = helpers
    body = (
        '<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="s"/>'
        "</bpmn:startEvent>"
        + h.service_task("task", "signalled")
        + h.END
        + h.chain("start", "task", "end")
    )
    kit.deploy(h.bpmn("sigstart", body, '<bpmn:signal id="s" name="ping"/>'))

    engine.broadcast_signal({"signalName": "ping"})

    assert 1 == len(kit.activate("signalled"))


def test_script_task_runs_inline(kit: Any, helpers: Any) -> None:
    """A zeebe:script task evaluates FEEL into its result variable, no job."""
    h = helpers
    body = (
        h.START
        + '<bpmn:scriptTask id="calc"><bpmn:extensionElements>'
        + '<zeebe:script expression="=a + b" resultVariable="sum"/>'
        + "</bpmn:extensionElements></bpmn:scriptTask>"
        + h.END
        + h.chain("start", "calc", "end")
    )
    kit.deploy(h.bpmn("script", body))

    key = kit.start("script", a=2, b=3)

    assert "COMPLETED" == kit.state(key)
    assert 5 == kit.variables(key)["sum"]


def test_terminate_end_event_ends_parallel_branches(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A terminate end event cancels the other branch and completes the instance."""
    h = helpers
    body = (
        h.START
        + '<bpmn:parallelGateway id="fork"/>'
        + h.service_task("slow", "slow")
        + '<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>'
        + h.END
        + h.chain("start", "fork")
        + h.flow("a", "fork", "slow")
        + h.flow("b", "fork", "stop")
        + h.chain("slow", "end")
    )
    kit.deploy(h.bpmn("term", body))

    key = kit.start("term")

    assert "COMPLETED" == kit.state(key)
    assert [] == kit.activate("slow")


def _event_sub(
    sub_id: str, start_def: str, job_type: str, *, interrupting: bool
) -> str:
    flag = "true" if interrupting else "false"
    return (
        f'<bpmn:subProcess id="{sub_id}" triggeredByEvent="true">'
        f'<bpmn:startEvent id="{sub_id}_start" isInterrupting="{flag}">{start_def}'
        "</bpmn:startEvent>"
        f'<bpmn:serviceTask id="{sub_id}_task"><bpmn:extensionElements>'
        f'<zeebe:taskDefinition type="{job_type}"/></bpmn:extensionElements>'
        "</bpmn:serviceTask>"
        f'<bpmn:endEvent id="{sub_id}_end"/>'
        f'<bpmn:sequenceFlow id="{sub_id}_f1" sourceRef="{sub_id}_start" '
        f'targetRef="{sub_id}_task"/>'
        f'<bpmn:sequenceFlow id="{sub_id}_f2" sourceRef="{sub_id}_task" '
        f'targetRef="{sub_id}_end"/>'
        "</bpmn:subProcess>"
    )


def test_error_event_subprocess_catches_a_job_error(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """An error event subprocess handles the error and ends the instance."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "risky")
        + h.END
        + h.chain("start", "task", "end")
        + _event_sub(
            "onerr",
            '<bpmn:errorEventDefinition errorRef="e"/>',
            "fix",
            interrupting=True,
        )
    )
    kit.deploy(h.bpmn("evsub", body, '<bpmn:error id="e" errorCode="BAD"/>'))
    key = kit.start("evsub")
    job = kit.activate("risky")[0]

    engine.throw_job_error(job["jobKey"], {"errorCode": "BAD", "variables": {"w": 1}})
    fix = kit.work("fix")

    assert {"w": 1} == fix["variables"]
    assert "COMPLETED" == kit.state(key)


def test_non_interrupting_timer_event_subprocess(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A non-interrupting timer event subprocess runs beside the main flow."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "main")
        + h.END
        + h.chain("start", "task", "end")
        + _event_sub("remind", _timer("PT1M"), "remind", interrupting=False)
    )
    kit.deploy(h.bpmn("evtimer", body))
    key = kit.start("evtimer")

    engine.advance_clock(60_000)
    kit.work("remind")
    middle = kit.state(key)
    kit.work("main")

    assert ("ACTIVE", "COMPLETED") == (middle, kit.state(key))


def test_interrupting_message_event_subprocess(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """An interrupting message event subprocess cancels the main flow's job."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "main")
        + h.END
        + h.chain("start", "task", "end")
        + _event_sub(
            "stop",
            '<bpmn:messageEventDefinition messageRef="m"/>',
            "wrap",
            interrupting=True,
        )
    )
    kit.deploy(h.bpmn("evmsg", body, _MESSAGE))
    key = kit.start("evmsg", id="x1")

    engine.publish_message({"name": "go", "correlationKey": "x1"})
    cancelled = kit.activate("main")
    kit.work("wrap")

    assert [] == cancelled
    assert "COMPLETED" == kit.state(key)


def _timer_start(kind: str, text: str) -> str:
    return (
        f'<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:{kind} '
        f'xsi:type="bpmn:tFormalExpression">{text}</bpmn:{kind}>'
        "</bpmn:timerEventDefinition></bpmn:startEvent>"
    )


def test_timer_start_cycle_creates_instances(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """R2/PT1M creates one instance per minute, twice, then stops."""
    h = helpers
    body = (
        _timer_start("timeCycle", "R2/PT1M")
        + h.service_task("task", "ticked")
        + h.END
        + h.chain("start", "task", "end")
    )
    kit.deploy(h.bpmn("ticker", body))

    engine.advance_clock(59_999)
    before = kit.activate("ticked")
    for _ in range(3):
        engine.advance_clock(60_000)

    assert [] == before
    assert 2 == len(kit.activate("ticked"))


def test_new_version_replaces_the_timer_start(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Deploying a new version cancels the old version's timer start."""
    h = helpers

    def version(job_type: str) -> bytes:
        body = (
            _timer_start("timeDuration", "PT1M")
            + h.service_task("task", job_type)
            + h.END
            + h.chain("start", "task", "end")
        )
        return h.bpmn("once", body)

    kit.deploy(version("old"))
    kit.deploy(version("new"))
    engine.advance_clock(60_000)

    assert ([], 1) == (kit.activate("old"), len(kit.activate("new")))


def test_invalid_timer_start_is_rejected(helpers: Any, engine: Engine) -> None:
    """A timer start whose text is not a timer fails the deployment."""
    h = helpers
    body = _timer_start("timeDuration", "soon") + h.END + h.chain("start", "end")

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("t.bpmn", h.bpmn("bad", body))])

    assert 400 == error.value.status


def test_cancelling_a_child_instance_is_refused(calling: Any, engine: Engine) -> None:
    """Only the root of a call hierarchy can be cancelled."""
    calling.start("parent")
    job = calling.activate("child-work")[0]

    with pytest.raises(EngineError) as error:
        engine.cancel_process_instance(job["processInstanceKey"])

    assert 409 == error.value.status


def test_signal_throw_event_reaches_another_instance(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A signal end event wakes a waiting signal catch event elsewhere."""
    h = helpers
    signal = '<bpmn:signal id="s" name="wake"/>'
    waiter = (
        h.START
        + '<bpmn:intermediateCatchEvent id="catch">'
        + '<bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>'
        + h.END
        + h.chain("start", "catch", "end")
    )
    thrower = (
        h.START
        + '<bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="s"/>'
        + "</bpmn:endEvent>"
        + h.chain("start", "end")
    )
    kit.deploy(h.bpmn("waiter", waiter, signal), "w.bpmn")
    kit.deploy(h.bpmn("thrower", thrower, signal), "t.bpmn")
    waiting = kit.start("waiter")

    kit.start("thrower")

    assert "COMPLETED" == kit.state(waiting)


def test_child_error_is_caught_on_the_call_activity(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """An error thrown in the child reaches the boundary on the call activity."""
    h = helpers
    child = h.bpmn(
        "failing",
        h.START
        + h.service_task("ct", "fail-here")
        + h.END
        + h.chain("start", "ct", "end"),
    )
    parent = h.bpmn(
        "guard",
        h.START
        + '<bpmn:callActivity id="call"><bpmn:extensionElements>'
        + '<zeebe:calledElement processId="failing"/></bpmn:extensionElements>'
        + "</bpmn:callActivity>"
        + '<bpmn:boundaryEvent id="caught" attachedToRef="call">'
        + "<bpmn:errorEventDefinition/></bpmn:boundaryEvent>"
        + h.service_task("recover", "recover")
        + h.END
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("start", "call", "end")
        + h.chain("caught", "recover", "e2"),
    )
    engine.create_deployment([("c.bpmn", child), ("p.bpmn", parent)])
    key = kit.start("guard")
    job = kit.activate("fail-here")[0]

    engine.throw_job_error(job["jobKey"], {"errorCode": "ANY"})
    kit.work("recover")

    assert "TERMINATED" == kit.state(job["processInstanceKey"])
    assert "COMPLETED" == kit.state(key)

"""Timers on the engine clock: catch events, boundaries, dates and cycles."""

from __future__ import annotations

from typing import Any

from camunda_testkit._core import Engine, TimersChanged


def _timer(kind: str, text: str) -> str:
    return (
        f'<bpmn:timerEventDefinition><bpmn:{kind} xsi:type="bpmn:tFormalExpression">'
        f"{text}</bpmn:{kind}></bpmn:timerEventDefinition>"
    )


def _catch_process(h: Any, definition: str) -> bytes:
    body = (
        h.START
        + f'<bpmn:intermediateCatchEvent id="wait">{definition}'
        + "</bpmn:intermediateCatchEvent>"
        + h.END
        + h.chain("start", "wait", "end")
    )
    return h.bpmn("timer", body)


def test_duration_timer_fires_when_the_clock_passes(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A PT5S catch event completes only once five seconds have passed."""
    kit.deploy(_catch_process(helpers, _timer("timeDuration", "PT5S")))
    key = kit.start("timer")

    next_due = engine.tick()
    engine.advance_clock(4_999)
    early = kit.state(key)
    engine.advance_clock(1)

    assert 1_767_225_600_000 + 5_000 == next_due
    assert ("ACTIVE", "COMPLETED") == (early, kit.state(key))


def test_duration_from_an_expression(kit: Any, helpers: Any, engine: Engine) -> None:
    """The duration may come from a FEEL expression."""
    kit.deploy(_catch_process(helpers, _timer("timeDuration", "=wait")))
    key = kit.start("timer", wait="PT1M")

    engine.advance_clock(60_000)

    assert "COMPLETED" == kit.state(key)


def test_date_timer_fires_at_the_date(kit: Any, helpers: Any, engine: Engine) -> None:
    """A timeDate catch event fires when the clock reaches that instant."""
    kit.deploy(_catch_process(helpers, _timer("timeDate", "2026-01-01T00:10:00Z")))
    key = kit.start("timer")

    engine.advance_clock(599_999)
    early = kit.state(key)
    engine.advance_clock(1)

    assert ("ACTIVE", "COMPLETED") == (early, kit.state(key))


def test_pinning_the_clock_fires_due_timers(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """PUT /clock to a later instant fires everything due by then."""
    kit.deploy(_catch_process(helpers, _timer("timeDuration", "PT1H")))
    key = kit.start("timer")

    engine.pin_clock({"timestamp": 1_767_225_600_000 + 3_600_000})

    assert "COMPLETED" == kit.state(key)


def test_interrupting_timer_boundary_cancels_the_job(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """An interrupting boundary timer terminates the task and its job."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "slow")
        + '<bpmn:boundaryEvent id="late" attachedToRef="task">'
        + _timer("timeDuration", "PT10S")
        + "</bpmn:boundaryEvent>"
        + h.service_task("escalate", "escalate")
        + h.END
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("start", "task", "end")
        + h.chain("late", "escalate", "e2")
    )
    kit.deploy(h.bpmn("tb", body))
    kit.start("tb")
    job = kit.activate("slow")[0]

    engine.advance_clock(10_000)
    state = engine.search_jobs({"filter": {"jobKey": job["jobKey"]}})["items"][0]

    assert "CANCELED" == state["state"]
    assert 1 == len(kit.activate("escalate"))


def test_completing_the_task_cancels_its_timer(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Leaving the task removes its boundary timer from the due list."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "quick")
        + '<bpmn:boundaryEvent id="late" attachedToRef="task">'
        + _timer("timeDuration", "PT10S")
        + "</bpmn:boundaryEvent>"
        + h.END
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("start", "task", "end")
        + h.chain("late", "e2")
    )
    kit.deploy(h.bpmn("tq", body))
    key = kit.start("tq")

    kit.work("quick")
    engine.advance_clock(10_000)

    assert "COMPLETED" == kit.state(key)
    assert ["end"] == [
        i["elementId"]
        for i in engine.search_element_instances(
            {"filter": {"processInstanceKey": key, "type": "END_EVENT"}}
        )["items"]
    ]


def test_non_interrupting_cycle_fires_repeatedly(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """R3/PT10S on a non-interrupting boundary fires three times; the task stays."""
    h = helpers
    body = (
        h.START
        + h.service_task("task", "long")
        + '<bpmn:boundaryEvent id="remind" cancelActivity="false" attachedToRef="task">'
        + _timer("timeCycle", "R3/PT10S")
        + "</bpmn:boundaryEvent>"
        + h.service_task("nudge", "nudge")
        + h.END
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("start", "task", "end")
        + h.chain("remind", "nudge", "e2")
    )
    kit.deploy(h.bpmn("cycle", body))
    kit.start("cycle")

    engine.advance_clock(60_000)

    assert 3 == len(kit.activate("nudge"))
    assert 1 == len(kit.activate("long"))


def test_timer_scheduling_emits_timers_changed(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Subscribers learn the next due time when a timer is scheduled."""
    kit.deploy(_catch_process(helpers, _timer("timeDuration", "PT5S")))
    seen: list[Any] = []
    engine.subscribe(seen.append)

    kit.start("timer")

    assert [TimersChanged(1_767_225_605_000)] == [
        e for e in seen if isinstance(e, TimersChanged)
    ]

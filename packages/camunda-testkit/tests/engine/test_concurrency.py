"""The engine is safe to drive from several threads at once."""

from __future__ import annotations

import threading
from typing import Any

from camunda_testkit._core import Engine, JobsAvailable


def test_parallel_workers_complete_each_job_exactly_once(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Four threads racing on one job type never get the same job twice."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "race",
            h.START
            + h.service_task("task", "race")
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    keys = [kit.start("race") for _ in range(200)]
    completed: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        while True:
            jobs = engine.activate_jobs(
                {"type": "race", "timeout": 60_000, "maxJobsToActivate": 7}
            )["jobs"]
            if not jobs:
                return
            for job in jobs:
                engine.complete_job(job["jobKey"], {})
                with lock:
                    completed.append(job["jobKey"])

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert 200 == len(completed) == len(set(completed))
    assert {"COMPLETED"} == {kit.state(k) for k in keys}


def test_jobs_from_every_partition_are_activated(helpers: Any, clock: Any) -> None:
    """With three partitions one activation drains jobs from all of them."""
    engine = Engine(partitions=3, clock=clock)
    h = helpers
    engine.create_deployment(
        [
            (
                "p.bpmn",
                h.bpmn(
                    "spread",
                    h.START
                    + h.service_task("task", "spread")
                    + h.END
                    + h.chain("start", "task", "end"),
                ),
            )
        ]
    )
    for _ in range(6):
        engine.create_process_instance({"processDefinitionId": "spread"})

    jobs = engine.activate_jobs(
        {"type": "spread", "timeout": 1_000, "maxJobsToActivate": 10}
    )["jobs"]

    assert [2, 2, 2] == [
        sum(1 for j in jobs if int(j["jobKey"]) >> 51 == p) for p in (1, 2, 3)
    ]


def test_a_failing_listener_does_not_break_the_engine(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """A listener that raises is logged; other listeners still hear the event."""
    heard: list[Any] = []

    def broken(event: Any) -> None:
        raise RuntimeError("listener bug")

    engine.subscribe(broken)
    engine.subscribe(heard.append)
    h = helpers
    kit.deploy(
        h.bpmn(
            "l",
            h.START + h.service_task("t", "t") + h.END + h.chain("start", "t", "end"),
        )
    )

    key = kit.start("l")

    assert "ACTIVE" == kit.state(key)
    assert JobsAvailable("t") in heard


def test_reset_restarts_the_keys(helpers: Any, engine: Engine) -> None:
    """After reset the next deployment gets the first key again."""
    xml = helpers.bpmn("k", helpers.START + helpers.END + helpers.chain("start", "end"))
    first = engine.create_deployment([("k.bpmn", xml)])["deploymentKey"]

    engine.reset()
    again = engine.create_deployment([("k.bpmn", xml)])["deploymentKey"]

    assert ("2251799813685249", "2251799813685249") == (first, again)

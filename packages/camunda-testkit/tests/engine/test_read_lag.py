"""Read lag: eventually-consistent reads trail commands by read_lag_ms."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Clock, Engine, EngineError


class FakeTime:
    """A monotonic time source the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def lagging(clock: Clock, helpers: Any) -> tuple[Engine, FakeTime]:
    """An engine with 500 ms read lag on a hand-moved time source."""
    fake = FakeTime()
    engine = Engine(read_lag_ms=500, clock=clock, monotonic=fake)
    h = helpers
    engine.create_deployment(
        [
            (
                "p.bpmn",
                h.bpmn(
                    "lag",
                    h.START
                    + h.service_task("task", "t")
                    + h.END
                    + h.chain("start", "task", "end"),
                ),
            )
        ]
    )
    return engine, fake


def test_new_instance_is_invisible_until_the_lag_passes(
    lagging: tuple[Engine, FakeTime],
) -> None:
    """GET is 404 and search is empty until read_lag_ms has passed."""
    engine, fake = lagging
    key = engine.create_process_instance({"processDefinitionId": "lag"})[
        "processInstanceKey"
    ]

    with pytest.raises(EngineError) as pending:
        engine.get_process_instance(key)
    empty = engine.search_process_instances(None)["items"]
    fake.now += 0.5

    assert 404 == pending.value.status
    assert [] == empty
    assert "ACTIVE" == engine.get_process_instance(key)["state"]


def test_changes_show_the_old_state_while_pending(
    lagging: tuple[Engine, FakeTime],
) -> None:
    """A completed instance reads ACTIVE until the lag has passed."""
    engine, fake = lagging
    key = engine.create_process_instance({"processDefinitionId": "lag"})[
        "processInstanceKey"
    ]
    fake.now += 1
    job = engine.activate_jobs({"type": "t", "timeout": 1000, "maxJobsToActivate": 1})

    engine.complete_job(job["jobs"][0]["jobKey"], {})
    stale = engine.get_process_instance(key)["state"]
    fake.now += 0.499
    still = engine.get_process_instance(key)["state"]
    fake.now += 0.001

    assert ("ACTIVE", "ACTIVE") == (stale, still)
    assert "COMPLETED" == engine.get_process_instance(key)["state"]


def test_commands_are_not_lagged(lagging: tuple[Engine, FakeTime]) -> None:
    """Jobs can be activated at once even while reads still lag."""
    engine, _ = lagging
    engine.create_process_instance({"processDefinitionId": "lag"})

    jobs = engine.activate_jobs({"type": "t", "timeout": 1000, "maxJobsToActivate": 1})

    assert 1 == len(jobs["jobs"])
    assert [] == engine.search_jobs(None)["items"]


@pytest.mark.parametrize(
    "search",
    [
        "search_jobs",
        "search_variables",
        "search_element_instances",
        "search_process_instances",
    ],
)
def test_every_search_trails_by_the_lag(
    lagging: tuple[Engine, FakeTime], search: str
) -> None:
    """Each eventually-consistent search sees new records only after the lag."""
    engine, fake = lagging
    engine.create_process_instance(
        {"processDefinitionId": "lag", "variables": {"a": 1}}
    )

    before = getattr(engine, search)(None)["items"]
    fake.now += 0.5
    after = getattr(engine, search)(None)["items"]

    assert ([], True) == (before, len(after) > 0)


def test_incidents_trail_by_the_lag(
    lagging: tuple[Engine, FakeTime],
) -> None:
    """An incident raised now is invisible to search and GET for the lag."""
    engine, fake = lagging
    engine.create_process_instance({"processDefinitionId": "lag"})
    job = engine.activate_jobs({"type": "t", "timeout": 1000, "maxJobsToActivate": 1})
    engine.fail_job(job["jobs"][0]["jobKey"], {"retries": 0})

    before = engine.search_incidents(None)["items"]
    fake.now += 0.5
    after = engine.search_incidents(None)["items"]

    assert [] == before
    assert ["JOB_NO_RETRIES"] == [i["errorType"] for i in after]

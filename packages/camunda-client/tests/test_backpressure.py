"""The backpressure gate: state transitions, waiting, exempt and long-poll calls."""

from __future__ import annotations

import asyncio
import threading
import time
from types import ModuleType
from typing import Any

import pytest
from camunda_client import BackpressureSnapshot, errors, instant_retries
from camunda_client._runtime._backpressure import (
    MAX_WAITERS,
    AsyncBackpressureGate,
    BackpressureGate,
    BackpressureState,
)
from camunda_client._runtime._settings import RuntimeSettings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def signals(state: BackpressureState, count: int) -> list[int | None]:
    caps: list[int | None] = []
    for _ in range(count):
        state.record(backpressure=True)
        caps.append(state.permits_max)
    return caps


def test_first_signals_shrink_the_cap_softly_then_severely() -> None:
    """Caps go 12, 9 (soft) then halve from the third signal (severe)."""
    state = BackpressureState(clock=FakeClock())

    caps = signals(state, 5)

    assert [12, 9, 5, 3, 2] == caps
    assert ("severe", 5) == (state.severity, state.consecutive)


def test_floor_adds_a_doubling_backoff_reset_by_success() -> None:
    """At the floor each signal doubles the pause up to 2 s; a success clears it."""
    state = BackpressureState(clock=FakeClock())
    signals(state, 6)

    backoffs: list[int] = []
    for _ in range(8):
        state.record(backpressure=True)
        backoffs.append(state.backoff_ms)
    state.record(backpressure=False)

    assert [50, 100, 200, 400, 800, 1600, 2000, 2000] == backoffs
    assert (2, 0) == (state.permits_max, state.backoff_ms)


def test_recovery_steps_back_to_unlimited() -> None:
    """Quiet successes decay severity, grow the cap, and lift it after 30 s healthy."""
    clock = FakeClock()
    state = BackpressureState(clock=clock)
    signals(state, 3)  # severe, cap 5

    trail: list[tuple[str, int | None]] = []
    for _ in range(4):
        clock.now += 2.0
        state.record(backpressure=False)
        trail.append((state.severity, state.permits_max))
    clock.now += 30.0
    state.record(backpressure=False)

    assert [("soft", 6), ("healthy", 9), ("healthy", 14), ("healthy", 21)] == trail
    assert (None, "healthy", 0) == (
        state.permits_max,
        state.severity,
        state.consecutive,
    )


def test_recovery_runs_at_most_once_per_second() -> None:
    """Successes within one second of the last recovery step change nothing."""
    clock = FakeClock()
    state = BackpressureState(clock=clock)
    signals(state, 1)  # cap 12
    clock.now += 0.5
    state.record(backpressure=False)  # first step: 13

    for _ in range(5):
        clock.now += 0.1
        state.record(backpressure=False)

    assert 13 == state.permits_max


def test_legacy_profile_observes_without_gating() -> None:
    """LEGACY tracks severity but never caps or pauses."""
    state = BackpressureState("LEGACY", clock=FakeClock())
    signals(state, 10)

    snap = state.snapshot()

    assert ("severe", 10, None, 0) == (
        snap.severity,
        snap.consecutive,
        snap.permits_max,
        snap.backoff_ms,
    )
    assert (True, 0.0) == (state.has_room(), state.pause_s())


def test_queue_full_raises_at_the_bound() -> None:
    """The waiter after MAX_WAITERS is refused with BackpressureQueueFull."""
    state = BackpressureState(clock=FakeClock())
    for _ in range(MAX_WAITERS):
        state.add_waiter()

    with pytest.raises(errors.BackpressureQueueFull):
        state.add_waiter()

    assert MAX_WAITERS == state.waiters


def test_sync_waiters_wake_on_growth_and_count_stays_sane() -> None:
    """Blocked threads proceed as the cap grows back; waiters never goes negative."""
    clock = FakeClock()
    state = BackpressureState(clock=clock)
    signals(state, 6)  # severe, cap 1
    gate = BackpressureGate(state)
    gate.acquire()
    entered: list[int] = []

    def waiter(number: int) -> None:
        gate.acquire()
        entered.append(number)

    threads = [threading.Thread(target=waiter, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    while gate.snapshot().waiters != 2:
        time.sleep(0.001)
    clock.now += 2.0
    gate.record(backpressure=False)  # soft again, cap 1 -> 2: one thread enters
    while not entered:
        time.sleep(0.001)
    mid = gate.snapshot()
    clock.now += 2.0
    gate.record(backpressure=False)  # healthy, cap 2 -> 3: the other enters
    for thread in threads:
        thread.join(timeout=5)
    for _ in range(3):
        gate.release()

    assert (2, 2, 1) == (mid.permits_max, mid.in_flight, mid.waiters)
    assert [0, 1] == sorted(entered)
    assert (3, 0, 0) == (state.permits_max, state.waiters, state.in_flight)


async def test_async_waiter_wakes_on_growth_not_only_release() -> None:
    """An async waiter proceeds when the cap grows while the permit is still held."""
    clock = FakeClock()
    state = BackpressureState(clock=clock)
    state.permits_max = 1
    gate = AsyncBackpressureGate(state)
    await gate.acquire()

    waiter = asyncio.ensure_future(gate.acquire())
    await asyncio.sleep(0)
    waiting = gate.snapshot().waiters
    clock.now += 5.0
    gate.record(backpressure=False)  # healthy: cap 1 -> 2
    await asyncio.wait_for(waiter, timeout=5)

    assert (1, 2, 2, 0) == (waiting, state.permits_max, state.in_flight, state.waiters)


async def test_cancelled_async_waiter_leaks_nothing() -> None:
    """Cancelling a waiting task leaves no waiter and no permit behind."""
    state = BackpressureState(clock=FakeClock())
    state.permits_max = 1
    gate = AsyncBackpressureGate(state)
    await gate.acquire()
    waiter = asyncio.ensure_future(gate.acquire())
    await asyncio.sleep(0)

    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    gate.release()

    assert (0, 0) == (state.waiters, state.in_flight)


@pytest.fixture
def settings() -> RuntimeSettings:
    return RuntimeSettings(max_retries=0)


def test_client_state_follows_backpressure_answers(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """Three 429s make the client's public snapshot severe with cap 5."""
    server.default = kit.Reply(429, b"")

    for _ in range(3):
        with pytest.raises(errors.TooManyRequestsError):
            core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert (
        BackpressureSnapshot("BALANCED", "severe", 3, 5, 0, 0, 0) == core.backpressure
    )


def test_exempt_and_long_poll_calls_pass_a_full_gate(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """Job completion and activation run while every permit is taken."""
    core._gate.state.permits_max = 1
    core._gate.state.in_flight = 1
    server.script(kit.Reply(204, b"", {}), kit.ok({"jobs": []}))

    completed = core._call(
        kit.COMPLETE_JOB, lambda r: None, path_params={"jobKey": "1"}
    )
    activated = core._call(kit.ACTIVATE_JOBS, kit.parse_json, json={"type": "t"})

    assert (None, {"jobs": []}) == (completed, activated)
    assert 1 == core._gate.state.in_flight


async def test_long_poll_holds_no_permit_while_waiting(
    kit: ModuleType, server: Any, acore: Any
) -> None:
    """A slow activation at cap 1 does not block a gated call meanwhile."""
    acore._gate.state.permits_max = 1
    server.script(kit.Reply(200, b'{"jobs":[]}', delay_s=0.5))
    poll = asyncio.ensure_future(
        acore._call(kit.ACTIVATE_JOBS, kit.parse_json, json={"type": "t"})
    )
    await asyncio.to_thread(server.wait_for_requests, 1)

    topology = await acore._call(kit.GET_TOPOLOGY, kit.parse_json)
    still_polling = not poll.done()
    await poll

    assert ({}, True) == (topology, still_polling)


def test_instant_retries_skips_the_floor_pause() -> None:
    """The floor backoff is zero while instant_retries is active."""
    state = BackpressureState(clock=FakeClock())
    signals(state, 7)

    with instant_retries():
        inside = state.pause_s()

    assert (0.0, 0.05) == (inside, state.pause_s())

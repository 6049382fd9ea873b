"""The acknowledgement gate follows the network's base latency."""

from __future__ import annotations

import asyncio

from camunda_worker._gate import AckGate


async def test_starts_with_four_slots_and_queues_the_fifth() -> None:
    """Four acquire at once; the fifth waits until one is released."""
    gate = AckGate(ceiling=32)
    for _ in range(4):
        await gate.acquire()
    fifth = asyncio.ensure_future(gate.acquire())
    await asyncio.sleep(0)

    assert not fifth.done()
    gate.release(0.001)
    await asyncio.sleep(0)
    assert fifth.done()


def test_limit_follows_the_smallest_recent_round_trip() -> None:
    """30 ms base latency gives 15 slots; one fast answer brings it back down."""
    gate = AckGate(ceiling=32)
    gate._active = 3  # pretend three are in flight

    gate.release(0.030)
    gate.release(0.045)
    assert 15 == gate.limit

    gate.release(0.002)
    assert 4 == gate.limit


def test_limit_stays_within_floor_and_ceiling() -> None:
    """The limit never exceeds the worker's concurrency nor drops below 4 (or it)."""
    wide = AckGate(ceiling=10)
    wide._active = 1
    wide.release(0.5)
    narrow = AckGate(ceiling=2)

    assert 10 == wide.limit
    assert 2 == narrow.limit


async def test_a_cancelled_waiter_gives_its_slot_back() -> None:
    """Cancelling a waiter, even one just granted a slot, leaks no slot."""
    gate = AckGate(ceiling=4)
    for _ in range(4):
        await gate.acquire()
    waiter = asyncio.ensure_future(gate.acquire())
    await asyncio.sleep(0)
    gate.release(0.001)  # grants the slot to the waiter...
    waiter.cancel()  # ...which is cancelled before it runs
    await asyncio.gather(waiter, return_exceptions=True)
    for _ in range(3):
        gate.release(0.001)

    for _ in range(4):
        await asyncio.wait_for(gate.acquire(), 1)

"""Bridge engine events (any thread) to asyncio wakeups on the server loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from camunda_testkit._core import (
    EngineEvent,
    JobsAvailable,
    TimersChanged,
)


class Notifier:
    """Park long polls and awaitCompletion requests until the engine wakes them.

    Waiters are plain ``asyncio.Event`` objects owned by the server loop; the
    engine may emit events from any thread, so delivery always hops onto the
    loop first.

    Args:
        on_timers_changed: Called (from the emitting thread) when the next due
            time moves, so the ticker can re-plan its sleep.
    """

    def __init__(self, on_timers_changed: Callable[[], None] | None = None) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._jobs: dict[str, set[asyncio.Event]] = {}
        self._instances: dict[str, set[asyncio.Event]] = {}
        self._on_timers_changed = on_timers_changed
        self.closing = False

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach the server loop that owns every waiter."""
        self._loop = loop
        self._loop_thread = threading.get_ident()
        self.closing = False

    @property
    def parked(self) -> int:
        """How many requests are parked right now."""
        jobs = sum(len(w) for w in self._jobs.values())
        return jobs + sum(len(w) for w in self._instances.values())

    def on_event(self, event: EngineEvent) -> None:
        """Engine listener: route one event to the waiters it concerns."""
        if isinstance(event, TimersChanged):
            if self._on_timers_changed is not None:
                self._on_timers_changed()
            return
        if isinstance(event, JobsAvailable):
            self._deliver(self._jobs, event.job_type)
        else:
            self._deliver(self._instances, event.process_instance_key)

    def job_waiter(self, job_type: str) -> asyncio.Event:
        """Register a waiter that fires when jobs of ``job_type`` appear."""
        return _register(self._jobs, job_type)

    def instance_waiter(self, key: str) -> asyncio.Event:
        """Register a waiter that fires when instance ``key`` ends."""
        return _register(self._instances, key)

    def discard_job_waiter(self, job_type: str, event: asyncio.Event) -> None:
        """Unregister a job waiter."""
        _unregister(self._jobs, job_type, event)

    def discard_instance_waiter(self, key: str, event: asyncio.Event) -> None:
        """Unregister an instance waiter."""
        _unregister(self._instances, key, event)

    def release_all(self) -> None:
        """Wake every parked request (used on shutdown); thread-safe."""
        self.closing = True
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self._wake_everything)
        except RuntimeError:
            return

    def _deliver(self, table: dict[str, set[asyncio.Event]], key: str) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if threading.get_ident() == self._loop_thread:
            _wake(table, key)
            return
        try:
            loop.call_soon_threadsafe(_wake, table, key)
        except RuntimeError:
            return

    def _wake_everything(self) -> None:
        for table in (self._jobs, self._instances):
            for waiters in table.values():
                for waiter in waiters:
                    waiter.set()


def _register(table: dict[str, set[asyncio.Event]], key: str) -> asyncio.Event:
    event = asyncio.Event()
    table.setdefault(key, set()).add(event)
    return event


def _unregister(
    table: dict[str, set[asyncio.Event]], key: str, event: asyncio.Event
) -> None:
    waiters = table.get(key)
    if waiters is None:
        return
    waiters.discard(event)
    if not waiters:
        del table[key]


def _wake(table: dict[str, set[asyncio.Event]], key: str) -> None:
    for waiter in table.get(key, ()):
        waiter.set()

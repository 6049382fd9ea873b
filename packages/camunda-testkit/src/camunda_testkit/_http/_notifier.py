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
        self._jobs: dict[str, dict[asyncio.Event, None]] = {}
        self._instances: dict[str, set[asyncio.Event]] = {}
        self._on_timers_changed = on_timers_changed
        self._parked = 0
        self.closing = False

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Attach the server loop that owns every waiter."""
        self._loop = loop
        self._loop_thread = threading.get_ident()
        self.closing = False

    @property
    def parked(self) -> int:
        """How many requests are parked right now (safe from any thread)."""
        return self._parked

    def on_event(self, event: EngineEvent) -> None:
        """Engine listener: route one event to the waiters it concerns."""
        if isinstance(event, TimersChanged):
            if self._on_timers_changed is not None:
                self._on_timers_changed()
            return
        if isinstance(event, JobsAvailable):
            self._deliver(self._wake_next_job_waiter, event.job_type)
        else:
            self._deliver(self._wake_instance_waiters, event.process_instance_key)

    def job_waiter(self, job_type: str) -> asyncio.Event:
        """Register a waiter that fires when jobs of ``job_type`` appear.

        Waiters of one type queue up in arrival order and are woken one at a
        time; a woken poll that got jobs calls ``pass_on`` so the next one
        looks too. That keeps 500 parked polls from stampeding on each job.
        """
        event = asyncio.Event()
        self._jobs.setdefault(job_type, {})[event] = None
        self._parked += 1
        return event

    def pass_on(self, job_type: str) -> None:
        """Wake the next parked poll of ``job_type`` (more jobs may be left)."""
        self._wake_next_job_waiter(job_type)

    def instance_waiter(self, key: str) -> asyncio.Event:
        """Register a waiter that fires when instance ``key`` ends."""
        event = asyncio.Event()
        self._instances.setdefault(key, set()).add(event)
        self._parked += 1
        return event

    def discard_job_waiter(self, job_type: str, event: asyncio.Event) -> None:
        """Unregister a job waiter."""
        waiters = self._jobs.get(job_type)
        if waiters is None or event not in waiters:
            return
        del waiters[event]
        self._parked -= 1
        if not waiters:
            del self._jobs[job_type]

    def discard_instance_waiter(self, key: str, event: asyncio.Event) -> None:
        """Unregister an instance waiter."""
        waiters = self._instances.get(key)
        if waiters is None or event not in waiters:
            return
        waiters.discard(event)
        self._parked -= 1
        if not waiters:
            del self._instances[key]

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

    def _deliver(self, wake: Callable[[str], None], key: str) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if threading.get_ident() == self._loop_thread:
            wake(key)
            return
        try:
            loop.call_soon_threadsafe(wake, key)
        except RuntimeError:
            return

    def _wake_next_job_waiter(self, job_type: str) -> None:
        for waiter in self._jobs.get(job_type, {}):
            if not waiter.is_set():
                waiter.set()
                return

    def _wake_instance_waiters(self, key: str) -> None:
        for waiter in self._instances.get(key, ()):
            waiter.set()

    def _wake_everything(self) -> None:
        for job_waiters in self._jobs.values():
            for waiter in job_waiters:
                waiter.set()
        for instance_waiters in self._instances.values():
            for waiter in instance_waiters:
                waiter.set()

"""The adaptive backpressure gate: a state machine plus thin sync/async locks.

BALANCED caps the number of concurrent gated calls once the cluster signals
overload and lifts the cap again as calls succeed; LEGACY only observes.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable
from typing import Literal

import attrs

from camunda_client.errors import BackpressureQueueFull

from ._retry import pauses_are_instant
from ._settings import BackpressureProfile

Severity = Literal["healthy", "soft", "severe"]

INITIAL_PERMITS = 16
SOFT_FACTOR = 0.7
SEVERE_FACTOR = 0.5
SEVERE_AFTER_SIGNALS = 3
FLOOR_BACKOFF_START_MS = 25
FLOOR_BACKOFF_MAX_MS = 2000
RECOVERY_INTERVAL_S = 1.0
QUIET_BEFORE_DECAY_S = 2.0
UNLIMITED_AFTER_HEALTHY_S = 30.0
HEALTHY_GROWTH = 1.5
MAX_WAITERS = 1000


@attrs.frozen
class BackpressureSnapshot:
    """A point-in-time view of a client's backpressure gate.

    Attributes:
        profile: ``"BALANCED"`` (gating) or ``"LEGACY"`` (observing only).
        severity: ``"healthy"``, ``"soft"`` or ``"severe"``.
        consecutive: Backpressure signals since the last return to healthy.
        permits_max: The cap on concurrent gated calls; None means no cap.
        in_flight: Gated calls currently holding a permit.
        waiters: Gated calls waiting for a permit.
        backoff_ms: Pause added before each gated call at the floor.
    """

    profile: BackpressureProfile
    severity: Severity
    consecutive: int
    permits_max: int | None
    in_flight: int
    waiters: int
    backoff_ms: int


class BackpressureState:
    """The gate's bookkeeping, free of locks and I/O; callers serialise access."""

    def __init__(
        self,
        profile: BackpressureProfile = "BALANCED",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.profile: BackpressureProfile = profile
        self._clock = clock
        self.severity: Severity = "healthy"
        self.consecutive = 0
        self.permits_max: int | None = None
        self.in_flight = 0
        self.waiters = 0
        self.backoff_ms = 0
        self._last_signal = -math.inf
        self._last_recovery = -math.inf
        self._healthy_since: float | None = None

    @property
    def gating(self) -> bool:
        """Return True when the profile enforces the cap."""
        return self.profile == "BALANCED"

    def has_room(self) -> bool:
        """Return True when a gated call may start now."""
        if not self.gating or self.permits_max is None:
            return True
        return self.in_flight < self.permits_max

    def enter(self) -> None:
        """Take a permit."""
        self.in_flight += 1

    def leave(self) -> None:
        """Give a permit back."""
        self.in_flight = max(0, self.in_flight - 1)

    def add_waiter(self) -> None:
        """Count one more waiting call, refusing when the queue is full.

        Raises:
            BackpressureQueueFull: When `MAX_WAITERS` calls already wait.
        """
        if self.waiters >= MAX_WAITERS:
            raise BackpressureQueueFull(
                f"{self.waiters} calls already wait for a backpressure permit"
            )
        self.waiters += 1

    def remove_waiter(self) -> None:
        """Count one waiting call less."""
        self.waiters = max(0, self.waiters - 1)

    def pause_s(self) -> float:
        """Return the pause a gated call takes before asking for a permit."""
        if not self.gating or pauses_are_instant():
            return 0.0
        return self.backoff_ms / 1000

    def record(self, *, backpressure: bool) -> bool:
        """Record one call's outcome; return True when the cap grew."""
        if backpressure:
            self._record_signal()
            return False
        return self._record_healthy()

    def snapshot(self) -> BackpressureSnapshot:
        """Return the current state as an immutable value."""
        return BackpressureSnapshot(
            profile=self.profile,
            severity=self.severity,
            consecutive=self.consecutive,
            permits_max=self.permits_max if self.gating else None,
            in_flight=self.in_flight,
            waiters=self.waiters,
            backoff_ms=self.backoff_ms if self.gating else 0,
        )

    def _record_signal(self) -> None:
        self.consecutive += 1
        self._last_signal = self._clock()
        self._healthy_since = None
        severe = self.consecutive >= SEVERE_AFTER_SIGNALS
        self.severity = "severe" if severe else "soft"
        cap = INITIAL_PERMITS if self.permits_max is None else self.permits_max
        factor = SEVERE_FACTOR if severe else SOFT_FACTOR
        self.permits_max = max(1, math.ceil(cap * factor))
        if self.permits_max == 1 and severe:
            doubled = self.backoff_ms * 2 or FLOOR_BACKOFF_START_MS
            self.backoff_ms = min(FLOOR_BACKOFF_MAX_MS, doubled)

    def _record_healthy(self) -> bool:
        self.backoff_ms = 0
        now = self._clock()
        if now - self._last_recovery < RECOVERY_INTERVAL_S:
            return False
        self._last_recovery = now
        self._decay_severity(now)
        return self._grow_cap(now)

    def _decay_severity(self, now: float) -> None:
        if self.severity == "healthy" or now - self._last_signal < QUIET_BEFORE_DECAY_S:
            return
        self.severity = "soft" if self.severity == "severe" else "healthy"
        if self.severity == "healthy":
            self.consecutive = 0
            self._healthy_since = now

    def _grow_cap(self, now: float) -> bool:
        cap = self.permits_max
        if cap is None:
            return False
        if self.severity != "healthy":
            self.permits_max = min(INITIAL_PERMITS, cap + 1)
        elif self._healthy_since is not None and (
            now - self._healthy_since >= UNLIMITED_AFTER_HEALTHY_S
        ):
            self.permits_max = None
        else:
            self.permits_max = math.ceil(cap * HEALTHY_GROWTH)
        return self.permits_max is None or self.permits_max > cap


class BackpressureGate:
    """Thread-safe permits over a `BackpressureState`, for the sync client."""

    def __init__(self, state: BackpressureState) -> None:
        self.state = state
        self._cond = threading.Condition()

    def acquire(self) -> None:
        """Wait for a permit (after the floor pause, if any).

        Raises:
            BackpressureQueueFull: When too many calls already wait.
        """
        pause = self.state.pause_s()
        if pause > 0:
            time.sleep(pause)
        with self._cond:
            if not self.state.has_room():
                self.state.add_waiter()
                try:
                    self._cond.wait_for(self.state.has_room)
                finally:
                    self.state.remove_waiter()
            self.state.enter()

    def release(self) -> None:
        """Give the permit back and wake the waiters."""
        with self._cond:
            self.state.leave()
            self._cond.notify_all()

    def record(self, *, backpressure: bool) -> None:
        """Record an outcome; wake every waiter when the cap grew."""
        with self._cond:
            if self.state.record(backpressure=backpressure):
                self._cond.notify_all()

    def snapshot(self) -> BackpressureSnapshot:
        """Return the current state."""
        with self._cond:
            return self.state.snapshot()


class AsyncBackpressureGate:
    """Permits over a `BackpressureState` for the async client.

    Everything but the wait itself is synchronous, so a cancelled task can
    never leak a permit or a waiter count.
    """

    def __init__(self, state: BackpressureState) -> None:
        self.state = state
        self._wakeups: list[asyncio.Future[None]] = []

    async def acquire(self) -> None:
        """Wait for a permit (after the floor pause, if any).

        Raises:
            BackpressureQueueFull: When too many calls already wait.
        """
        pause = self.state.pause_s()
        if pause > 0:
            await asyncio.sleep(pause)
        if not self.state.has_room():
            self.state.add_waiter()
            try:
                while not self.state.has_room():
                    await self._wait_for_change()
            finally:
                self.state.remove_waiter()
        self.state.enter()

    def release(self) -> None:
        """Give the permit back and wake the waiters."""
        self.state.leave()
        self._wake_all()

    def record(self, *, backpressure: bool) -> None:
        """Record an outcome; wake every waiter when the cap grew."""
        if self.state.record(backpressure=backpressure):
            self._wake_all()

    def snapshot(self) -> BackpressureSnapshot:
        """Return the current state."""
        return self.state.snapshot()

    async def _wait_for_change(self) -> None:
        wakeup: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._wakeups.append(wakeup)
        try:
            await wakeup
        finally:
            self._wakeups.remove(wakeup)

    def _wake_all(self) -> None:
        for wakeup in self._wakeups:
            if not wakeup.done():
                wakeup.set_result(None)

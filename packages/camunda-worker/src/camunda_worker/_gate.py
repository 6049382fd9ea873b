"""How many acknowledgements a worker keeps on the wire at once.

Few parallel requests are cheapest in CPU (httpcore's work per request grows
with the pooled connections), but against a distant cluster a few cannot
keep up: by Little's law the concurrency needed is throughput times latency.
The gate therefore follows the network's base latency, the smallest recent
round trip (queueing in the engine, which our own load causes, does not
count): about one slot per 2 ms of it, at least 4, at most the worker's
``max_concurrent_jobs``.
"""

from __future__ import annotations

import asyncio
import math
from collections import deque

_FLOOR = 4
_MS_PER_SLOT = 2.0
_SAMPLES = 64


class AckGate:
    """A semaphore whose size follows the minimum recent round-trip time.

    Args:
        ceiling: The most slots it ever grants (the worker's concurrency).
    """

    def __init__(self, ceiling: int) -> None:
        self._ceiling = max(1, ceiling)
        self._limit = min(_FLOOR, self._ceiling)
        self._active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._samples: deque[float] = deque(maxlen=_SAMPLES)

    @property
    def limit(self) -> int:
        """The number of slots granted at most right now."""
        return self._limit

    async def acquire(self) -> None:
        """Wait for a slot."""
        if self._active < self._limit and not self._waiters:
            self._active += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._free_slot()  # granted, but the caller is gone
            else:
                self._waiters.remove(waiter)
            raise

    def release(self, round_trip_s: float | None) -> None:
        """Give a slot back, with the round trip it measured (None: failed)."""
        if round_trip_s is not None:
            self._samples.append(round_trip_s)
            base_ms = min(self._samples) * 1000
            wanted = math.ceil(base_ms / _MS_PER_SLOT)
            self._limit = max(min(_FLOOR, self._ceiling), min(self._ceiling, wanted))
        self._free_slot()

    def _free_slot(self) -> None:
        self._active -= 1
        while self._waiters and self._active < self._limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self._active += 1
                waiter.set_result(None)

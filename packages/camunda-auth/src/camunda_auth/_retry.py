"""The retry schedule of token requests and the switch that makes it instant."""

from __future__ import annotations

import random
import threading
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass

_instant_depth = 0
_instant_guard = threading.Lock()


@dataclass(frozen=True)
class RetryPolicy:
    """How token requests are retried on 429, 5xx and connection errors.

    The delay before retry ``n`` (0-based) is drawn uniformly from
    ``[0, min(max_delay_s, base_delay_s * 2**n)]`` ("full jitter"); a
    ``Retry-After`` from the server raises it, capped at ``max_delay_s``.

    Attributes:
        max_retries: Retries after the first attempt (0 disables retries).
        base_delay_s: Scale of the backoff.
        max_delay_s: Upper bound of any single delay.
    """

    max_retries: int = 3
    base_delay_s: float = 0.2
    max_delay_s: float = 5.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            msg = f"max_retries must be >= 0, got {self.max_retries}"
            raise ValueError(msg)
        if self.base_delay_s < 0 or self.max_delay_s < 0:
            msg = "base_delay_s and max_delay_s must be >= 0"
            raise ValueError(msg)

    def delay(self, retry: int, retry_after_s: float | None = None) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        if _instant_depth:
            return 0.0
        ceiling = min(self.max_delay_s, self.base_delay_s * (2.0**retry))
        jittered = random.uniform(0.0, ceiling)
        if retry_after_s is not None:
            return max(jittered, min(retry_after_s, self.max_delay_s))
        return jittered


@contextmanager
def instant_retries() -> Generator[None, None, None]:
    """Make every token request retry at once, without sleeping (for tests).

    Affects all providers in the process while the block runs.
    """
    global _instant_depth
    with _instant_guard:
        _instant_depth += 1
    try:
        yield
    finally:
        with _instant_guard:
            _instant_depth -= 1

"""Exponential backoff with full jitter, for poll errors and ack retries."""

from __future__ import annotations

import random


class Backoff:
    """Delays that double from `base` up to `cap`, each drawn at random.

    Full jitter (a uniform draw between half the step and the step) keeps
    many workers that failed together from retrying together.
    """

    def __init__(
        self, base: float, cap: float, *, rng: random.Random | None = None
    ) -> None:
        if base <= 0 or cap < base:
            raise ValueError(f"need 0 < base <= cap, got base={base!r} cap={cap!r}")
        self._base = base
        self._cap = cap
        self._attempt = 0
        self._rng = rng or random.Random()

    @property
    def attempt(self) -> int:
        """How many delays were handed out since the last reset."""
        return self._attempt

    def next_delay(self) -> float:
        """Return the next delay in seconds and advance."""
        step = min(self._cap, self._base * (2 ** min(self._attempt, 32)))
        self._attempt += 1
        return self._rng.uniform(step / 2, step)

    def reset(self) -> None:
        """Start again from the base delay."""
        self._attempt = 0

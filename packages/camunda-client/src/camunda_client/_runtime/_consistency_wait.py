"""The decisions of an eventual-consistency wait, free of I/O."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, cast

from camunda_client.errors import ApiError, EventualConsistencyTimeoutError

from ._consistency import ConsistencyOptions
from ._operation import Operation

MIN_POLL_INTERVAL_MS = 10
# Statuses that may change while the read side catches up (or sheds load).
_RETRIED_STATUSES = frozenset({404, 429})


def default_predicate(result: Any) -> bool:
    """Return True for a result that shows something: non-None, non-empty items."""
    if result is None:
        return False
    items: Any = getattr(result, "items", None)
    if isinstance(result, Mapping):
        items = cast("Mapping[str, Any]", result).get("items")
    if items is None or callable(items):
        return True
    return len(cast("list[Any]", items)) > 0


class ConsistencyWait:
    """Tracks one wait: the budget, the attempts and the last status seen."""

    def __init__(
        self,
        op: Operation,
        options: ConsistencyOptions,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._op = op
        self._clock = clock
        self._started = clock()
        self._deadline = self._started + options.wait_up_to_ms / 1000
        self._interval_s = max(MIN_POLL_INTERVAL_MS, options.poll_interval_ms) / 1000
        self._predicate = options.predicate or default_predicate
        self.attempts = 0
        self.last_status: int | None = None

    def satisfied(self, result: Any, status_code: int) -> bool:
        """Record a successful read; return True when the wait is over."""
        self.attempts += 1
        self.last_status = status_code
        return bool(self._predicate(result))

    def may_retry(self, error: ApiError) -> bool:
        """Record a failed read; return True when polling may go on."""
        self.attempts += 1
        self.last_status = error.status_code
        return error.status_code in _RETRIED_STATUSES

    def next_pause_s(self) -> float | None:
        """Return the pause before the next attempt, or None when time is up."""
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            return None
        return min(self._interval_s, remaining)

    def timeout_error(self) -> EventualConsistencyTimeoutError:
        """Return the error that ends an unsuccessful wait."""
        return EventualConsistencyTimeoutError(
            attempts=self.attempts,
            elapsed_ms=round((self._clock() - self._started) * 1000),
            last_status=self.last_status,
            operation_id=self._op.operation_id,
        )

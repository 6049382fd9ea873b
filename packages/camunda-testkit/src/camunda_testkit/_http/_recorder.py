"""A bounded log of the requests the engine received, for test assertions."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    """One ``/v2`` request as the engine saw it (no headers, so no secrets).

    Attributes:
        method: The HTTP method.
        path: The API path after ``/v2`` (``/jobs/123/completion``).
        operation_id: The spec operation, or None for an unknown path.
        body: The JSON body, or None when absent or not JSON (multipart).
        status: The status the engine answered with (0 for a dropped one).
    """

    method: str
    path: str
    operation_id: str | None
    body: Any
    status: int


class RequestLog:
    """Thread-safe ring buffer of recorded requests.

    Args:
        capacity: How many requests to keep; older ones fall out.
        enabled: Record nothing when False (benchmarks).
    """

    def __init__(self, capacity: int = 10_000, *, enabled: bool = True) -> None:
        self._lock = threading.Lock()
        self._entries: deque[RecordedRequest] = deque(maxlen=capacity)
        self._counts: dict[str, int] = {}
        self.enabled = enabled

    def __repr__(self) -> str:
        return f"RequestLog(entries={len(self._entries)})"

    def add(self, entry: RecordedRequest) -> None:
        """Record one request and count it under its operationId."""
        if not self.enabled:
            return
        with self._lock:
            self._entries.append(entry)
            name = entry.operation_id or "unknown"
            self._counts[name] = self._counts.get(name, 0) + 1

    def entries(self, operation_id: str | None = None) -> list[RecordedRequest]:
        """Return the recorded requests, optionally for one operationId."""
        with self._lock:
            items = list(self._entries)
        if operation_id is None:
            return items
        return [e for e in items if e.operation_id == operation_id]

    def counts(self) -> dict[str, int]:
        """Return how many requests each operationId received."""
        with self._lock:
            return dict(self._counts)

    def clear(self) -> None:
        """Forget everything recorded so far."""
        with self._lock:
            self._entries.clear()
            self._counts.clear()

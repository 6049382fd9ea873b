"""When to retry a call, and how long to wait first (no I/O here)."""

from __future__ import annotations

import contextlib
import email.utils
import random
import threading
import time
from collections.abc import Generator, Mapping

import camunda_auth

from camunda_client.errors import ApiError

_instant_depth = 0
_instant_lock = threading.Lock()


@contextlib.contextmanager
def instant_retries() -> Generator[None, None, None]:
    """Make every retry and backpressure pause zero seconds inside the block.

    For users' tests: the retry decisions and attempt counts stay the same,
    only the waiting goes away. Applies process-wide, and to the token
    requests of camunda-auth too.
    """
    global _instant_depth
    with _instant_lock:
        _instant_depth += 1
    try:
        with camunda_auth.instant_retries():
            yield
    finally:
        with _instant_lock:
            _instant_depth -= 1


def pauses_are_instant() -> bool:
    """Return True while `instant_retries` is active."""
    return _instant_depth > 0


def is_backpressure(status_code: int, content: bytes) -> bool:
    """Return True when an answer means the cluster sheds load."""
    if status_code in (429, 503):
        return True
    return status_code == 500 and b"RESOURCE_EXHAUSTED" in content


def is_retryable(error: BaseException) -> bool:
    """Return True for the errors a retry may cure: backpressure answers."""
    return isinstance(error, ApiError) and is_backpressure(
        error.status_code, error.content
    )


def retry_after_s(
    headers: Mapping[str, str], *, now: float | None = None
) -> float | None:
    """Parse a Retry-After header (seconds or HTTP date) into seconds."""
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_s(
    retry: int,
    *,
    base_s: float,
    max_s: float,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Return the pause before retry number `retry` (0-based).

    Full jitter: uniform between 0 and ``min(max_s, base_s * 2**retry)``. A
    Retry-After from the server wins, capped at `max_s`.
    """
    if pauses_are_instant():
        return 0.0
    if retry_after is not None:
        return min(retry_after, max_s)
    ceiling = min(max_s, base_s * (2**retry))
    return (rng or random).uniform(0.0, ceiling)

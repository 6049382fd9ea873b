"""The engine clock: real time by default, pinnable and advanceable for tests."""

from __future__ import annotations

import threading
import time

__all__ = ["Clock"]


class Clock:
    """Epoch-millisecond clock that tests can pin and move forward.

    While unpinned it follows the wall clock plus any offset added by
    :meth:`advance`; once pinned it stands still until advanced or reset.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pinned: int | None = None
        self._offset_ms = 0

    def now_ms(self) -> int:
        """Return the current engine time in epoch milliseconds."""
        with self._lock:
            if self._pinned is not None:
                return self._pinned
            return int(time.time() * 1000) + self._offset_ms

    def pin(self, epoch_ms: int) -> None:
        """Freeze the clock at ``epoch_ms``."""
        with self._lock:
            self._pinned = epoch_ms

    def advance(self, ms: int) -> None:
        """Move the clock forward by ``ms`` milliseconds (pinned or not)."""
        if ms < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            if self._pinned is not None:
                self._pinned += ms
            else:
                self._offset_ms += ms

    def reset(self) -> None:
        """Return to real time with no offset."""
        with self._lock:
            self._pinned = None
            self._offset_ms = 0

    @property
    def is_pinned(self) -> bool:
        """Whether the clock is frozen."""
        with self._lock:
            return self._pinned is not None

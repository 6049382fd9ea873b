"""Fire due timers, retry backoffs, job timeouts and TTLs without busy waiting."""

from __future__ import annotations

import logging
import threading

from camunda_testkit._core import Engine

log = logging.getLogger("camunda_testkit.http")

_MAX_SLEEP_S = 1.0


class Ticker:
    """A thread that calls ``engine.tick()`` at the next due time.

    It sleeps until the earliest due time the engine reports, or until
    ``wake()`` (state changed, clock moved), and at most a second.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._failing = False
        self._thread = threading.Thread(
            target=self._run, name="camunda-devengine-ticker", daemon=True
        )

    def start(self) -> None:
        """Start ticking."""
        self._thread.start()

    def wake(self) -> None:
        """Tick again now (thread-safe, cheap)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop ticking and wait for the thread."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(5.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._wake.wait(self._tick_once())

    def _tick_once(self) -> float:
        try:
            next_due = self._engine.tick()
        except Exception:
            # Log the first failure with its traceback, not one per second.
            if not self._failing:
                log.exception("the dev engine failed while firing due work")
            self._failing = True
            return _MAX_SLEEP_S
        if self._failing:
            log.warning("the dev engine fires due work again")
            self._failing = False
        if next_due is None or self._engine.clock.is_pinned:
            return _MAX_SLEEP_S
        delay = (next_due - self._engine.clock.now_ms()) / 1000
        return min(max(delay, 0.001), _MAX_SLEEP_S)

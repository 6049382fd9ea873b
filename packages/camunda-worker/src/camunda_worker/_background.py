"""One event loop in a daemon thread for workers started outside any loop.

Plain scripts call ``worker.start()`` without an event loop. All such
workers share this loop, so the async client they share keeps its
connections on one loop, and ``CamundaAsyncClient.close()`` can close it
there.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_thread: threading.Thread | None = None


def background_loop() -> asyncio.AbstractEventLoop:
    """Return the shared loop, starting its thread on first use (or anew)."""
    global _loop, _thread
    with _lock:
        if _loop is None or _thread is None or not _thread.is_alive():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(
                target=loop.run_forever, name="camunda-worker-loop", daemon=True
            )
            thread.start()
            _loop, _thread = loop, thread
        return _loop


def existing_background_loop() -> asyncio.AbstractEventLoop | None:
    """Return the shared loop if one was started."""
    return _loop


def submit(coro: Coroutine[Any, Any, T]) -> Future[T]:
    """Run a coroutine on the shared loop; return a thread-safe future."""
    return asyncio.run_coroutine_threadsafe(coro, background_loop())

"""Where handlers run: on the event loop, in a thread pool, or in processes."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import multiprocessing
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ._context import JobContext
from ._hints import ExecutionStrategy

Handler = Callable[[JobContext], Any]

_handler_threads = threading.local()
# A broken pool fails every call running in it, not only the one whose
# process died; each call gets one more try in a fresh pool.
_BROKEN_POOL_TRIES = 2


def in_handler_thread() -> bool:
    """Tell whether the calling thread is running a worker's handler."""
    return bool(getattr(_handler_threads, "active", False))


class WorkerProcessDiedError(RuntimeError):
    """The process running a handler died; the pool was rebuilt."""


class HandlerExitError(RuntimeError):
    """A handler raised SystemExit or KeyboardInterrupt in a pool thread or process."""


class Runner(Protocol):
    """Runs one handler call under a strategy."""

    async def run(self, handler: Handler, job: JobContext) -> Any:
        """Call `handler(job)` and return its (awaited) result."""
        ...

    def close(self) -> None:
        """Release pools; running calls are abandoned, not waited for."""
        ...


class AsyncRunner:
    """Runs handlers on the worker's event loop (coroutines are awaited)."""

    async def run(self, handler: Handler, job: JobContext) -> Any:
        """Call the handler on the loop."""
        result = handler(job)
        if inspect.isawaitable(result):
            result = await result
        return result

    def close(self) -> None:
        """Nothing to release."""


class ThreadRunner:
    """Runs handlers in a thread pool sized to the worker's concurrency."""

    def __init__(self, max_workers: int, name: str) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix=name
        )

    async def run(self, handler: Handler, job: JobContext) -> Any:
        """Call the handler in a pool thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, call_to_completion, handler, job)

    def close(self) -> None:
        """Stop accepting calls; threads still running finish on their own."""
        self._pool.shutdown(wait=False, cancel_futures=True)


class ProcessRunner:
    """Runs picklable handlers in a process pool; a broken pool is rebuilt."""

    def __init__(self, max_workers: int) -> None:
        self._max_workers = max_workers
        self._pool: Executor | None = None

    async def run(self, handler: Handler, job: JobContext) -> Any:
        """Call the handler in a worker process."""
        loop = asyncio.get_running_loop()
        portable = job.without_client()
        for attempt in range(1, _BROKEN_POOL_TRIES + 1):
            pool = self._pool or self._new_pool()
            try:
                return await loop.run_in_executor(
                    pool, call_to_completion, handler, portable
                )
            except BrokenProcessPool:
                self._discard(pool)
                if attempt == _BROKEN_POOL_TRIES:
                    break
        raise WorkerProcessDiedError(
            "the process running the handler died (pool rebuilt for the next job)"
        )

    def close(self) -> None:
        """Shut the pool down and end processes still running abandoned calls."""
        if self._pool is not None:
            self._discard(self._pool)

    def _discard(self, pool: Executor) -> None:
        if self._pool is pool:
            self._pool = None
        # Only ProcessPoolExecutor knows its processes; ending them keeps an
        # abandoned handler from holding the interpreter open at exit.
        processes = dict(getattr(pool, "_processes", None) or {})
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            with contextlib.suppress(Exception):
                process.terminate()

    def _new_pool(self) -> Executor:
        self._pool = ProcessPoolExecutor(
            max_workers=self._max_workers, mp_context=_process_context()
        )
        return self._pool


def _process_context() -> Any:
    # Forking a process that runs threads (HTTP pools, event loops) can
    # deadlock the child; forkserver and spawn start clean interpreters.
    method = "forkserver" if sys.platform != "win32" else "spawn"
    return multiprocessing.get_context(method)


def call_to_completion(handler: Handler, job: JobContext) -> Any:
    """Call a handler outside an event loop, running it to completion.

    ``SystemExit`` and ``KeyboardInterrupt`` raised by the handler come back
    as :class:`HandlerExitError`, so that they fail the job instead of
    ending a pool thread's caller or the worker's event loop.
    """
    _handler_threads.active = True
    try:
        result = handler(job)
        if inspect.isawaitable(result):
            result = asyncio.run(_await(result))
    except (SystemExit, KeyboardInterrupt) as exc:
        raise HandlerExitError(f"{type(exc).__name__}: {exc}") from None
    else:
        return result
    finally:
        _handler_threads.active = False


async def _await(awaitable: Any) -> Any:
    return await awaitable


def make_runner(strategy: ExecutionStrategy, max_workers: int, name: str) -> Runner:
    """Build the runner for a strategy."""
    if strategy == "async":
        return AsyncRunner()
    if strategy == "thread":
        return ThreadRunner(max_workers, name)
    return ProcessRunner(max_workers)

"""Where handlers run: on the event loop, in a thread pool, or in processes."""

from __future__ import annotations

import asyncio
import inspect
import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ._context import JobContext
from ._hints import ExecutionStrategy

Handler = Callable[[JobContext], Any]


class WorkerProcessDiedError(RuntimeError):
    """The process running a handler died; the pool was rebuilt."""


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
        pool = self._pool or self._new_pool()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                pool, call_to_completion, handler, job.without_client()
            )
        except BrokenProcessPool:
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            raise WorkerProcessDiedError(
                "the process running the handler died (pool rebuilt for the next job)"
            ) from None

    def close(self) -> None:
        """Shut the pool down without waiting for running calls."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

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
    """Call a handler outside an event loop, running it to completion."""
    result = handler(job)
    if inspect.isawaitable(result):
        return asyncio.run(_await(result))
    return result


async def _await(awaitable: Any) -> Any:
    return await awaitable


def make_runner(strategy: ExecutionStrategy, max_workers: int, name: str) -> Runner:
    """Build the runner for a strategy."""
    if strategy == "async":
        return AsyncRunner()
    if strategy == "thread":
        return ThreadRunner(max_workers, name)
    return ProcessRunner(max_workers)

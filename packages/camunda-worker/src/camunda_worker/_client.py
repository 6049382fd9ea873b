"""The async client with the reference SDK's worker conveniences."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from camunda_client import CamundaAsyncClient as _BaseAsyncClient

from ._background import existing_background_loop, submit
from ._config import WorkerConfig
from ._context import JobContext
from ._hints import StrategyChoice
from ._worker import JobWorker


class CamundaAsyncClient(_BaseAsyncClient):
    """``camunda_client.CamundaAsyncClient`` plus job workers.

    Adds :meth:`create_job_worker` and :meth:`run_workers`; closing the
    client stops its workers first.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._workers: list[JobWorker] = []

    @property
    def workers(self) -> tuple[JobWorker, ...]:
        """The workers created through this client."""
        return tuple(self._workers)

    def create_job_worker(
        self,
        config: WorkerConfig,
        callback: Callable[[JobContext], Any],
        auto_start: bool = True,  # the reference's signature
        *,
        execution_strategy: StrategyChoice | None = None,
        startup_jitter_max_seconds: float | None = None,
        logger: Any = None,
    ) -> JobWorker:
        """Create a worker on this client and, by default, start it.

        Inside a running event loop the worker runs on that loop; otherwise
        on a loop of its own in a background thread.
        """
        worker = JobWorker(
            self,
            callback,
            config,
            logger,
            execution_strategy=execution_strategy,
            startup_jitter_max_seconds=startup_jitter_max_seconds,
        )
        if auto_start:
            worker.start()
        self._workers.append(worker)
        return worker

    async def run_workers(self) -> None:
        """Run the workers until cancelled, then drain and stop them all.

        Workers not started yet are started. If one worker's loop dies with
        an error, the others are stopped and the error is raised.
        """
        for worker in self._workers:
            worker.start()
        tasks = [
            task for worker in self._workers if (task := worker.poll_task) is not None
        ]
        try:
            if tasks:
                done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
                for task in done:
                    if not task.cancelled() and task.exception() is not None:
                        raise task.exception()  # pyright: ignore[reportGeneralTypeIssues]
            else:
                await asyncio.Event().wait()
        finally:
            await self._stop_workers()

    async def __aenter__(self) -> CamundaAsyncClient:
        await super().__aenter__()
        return self

    def close(self) -> None:
        """Stop the workers and close the client, from code without an event loop.

        Plain scripts whose workers run on the background loop call this at
        the end; the connections are closed on the loop that opened them.
        """
        loop = existing_background_loop()
        if loop is not None and not loop.is_closed():
            submit(self.aclose()).result()
        else:
            asyncio.run(self.aclose())

    async def aclose(self) -> None:
        """Stop the workers (draining their jobs), then close the client."""
        await self._stop_workers()
        await super().aclose()

    async def _stop_workers(self) -> None:
        await asyncio.gather(*(worker.aclose() for worker in self._workers))

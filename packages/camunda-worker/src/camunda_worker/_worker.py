"""The job worker: poll for jobs, run the handler, acknowledge, drain on stop."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import random
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from camunda_auth import AuthError
from camunda_log import SdkLogger, create_logger

from ._acks import Acknowledger
from ._background import background_loop, submit
from ._backoff import Backoff
from ._config import WorkerConfig, WorkerSettings, resolve_settings
from ._context import JobContext
from ._gate import AckGate
from ._handler_client import sync_twin
from ._hints import ExecutionStrategy, StrategyChoice, choose_strategy
from ._outcome import Ack, describe, for_exception, for_result
from ._runners import Runner, in_handler_thread, make_runner
from ._stats import Counters, WorkerStats
from ._transport import JobClient

# A quick empty answer means the server did not long-poll; wait a little
# before asking again instead of spinning.
_QUICK_ANSWER_S = 0.05
_POLL_ERROR_BACKOFF = (0.1, 10.0)
_IDLE_BACKOFF = (0.05, 1.0)
# On stop, an outstanding long poll gets this long to deliver jobs the
# engine may already have handed out, before it is cancelled.
_STOP_POLL_WAIT_S = 0.25


class JobWorker:
    """Activates jobs of one type and runs a handler for each of them.

    The worker long-polls for at most its free capacity and polls again as
    soon as a poll returns or capacity frees. What the handler returns
    completes the job; :class:`JobError` throws a BPMN error;
    :class:`JobFailure` and any other exception fail it. ``stop()`` stops
    polling and lets jobs in flight finish within the grace period.

    Args:
        client: A ``CamundaAsyncClient``.
        callback: The handler, a function or coroutine function taking a
            :class:`JobContext`.
        config: The worker's settings.
        logger: Where the worker logs; defaults to the client's logger.
        execution_strategy: Overrides ``config.execution_strategy``.
        startup_jitter_max_seconds: Overrides the config's start-up jitter.
    """

    def __init__(
        self,
        client: Any,
        callback: Callable[[JobContext], Any],
        config: WorkerConfig,
        logger: Any = None,
        *,
        execution_strategy: StrategyChoice | None = None,
        startup_jitter_max_seconds: float | None = None,
    ) -> None:
        overrides: dict[str, Any] = {}
        if execution_strategy is not None:
            overrides["execution_strategy"] = execution_strategy
        if startup_jitter_max_seconds is not None:
            overrides["startup_jitter_max_seconds"] = startup_jitter_max_seconds
        config = dataclasses.replace(config, **overrides) if overrides else config
        configuration = getattr(client, "configuration", None)

        self._settings: WorkerSettings = resolve_settings(config, configuration)
        self._strategy: ExecutionStrategy = choose_strategy(
            callback, self._settings.execution_strategy
        )
        self._callback = callback
        self._client = client
        self._jobs = JobClient(client)
        self._log = _worker_logger(client, logger, configuration, self._settings)
        self._counters = Counters()
        self._inflight: set[asyncio.Task[None]] = set()
        self._cancelled: set[asyncio.Task[None]] = set()
        self._runner: Runner | None = None
        self._acks: Acknowledger | None = None
        self._handler_client: Any = None

        self._loop: asyncio.AbstractEventLoop | None = None
        self._background: Future[None] | None = None
        self._poll_task: asyncio.Task[None] | None = None
        self._activation: asyncio.Future[list[dict[str, Any]]] | None = None
        self._wake: asyncio.Event | None = None
        self._stopping: asyncio.Event | None = None
        self._done: asyncio.Event | None = None
        self._stop_requested = False
        self._started = threading.Event()
        self._finished = threading.Event()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ properties

    @property
    def config(self) -> WorkerSettings:
        """The resolved settings, every default filled in."""
        return self._settings

    @property
    def execution_strategy(self) -> ExecutionStrategy:
        """The strategy the handler runs under."""
        return self._strategy

    @property
    def stats(self) -> WorkerStats:
        """A snapshot of the worker's counters."""
        return self._counters.snapshot(len(self._inflight))

    @property
    def poll_task(self) -> asyncio.Task[None] | None:
        """The task running :meth:`poll_loop` when started inside a loop."""
        return self._poll_task

    @property
    def active_jobs(self) -> int:
        """Jobs being handled or acknowledged right now."""
        return len(self._inflight)

    @property
    def running(self) -> bool:
        """True between start and the end of the drain."""
        return self._started.is_set() and not self._finished.is_set()

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start polling.

        Inside a running event loop the worker runs as a task on that loop;
        without one it runs on a shared event loop in a background thread,
        so plain scripts work. Starting twice is a no-op.

        Raises:
            Exception: Whatever made the worker fail to start (background
                mode; inside a loop the poll task carries it).
        """
        with self._lock:
            if self._loop is not None or self._stop_requested:
                return
            loop = _running_loop()
            name = f"camunda-worker:{self._settings.job_type}"
            if loop is not None:
                self._loop = loop
                self._poll_task = loop.create_task(self.poll_loop(), name=name)
                return
            self._loop = background_loop()
            self._background = submit(self.poll_loop())
        self._started.wait()
        if self._finished.is_set():
            failure = self._background.exception()
            if failure is not None:
                raise failure

    def stop(self) -> None:
        """Stop polling and drain the jobs in flight.

        Never blocks the worker's event loop: called on it (or from inside
        a handler), this starts the drain and returns. Called from another
        thread, it returns when the drain is over. Calling it again is
        harmless.
        """
        self._stop_requested = True
        loop = self._loop
        if loop is None or self._finished.is_set():
            return
        if _running_loop() is loop:
            self._request_stop()
            return
        if loop.is_closed():
            self._log.warning("the worker's event loop is closed; nothing to drain")
            self._finished.set()
            return
        if not loop.is_running():
            self._drain_on_idle_loop(loop)
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._request_stop)
        if not in_handler_thread():
            self._finished.wait()

    async def aclose(self) -> None:
        """Stop polling and wait until the jobs in flight are drained.

        Called from inside one of this worker's handlers, it only starts
        the drain (waiting would wait for itself).
        """
        self._stop_requested = True
        loop = self._loop
        if loop is None or self._finished.is_set():
            return
        if _running_loop() is not loop:
            await asyncio.get_running_loop().run_in_executor(None, self.stop)
            return
        self._request_stop()
        if asyncio.current_task() in self._inflight:
            return
        if self._done is not None:
            await self._done.wait()
        elif self._poll_task is not None:
            await asyncio.wait({self._poll_task})

    def __enter__(self) -> JobWorker:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> JobWorker:
        self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def _drain_on_idle_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        # The loop the worker was started on stopped running (its
        # run_until_complete returned): run it again until the drain is over.
        task = self._poll_task
        if task is None or task.done() or _running_loop() is not None:
            self._finished.set()
            return
        self._request_stop()
        loop.run_until_complete(asyncio.wait({task}))

    # ------------------------------------------------------------ the loop

    async def poll_loop(self) -> None:
        """Poll and dispatch until stopped, then drain; the worker's main task."""
        try:
            self._bind_to_running_loop()
            await self._pause(self._startup_jitter())
            await self._poll_until_stopped()
        except asyncio.CancelledError:
            self._cancel_inflight()
            raise
        except Exception as exc:
            self._log.error("worker stopped by an error: %s", describe(exc))
            raise
        finally:
            await self._drain()

    def _bind_to_running_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not None and self._loop is not loop:
            raise RuntimeError("this JobWorker already runs on another event loop")
        self._loop = loop
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._done = asyncio.Event()
        if self._stop_requested:
            self._stopping.set()
        gate = AckGate(self._settings.max_concurrent_jobs)
        self._acks = Acknowledger(self._jobs, gate, self._counters)
        self._runner = make_runner(
            self._strategy,
            self._settings.max_concurrent_jobs,
            f"camunda-{self._settings.job_type}",
        )
        self._handler_client = self._client_for_handlers()
        self._started.set()
        self._log.info(
            "worker started (strategy=%s, max_concurrent_jobs=%d)",
            self._strategy,
            self._settings.max_concurrent_jobs,
        )

    async def _poll_until_stopped(self) -> None:
        errors = Backoff(*_POLL_ERROR_BACKOFF)
        idle = Backoff(*_IDLE_BACKOFF)
        while not self._stop_requested:
            capacity = self._settings.max_concurrent_jobs - len(self._inflight)
            if capacity <= 0:
                await self._wait_for_capacity()
                continue
            started = asyncio.get_running_loop().time()
            try:
                jobs = await self._activate(capacity)
            except asyncio.CancelledError:
                if self._stop_requested:
                    return
                raise
            except Exception as exc:  # noqa: BLE001 - any poll failure backs off
                self._counters.poll_errors += 1
                delay = errors.next_delay()
                self._report_poll_error(exc, errors.attempt, delay)
                await self._pause(delay)
                continue
            if errors.attempt:
                self._log.info(
                    "polling recovered after %d failed attempt(s)", errors.attempt
                )
                errors.reset()
            for job in jobs:
                self._dispatch(job)
            if jobs:
                idle.reset()
            elif asyncio.get_running_loop().time() - started < _QUICK_ANSWER_S:
                await self._pause(idle.next_delay())

    async def _activate(self, capacity: int) -> list[dict[str, Any]]:
        request = self._jobs.activate(self._activation_body(capacity))
        self._activation = asyncio.ensure_future(request)
        try:
            return await self._activation
        finally:
            self._activation = None

    def _activation_body(self, capacity: int) -> dict[str, Any]:
        settings = self._settings
        body: dict[str, Any] = {
            "type": settings.job_type,
            "maxJobsToActivate": capacity,
            "timeout": settings.job_timeout_ms,
            "worker": settings.worker_name,
            "requestTimeout": settings.request_timeout_ms,
        }
        if settings.fetch_variables is not None:
            body["fetchVariable"] = list(settings.fetch_variables)
        if settings.tenant_ids:
            body["tenantIds"] = list(settings.tenant_ids)
        return body

    async def _wait_for_capacity(self) -> None:
        assert self._wake is not None
        self._wake.clear()
        if not self._stop_requested:
            await self._wake.wait()

    async def _pause(self, seconds: float) -> None:
        # Sleeps that only a stop may cut short (backoff, idle, jitter).
        assert self._stopping is not None
        if seconds > 0 and not self._stopping.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), seconds)

    def _startup_jitter(self) -> float:
        limit = self._settings.startup_jitter_max_seconds
        return random.uniform(0, limit) if limit > 0 else 0.0

    def _report_poll_error(self, exc: Exception, attempt: int, delay: float) -> None:
        kind = "authentication failed" if _is_auth_error(exc) else "polling failed"
        if attempt == 1:
            self._log.error(
                "%s: %s; retrying in %.2fs with backoff", kind, describe(exc), delay
            )
            self._log.debug(
                "poll error traceback:\n%s", "".join(traceback.format_exception(exc))
            )
        else:
            self._log.debug(
                "%s again (attempt %d): %s; retrying in %.2fs",
                kind,
                attempt,
                describe(exc),
                delay,
            )

    # ------------------------------------------------------------ one job

    def _dispatch(self, wire: dict[str, Any]) -> None:
        self._counters.activated += 1
        task = asyncio.get_running_loop().create_task(
            self._handle(wire), name=f"camunda-job:{wire.get('jobKey')}"
        )
        self._inflight.add(task)
        task.add_done_callback(self._job_finished)

    def _job_finished(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        self._cancelled.discard(task)
        if self._wake is not None:
            self._wake.set()

    async def _handle(self, wire: dict[str, Any]) -> None:
        job = JobContext.from_wire(
            wire,
            self._log.bind(job_key=wire.get("jobKey")),
            client=self._handler_client,
        )
        assert self._acks is not None
        try:
            ack = await self._outcome_of(job)
            await self._acks.send(job, ack)
        except asyncio.CancelledError:
            self._counters.ack_abandoned += 1
            job.log.warning(
                "job abandoned at shutdown; the engine re-offers it after its timeout"
            )
            raise
        except Exception as exc:  # noqa: BLE001 - never let a job vanish unlogged
            self._counters.ack_abandoned += 1
            job.log.error("handling the job crashed: %s", describe(exc))

    async def _outcome_of(self, job: JobContext) -> Ack:
        assert self._runner is not None
        try:
            result = await self._runner.run(self._callback, job)
        except asyncio.CancelledError as cancelled:
            if asyncio.current_task() in self._cancelled:
                raise
            return self._failed(job, cancelled)  # the handler's own cancellation
        except BaseException as exc:  # noqa: BLE001 - even SystemExit only fails the job
            return self._failed(job, exc)
        ack = for_result(result, job.retries)
        if ack.kind == "fail":
            job.log.error("cannot complete the job: %s", ack.body["errorMessage"])
        return ack

    def _failed(self, job: JobContext, exc: BaseException) -> Ack:
        ack = for_exception(exc, job.retries)
        if ack.kind == "error":
            job.log.info("handler threw BPMN error %s", ack.body["errorCode"])
            return ack
        job.log.warning(
            "handler failed (retries left: %d): %s",
            ack.body["retries"],
            ack.body["errorMessage"],
        )
        job.log.debug(
            "handler traceback:\n%s", "".join(traceback.format_exception(exc))
        )
        return ack

    # ------------------------------------------------------------ stopping

    def _request_stop(self) -> None:
        self._stop_requested = True
        if self._stopping is not None:
            self._stopping.set()
        if self._wake is not None:
            self._wake.set()
        activation = self._activation
        if activation is not None and self._loop is not None:
            wait = min(_STOP_POLL_WAIT_S, self._settings.shutdown_grace_seconds)
            self._loop.call_later(wait, activation.cancel)

    async def _drain(self) -> None:
        try:
            if self._inflight:
                grace = self._settings.shutdown_grace_seconds
                self._log.info(
                    "draining %d job(s) in flight (grace %.1fs)",
                    len(self._inflight),
                    grace,
                )
                _done, pending = await asyncio.wait(set(self._inflight), timeout=grace)
                if pending:
                    self._log.warning(
                        "%d job(s) still running after the grace period; cancelling",
                        len(pending),
                    )
                    self._cancel_inflight()
                    await asyncio.wait(pending)
        finally:
            self._release()

    def _cancel_inflight(self) -> None:
        for task in list(self._inflight):
            self._cancelled.add(task)
            task.cancel()

    def _release(self) -> None:
        if self._runner is not None:
            self._runner.close()
        closer = getattr(self._handler_client, "close", None)
        if self._handler_client is not self._client and callable(closer):
            with contextlib.suppress(Exception):
                closer()
        self._log.info("worker stopped (%s)", self.stats)
        self._finished.set()
        self._started.set()
        if self._done is not None:
            self._done.set()

    # ------------------------------------------------------------ handler client

    def _client_for_handlers(self) -> Any:
        if self._strategy == "async":
            return self._client
        if self._strategy == "thread" and self._loop is not None:
            return sync_twin(self._client, self._loop, self._log)
        return None


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _is_auth_error(exc: BaseException) -> bool:
    status = getattr(exc, "status_code", None)
    return status in (401, 403) or isinstance(exc, AuthError)


def _worker_logger(
    client: Any, logger: Any, configuration: Any, settings: WorkerSettings
) -> SdkLogger:
    level = getattr(configuration, "CAMUNDA_SDK_LOG_LEVEL", None)
    target = logger if logger is not None else getattr(client, "logger", None)
    if isinstance(target, SdkLogger) and logger is None:
        base = target
    else:
        base = create_logger(target, level=level)
    return base.bind(worker=settings.worker_name, job_type=settings.job_type)

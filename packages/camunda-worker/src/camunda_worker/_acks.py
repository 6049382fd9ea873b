"""Send a job's outcome, retrying what may pass later and falling back when refused."""

from __future__ import annotations

import asyncio
import time

from ._backoff import Backoff
from ._context import JobContext
from ._gate import AckGate
from ._outcome import Ack, describe, fallback_for
from ._stats import Counters
from ._transport import AckRejectedError, JobClient, is_transient

_ACK_BACKOFF = (0.05, 5.0)
_MAX_ACK_ATTEMPTS = 10
# 404: the job is gone (finished, cancelled, timed out); 409: someone else
# holds or finished it. Nothing sent later can succeed.
_JOB_GONE = frozenset({404, 409})


class Acknowledger:
    """Sends completions, failures and BPMN errors for one worker.

    Transient errors (network, 429, 5xx, token endpoint) are retried with
    backoff, up to 10 attempts (each attempt also gets the client's own
    retries on 429/503). A request the engine refuses for its content (400)
    or the client refuses before sending falls back: a completion or BPMN
    error becomes a failure saying why; a failure is resent once without
    variables. 404 and 409 are counted once and dropped.

    Args:
        jobs: The worker's client calls.
        gate: Bounds the acknowledgements on the wire at once.
        counters: Where outcomes are counted.
    """

    def __init__(self, jobs: JobClient, gate: AckGate, counters: Counters) -> None:
        self._jobs = jobs
        self._gate = gate
        self._counters = counters

    async def send(self, job: JobContext, ack: Ack) -> None:
        """Deliver `ack` for `job`, or give up with a log line and a count."""
        backoff = Backoff(*_ACK_BACKOFF)
        while True:
            try:
                await self._send_once(job, ack)
            except AckRejectedError as rejected:
                if rejected.status_code in _JOB_GONE:
                    self._refused(job, ack, str(rejected))
                    return
                fallback = fallback_for(ack, job.retries, str(rejected))
            except (TypeError, ValueError) as invalid:  # refused before sending
                fallback = fallback_for(ack, job.retries, describe(invalid))
            except Exception as exc:  # noqa: BLE001 - classified just below
                if not is_transient(exc) or backoff.attempt + 1 >= _MAX_ACK_ATTEMPTS:
                    self._give_up(job, ack, backoff.attempt + 1, exc)
                    return
                delay = backoff.next_delay()
                job.log.debug(
                    "%s failed (%s); retrying in %.2fs", ack.kind, describe(exc), delay
                )
                await asyncio.sleep(delay)
                continue
            else:
                self._count(ack)
                return
            if fallback is None:
                self._refused(job, ack, "no fallback left")
                return
            job.log.error("%s refused; sending a %s instead", ack.kind, fallback.kind)
            ack = fallback

    async def _send_once(self, job: JobContext, ack: Ack) -> None:
        await self._gate.acquire()
        started = time.monotonic()
        round_trip: float | None = None
        try:
            await self._jobs.acknowledge(job.job_key, ack)
            round_trip = time.monotonic() - started
        finally:
            self._gate.release(round_trip)

    def _refused(self, job: JobContext, ack: Ack, reason: str) -> None:
        self._counters.ack_rejected += 1
        job.log.warning("%s refused by the engine, dropped: %s", ack.kind, reason)

    def _give_up(
        self, job: JobContext, ack: Ack, attempts: int, exc: Exception
    ) -> None:
        self._counters.ack_abandoned += 1
        job.log.error(
            "giving up on %s after %d attempt(s): %s; "
            "the engine re-offers the job after its timeout",
            ack.kind,
            attempts,
            describe(exc),
        )

    def _count(self, ack: Ack) -> None:
        if ack.kind == "complete":
            self._counters.completed += 1
        elif ack.kind == "fail":
            self._counters.failed += 1
        else:
            self._counters.errored += 1

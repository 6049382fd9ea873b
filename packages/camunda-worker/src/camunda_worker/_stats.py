"""Counters a worker keeps about the jobs it handled."""

from __future__ import annotations

import attrs


@attrs.frozen
class WorkerStats:
    """A snapshot of a worker's counters.

    Attributes:
        activated: Jobs received from activation.
        completed: Jobs completed.
        failed: Jobs failed (by a handler exception or JobFailure).
        errored: BPMN errors thrown (JobError).
        in_flight: Jobs being handled or acknowledged now.
        poll_errors: Activation requests that failed.
        ack_rejected: Acknowledgements the engine refused with 404/409 (the
            job was finished, cancelled or timed out elsewhere).
        ack_abandoned: Acknowledgements given up after transient errors or
            cancelled at shutdown; the engine re-offers those jobs after
            their timeout.
    """

    activated: int = 0
    completed: int = 0
    failed: int = 0
    errored: int = 0
    in_flight: int = 0
    poll_errors: int = 0
    ack_rejected: int = 0
    ack_abandoned: int = 0


@attrs.define
class Counters:
    """Mutable counters, only touched on the worker's event loop."""

    activated: int = 0
    completed: int = 0
    failed: int = 0
    errored: int = 0
    poll_errors: int = 0
    ack_rejected: int = 0
    ack_abandoned: int = 0

    def snapshot(self, in_flight: int) -> WorkerStats:
        """Freeze the counters together with the current in-flight count."""
        return WorkerStats(in_flight=in_flight, **attrs.asdict(self))

"""The Engine facade: one method per REST operation, wire dicts in and out."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from ._clock import Clock
from ._events import EngineEvent

__all__ = ["Engine"]

Body = dict[str, Any]
Listener = Callable[[EngineEvent], None]


class Engine:
    """A deterministic, in-memory Zeebe-like engine without any I/O.

    Every public method takes the wire-format request body (a dict, or None
    where the body is optional) and returns the wire-format response dict, or
    None for operations that answer 204. Rejections raise ``EngineError``.
    All methods are thread-safe: one lock guards all state and each command
    runs to quiescence before the next one starts.

    Args:
        read_lag_ms: How far behind eventually-consistent reads are.
        partitions: Number of simulated partitions (keys encode them).
        gateway_version: Reported by ``get_topology``.
        cluster_id: Reported by ``get_topology``.
        clock: The engine clock; a fresh real-time clock when omitted.
    """

    def __init__(
        self,
        *,
        read_lag_ms: int = 0,
        partitions: int = 1,
        gateway_version: str = "8.10.0",
        cluster_id: str = "devengine",
        clock: Clock | None = None,
    ) -> None:
        self.read_lag_ms = read_lag_ms
        self.partitions = partitions
        self.gateway_version = gateway_version
        self.cluster_id = cluster_id
        self.clock = clock if clock is not None else Clock()
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []

    # ---------------------------------------------------------------- control

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Register ``callback`` for engine events; return the unsubscriber."""
        raise NotImplementedError

    def reset(self) -> None:
        """Drop every deployment, instance and record; reset keys and clock."""
        raise NotImplementedError

    def tick(self) -> int | None:
        """Fire everything due now; return the next due time in epoch ms."""
        raise NotImplementedError

    def advance_clock(self, ms: int) -> int | None:
        """Advance the clock by ``ms`` and tick; return the next due time."""
        raise NotImplementedError

    # ---------------------------------------------------------------- cluster

    def get_topology(self) -> Body:
        """Return the TopologyResponse."""
        raise NotImplementedError

    def get_status(self) -> None:
        """Answer the health probe (204)."""
        raise NotImplementedError

    def get_license(self) -> Body:
        """Return a static LicenseResponse."""
        raise NotImplementedError

    def pin_clock(self, body: Body) -> None:
        """Pin the clock at ``body["timestamp"]`` (epoch ms) and tick."""
        raise NotImplementedError

    def reset_clock(self) -> None:
        """Return the clock to real time."""
        raise NotImplementedError

    def evaluate_expression(self, body: Body) -> Body:
        """Evaluate a FEEL expression; return ExpressionEvaluationResult."""
        raise NotImplementedError

    # ------------------------------------------------------------ deployments

    def create_deployment(
        self, resources: Sequence[tuple[str, bytes]], tenant_id: str | None = None
    ) -> Body:
        """Deploy ``(file name, content)`` resources atomically; DeploymentResult."""
        raise NotImplementedError

    # ------------------------------------------------------- process instances

    def create_process_instance(self, body: Body) -> Body:
        """Start an instance and run it to its first wait states."""
        raise NotImplementedError

    def completion_result(
        self, key: str, fetch_variables: Sequence[str] | None
    ) -> Body | None:
        """Return the awaitCompletion result, or None while the instance runs.

        Raises:
            EngineError: NOT_FOUND for an unknown key, INVALID_STATE when the
                instance was terminated instead of completing.
        """
        raise NotImplementedError

    def get_process_instance(self, key: str) -> Body:
        """Return ProcessInstanceResult (eventually consistent)."""
        raise NotImplementedError

    def search_process_instances(self, body: Body | None) -> Body:
        """Search process instances (eventually consistent)."""
        raise NotImplementedError

    def cancel_process_instance(self, key: str, body: Body | None = None) -> None:
        """Terminate an active instance with all its elements and jobs."""
        raise NotImplementedError

    # -------------------------------------------------------------------- jobs

    def activate_jobs(self, body: Body) -> Body:
        """Activate what is activatable now (never waits); JobActivationResult."""
        raise NotImplementedError

    def complete_job(self, key: str, body: Body | None = None) -> None:
        """Complete a job and continue its element."""
        raise NotImplementedError

    def fail_job(self, key: str, body: Body | None = None) -> None:
        """Fail a job: retry (maybe after a backoff) or raise an incident."""
        raise NotImplementedError

    def throw_job_error(self, key: str, body: Body) -> None:
        """Throw a BPMN error from a job: caught by a boundary or an incident."""
        raise NotImplementedError

    def update_job(self, key: str, body: Body) -> None:
        """Apply a changeset (retries, timeout, priority) to a job."""
        raise NotImplementedError

    def search_jobs(self, body: Body | None) -> Body:
        """Search jobs (eventually consistent)."""
        raise NotImplementedError

    # ---------------------------------------------------- messages and signals

    def publish_message(self, body: Body) -> Body:
        """Publish (and maybe buffer) a message; MessagePublicationResult."""
        raise NotImplementedError

    def correlate_message(self, body: Body) -> Body:
        """Correlate a message to open subscriptions now, without buffering."""
        raise NotImplementedError

    def broadcast_signal(self, body: Body) -> Body:
        """Broadcast a signal; SignalBroadcastResult."""
        raise NotImplementedError

    # --------------------------------------------------------------- incidents

    def search_incidents(self, body: Body | None) -> Body:
        """Search incidents (eventually consistent)."""
        raise NotImplementedError

    def get_incident(self, key: str) -> Body:
        """Return IncidentResult (eventually consistent)."""
        raise NotImplementedError

    def resolve_incident(self, key: str, body: Body | None = None) -> None:
        """Resolve an incident and retry the step that failed."""
        raise NotImplementedError

    # --------------------------------------------------------------- variables

    def search_variables(
        self, body: Body | None, *, truncate_values: bool = True
    ) -> Body:
        """Search variables (eventually consistent); values are JSON text."""
        raise NotImplementedError

    def get_variable(self, key: str) -> Body:
        """Return VariableResult with the full value (eventually consistent)."""
        raise NotImplementedError

    def create_element_instance_variables(self, key: str, body: Body) -> None:
        """Set variables on an element instance scope (local or propagated)."""
        raise NotImplementedError

    # -------------------------------------------------------------- user tasks

    def search_user_tasks(self, body: Body | None) -> Body:
        """Search user tasks (eventually consistent)."""
        raise NotImplementedError

    def get_user_task(self, key: str) -> Body:
        """Return UserTaskResult (eventually consistent)."""
        raise NotImplementedError

    def complete_user_task(self, key: str, body: Body | None = None) -> None:
        """Complete a CREATED user task with variables."""
        raise NotImplementedError

    def assign_user_task(self, key: str, body: Body) -> None:
        """Assign a user task."""
        raise NotImplementedError

    def unassign_user_task(self, key: str) -> None:
        """Remove the assignee of a user task."""
        raise NotImplementedError

"""Commands on jobs, messages, signals, user tasks, incidents and the clock."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

from camunda_testkit._bpmn import TimerDef

from . import _waits as waits
from ._errors import already_exists, invalid_argument, invalid_state, not_found
from ._events import JobsAvailable
from ._expr import evaluate
from ._flow import Flow
from ._records import (
    Definition,
    ElementInstance,
    Incident,
    Job,
    Message,
    UserTask,
)

__all__ = ["Commands"]

_MAX_FIRES_PER_TICK = 10_000


class Commands(Flow):
    """Command handlers on typed arguments; the facade parses wire bodies."""

    # ------------------------------------------------------------------ jobs

    def activate_jobs(
        self,
        job_type: str,
        worker: str,
        timeout_ms: int,
        max_jobs: int,
        tenant_ids: Sequence[str],
        *,
        with_lease: bool = False,
    ) -> list[Job]:
        """Activate up to ``max_jobs`` jobs of ``job_type`` now, round-robin.

        Only the jobs taken are touched, so a long backlog costs nothing. A
        job once activated with a lease is served only to leasing requests.
        """
        lanes = self.activatable.get(job_type)
        if not lanes or max_jobs <= 0:
            return []
        deadline = self.now() + timeout_ms
        taken: list[Job] = []
        count = len(lanes)
        start = self.activation_start % count
        self.activation_start += 1
        for offset in range(count):
            lane = lanes[(start + offset) % count]
            picked: list[Job] = []
            for job in lane.values():
                if len(taken) + len(picked) >= max_jobs:
                    break
                if job.tenant_id in tenant_ids and (with_lease or not job.leased):
                    picked.append(job)
            for job in picked:
                del lane[job.key]
                self._mark_activated(job, worker, deadline, with_lease=with_lease)
            taken.extend(picked)
        return taken

    def _mark_activated(
        self, job: Job, worker: str, deadline: int, *, with_lease: bool
    ) -> None:
        job.status = "ACTIVATED"
        job.worker = worker
        job.deadline_ms = deadline
        job.generation += 1
        job.updated_ms = self.now()
        if with_lease:
            job.leased = True
            job.lease_token = f"{job.key:x}.{job.generation:x}.{self.key(1):x}"
        self.schedule(deadline, "deadline", job, job.generation)
        self.touch(job)

    def check_lease(self, job: Job, token: str | None, verb: str) -> Job:
        """Fence a leased job: only its current lease token may act on it."""
        if job.leased and (token is None or token != job.lease_token):
            raise invalid_state(
                f"Expected to {verb} job with key '{job.key}' with its current lease "
                "token, but the token was missing or superseded"
            )
        return job

    def job_for(self, key: int, verb: str) -> Job:
        """Return a job a command may act on, or raise the Zeebe rejection."""
        job = self.jobs.get(key)
        if job is None or job.status in ("COMPLETED", "CANCELED"):
            raise not_found(
                f"Command '{verb.upper()}' rejected with code 'NOT_FOUND': Expected to "
                f"{verb} job with key '{key}', but no such job was found"
            )
        if job.status not in ("ACTIVATABLE", "ACTIVATED"):
            state = "ERROR_THROWN" if job.status == "ERROR_THROWN" else "FAILED"
            raise invalid_state(
                f"Command '{verb.upper()}' rejected with code 'INVALID_STATE': "
                f"Expected to {verb} job with key '{key}', but it is in state '{state}'"
            )
        return job

    def _leave_job(self, job: Job, status: str, state: str) -> None:
        self.remove_activatable(job)
        job.status = status
        job.state = state
        job.generation += 1
        job.updated_ms = self.now()
        self.touch(job)

    def complete_job(self, job: Job, variables: dict[str, Any] | None) -> None:
        """Complete a job, hand over its variables and continue the element."""
        self._leave_job(job, "COMPLETED", "COMPLETED")
        job.end_ms = self.now()
        ei = job.element_instance
        self.deliver(ei, variables)
        self.complete(ei)

    def fail_job(
        self,
        job: Job,
        retries: int,
        message: str | None,
        backoff_ms: int,
        variables: dict[str, Any] | None,
    ) -> None:
        """Fail a job: back to the pool (maybe after a backoff) or an incident."""
        self._leave_job(job, "FAILED", "FAILED")
        job.retries = retries
        job.error_message = message
        job.worker = ""
        ei = job.element_instance
        for name, value in (variables or {}).items():
            self.set_local(ei, name, value)
        if retries > 0:
            job.failed_with_retries_left = True
            if backoff_ms > 0:
                job.status = "BACKOFF"
                job.backoff_until_ms = self.now() + backoff_ms
                self.schedule(job.backoff_until_ms, "backoff", job, job.generation)
            else:
                self._reactivate(job)
            return
        text = message or "No more retries left."
        self.raise_incident(ei, "JOB_NO_RETRIES", text, "job", job)

    def _reactivate(self, job: Job) -> None:
        job.status = "ACTIVATABLE"
        job.backoff_until_ms = None
        job.deadline_ms = None
        self.make_activatable(job)
        self.touch(job)
        self.emit(JobsAvailable(job.type))

    def throw_job_error(
        self,
        job: Job,
        code: str,
        message: str | None,
        variables: dict[str, Any] | None,
    ) -> None:
        """Throw a BPMN error from a job's element."""
        self._leave_job(job, "ERROR_THROWN", "ERROR_THROWN")
        job.error_code = code
        job.error_message = message
        ei = job.element_instance
        if self.throw_error(ei, code, variables or {}):
            return
        text = (
            f"Expected to throw an error event with the code '{code}' with message "
            f"'{message or ''}', but it was not caught. "
            "No error events are available in the scope."
        )
        self.raise_incident(ei, "UNHANDLED_ERROR_EVENT", text, "job", job)

    def update_job(
        self,
        job: Job,
        retries: int | None,
        timeout_ms: int | None,
        priority: int | None,
    ) -> None:
        """Apply a changeset to a job (retries, timeout, priority)."""
        if retries is not None:
            if retries < 1:
                raise invalid_argument(
                    f"Expected to update job with key '{job.key}' with a positive "
                    f"amount of retries, but was {retries}"
                )
            job.retries = retries
            job.state = "RETRIES_UPDATED"
        if timeout_ms is not None and job.status == "ACTIVATED":
            job.generation += 1
            job.deadline_ms = self.now() + timeout_ms
            self.schedule(job.deadline_ms, "deadline", job, job.generation)
            job.state = "TIMEOUT_UPDATED"
        if priority is not None:
            job.priority = priority
            job.state = "PRIORITY_UPDATED"
        job.updated_ms = self.now()
        self.touch(job)

    def existing_job(self, key: int, verb: str) -> Job:
        """Return a job that still exists (any live state), else 404."""
        job = self.jobs.get(key)
        if job is None or job.status in ("COMPLETED", "CANCELED"):
            raise not_found(
                f"Expected to {verb} job with key '{key}', but no such job was found"
            )
        return job

    # -------------------------------------------------------------- messages

    def message_partition(self, correlation_key: str) -> int:
        """The partition a correlation key routes to."""
        return zlib.crc32(correlation_key.encode()) % self.partitions + 1

    def publish(
        self,
        name: str,
        correlation_key: str,
        ttl_ms: int,
        message_id: str | None,
        variables: dict[str, Any],
        tenant_id: str,
    ) -> Message:
        """Publish: correlate to open subscriptions, buffer while the TTL lasts."""
        now = self.now()
        if message_id:
            known = self.message_ids.get((tenant_id, message_id))
            if known is not None and not known.expired and known.deadline_ms > now:
                raise already_exists(
                    f"Expected to publish a new message with id '{message_id}', "
                    "but a message with that id was already published"
                )
        message = Message(
            key=self.key(self.message_partition(correlation_key)),
            name=name,
            correlation_key=correlation_key,
            variables=variables,
            tenant_id=tenant_id,
            deadline_ms=now + max(ttl_ms, 0),
            message_id=message_id or None,
        )
        for sub in waits.open_subscriptions_for(self, message):
            waits.correlate(self, message, sub)
        self.start_by_message(message)
        if ttl_ms > 0:
            bucket = self.messages.setdefault((tenant_id, name, correlation_key), {})
            bucket[message.key] = message
            if message_id:
                self.message_ids[(tenant_id, message_id)] = message
            self.schedule(message.deadline_ms, "ttl", message)
        return message

    def correlate_now(
        self,
        name: str,
        correlation_key: str,
        variables: dict[str, Any],
        tenant_id: str,
    ) -> tuple[Message, int]:
        """Correlate to open subscriptions without buffering; 404 when none."""
        message = Message(
            key=self.key(self.message_partition(correlation_key)),
            name=name,
            correlation_key=correlation_key,
            variables=variables,
            tenant_id=tenant_id,
            deadline_ms=self.now(),
            message_id=None,
        )
        targets = waits.open_subscriptions_for(self, message)
        for sub in targets:
            waits.correlate(self, message, sub)
        started = self.start_by_message(message)
        keys = [sub.element_instance.instance.key for sub in targets] + started
        if not keys:
            raise not_found(
                f"Expected to find subscription for message with name '{name}' and "
                f"correlation key '{correlation_key}', but none was found."
            )
        return message, keys[0]

    def start_by_message(self, message: Message) -> list[int]:
        """Start instances at matching message start events; return their keys."""
        started: list[int] = []
        for definition in self.latest_definitions(message.tenant_id):
            process = definition.process
            start_id = process.message_starts.get(message.name)
            if start_id is None or process.id in message.correlated_processes:
                continue
            guard = (process.id, message.correlation_key)
            running = self.started_by_key.get(guard)
            if running is not None and running.state == "ACTIVE":
                continue
            instance = self.start_instance(
                definition, message.variables, [], None, start_id=start_id
            )
            message.correlated_processes.add(process.id)
            if message.correlation_key:
                self.started_by_key[guard] = instance
            started.append(instance.key)
        return started

    def _expire(self, message: Message) -> None:
        message.expired = True
        bucket = self.messages.get(
            (message.tenant_id, message.name, message.correlation_key)
        )
        if bucket is not None:
            bucket.pop(message.key, None)
            if not bucket:
                del self.messages[
                    (message.tenant_id, message.name, message.correlation_key)
                ]
        if message.message_id:
            known = self.message_ids.get((message.tenant_id, message.message_id))
            if known is message:
                del self.message_ids[(message.tenant_id, message.message_id)]

    def broadcast(self, name: str, variables: dict[str, Any], tenant_id: str) -> int:
        """Trigger every open signal subscription named ``name``; return the key."""
        key = self.key(1)
        waits.broadcast_signal(self, name, variables, tenant_id)
        return key

    # ----------------------------------------------------------- user tasks

    def user_task_for(self, key: int, verb: str) -> UserTask:
        """Return a user task in CREATED state, or the Zeebe rejection."""
        task = self.user_tasks.get(key)
        if task is None or task.state in ("COMPLETED", "CANCELED"):
            raise not_found(
                f"Command '{verb.upper()}' rejected with code 'NOT_FOUND': Expected to "
                f"{verb} user task with key '{key}', but no such user task was found"
            )
        if task.state != "CREATED":
            raise invalid_state(
                f"Expected to {verb} user task with key '{key}', but it is in state "
                f"'{task.state}'"
            )
        return task

    def complete_user_task(
        self, task: UserTask, variables: dict[str, Any] | None
    ) -> None:
        """Complete a user task and continue its element."""
        task.state = "COMPLETED"
        task.completed_ms = self.now()
        self.touch(task)
        ei = task.element_instance
        self.deliver(ei, variables)
        self.complete(ei)

    def assign_user_task(
        self, task: UserTask, assignee: str | None, *, allow_override: bool
    ) -> None:
        """Set (or clear) the assignee of a user task."""
        if (
            assignee is not None
            and not allow_override
            and task.assignee is not None
            and task.assignee != assignee
        ):
            raise invalid_state(
                f"Expected to assign user task with key '{task.key}', but it is "
                f"already assigned to another user"
            )
        task.assignee = assignee
        self.touch(task)

    # ------------------------------------------------------------- incidents

    def resolve_incident(self, incident: Incident) -> None:
        """Resolve an incident, refusing a job incident while retries are 0."""
        job = incident.job
        if (
            job is not None
            and incident.error_type == "JOB_NO_RETRIES"
            and job.retries < 1
        ):
            raise invalid_state(
                f"Expected to resolve incident with key '{incident.key}', but job with "
                f"key '{job.key}' has no retries left. Please update the job retries "
                "and retry resolving the incident"
            )
        self.resolve(incident)

    # ------------------------------------------------------------- variables

    def set_variables(
        self, ei: ElementInstance, variables: dict[str, Any], local: bool
    ) -> None:
        """Set variables on a scope, locally or with propagation."""
        if local:
            for name, value in variables.items():
                self.set_local(ei, name, value)
        else:
            self.propagate(ei, variables)

    # ------------------------------------------------------------- due times

    def fire_due(self) -> None:
        """Fire everything due at the current engine time, to quiescence."""
        for _ in range(_MAX_FIRES_PER_TICK):
            entry = self.pop_due(self.now())
            if entry is None:
                return
            _, _, kind, ref, token = entry
            if kind == "timer":
                waits.fire_timer(self, ref)
            elif kind == "deadline":
                self._job_deadline(ref, token)
            elif kind == "backoff":
                self._job_backoff(ref, token)
            elif kind == "ttl":
                self._expire(ref)
            elif kind == "start":
                self._fire_start_timer(*ref)
            elif kind == "purge":
                self.purge(ref)
            self.run()

    def arm_start_timers(self, definition: Definition) -> None:
        """Schedule the timer start events of a newly deployed latest version."""
        now = self.now()
        for start_id in definition.process.timer_starts:
            element = definition.process.element(start_id)
            assert isinstance(element.event, TimerDef)
            due, repetitions, interval = waits.timer_plan(
                element.event.kind, evaluate(element.event.text, {}), now
            )
            self.start_timer_runs[(definition.key, start_id)] = (repetitions, interval)
            self.schedule(due, "start", (definition, start_id))

    def _fire_start_timer(self, definition: Definition, start_id: str) -> None:
        versions = self.versions.get((definition.process.id, definition.tenant_id))
        if not versions or versions[-1] is not definition:
            return
        self.start_instance(definition, {}, [], None, start_id=start_id)
        repetitions, interval = self.start_timer_runs[(definition.key, start_id)]
        event = definition.process.element(start_id).event
        cycle = isinstance(event, TimerDef) and event.kind == "cycle"
        if cycle and interval > 0 and (repetitions is None or repetitions > 1):
            left = None if repetitions is None else repetitions - 1
            self.start_timer_runs[(definition.key, start_id)] = (left, interval)
            self.schedule(self.now() + interval, "start", (definition, start_id))

    def _job_deadline(self, job: Job, token: int) -> None:
        if job.status == "ACTIVATED" and job.generation == token:
            job.state = "TIMED_OUT"
            job.worker = ""
            job.updated_ms = self.now()
            self._reactivate(job)

    def _job_backoff(self, job: Job, token: int) -> None:
        if job.status == "BACKOFF" and job.generation == token:
            self._reactivate(job)

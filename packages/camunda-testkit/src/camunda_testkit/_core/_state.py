"""All engine tables, keys, the due-time heap and change tracking."""

from __future__ import annotations

import heapq
import itertools
from typing import Any

from ._clock import Clock
from ._events import EngineEvent
from ._keys import KeyGenerator
from ._records import (
    Definition,
    ElementInstance,
    Incident,
    Job,
    Message,
    ProcessInstance,
    Resource,
    SignalSubscription,
    Subscription,
    Timer,
    UserTask,
    Variable,
)

__all__ = ["DEFAULT_TENANT", "State", "Tracked"]

DEFAULT_TENANT = "<default>"

Tracked = (
    ProcessInstance
    | ElementInstance
    | Job
    | Incident
    | Variable
    | UserTask
    | Subscription
)
Due = tuple[int, int, str, Any, int]


class State:
    """Tables and indexes of one engine; no behaviour beyond bookkeeping."""

    def __init__(
        self, clock: Clock, partitions: int, history_ttl_ms: int | None = None
    ) -> None:
        self.clock = clock
        self.partitions = partitions
        self.history_ttl_ms = history_ttl_ms
        self.keys = KeyGenerator(partitions)
        self.clear()

    def clear(self) -> None:
        """Forget everything (keys restart too)."""
        self.keys.reset()
        self.definitions: dict[int, Definition] = {}
        self.versions: dict[tuple[str, str], list[Definition]] = {}
        self.resources: dict[int, Resource] = {}
        self.resource_versions: dict[tuple[str, str], list[Resource]] = {}
        self.forms_by_id: dict[tuple[str, str], Resource] = {}
        self.instances: dict[int, ProcessInstance] = {}
        self.element_instances: dict[int, ElementInstance] = {}
        self.jobs: dict[int, Job] = {}
        self.activatable: dict[str, list[dict[int, Job]]] = {}
        self.incidents: dict[int, Incident] = {}
        self.variables: dict[int, Variable] = {}
        self.user_tasks: dict[int, UserTask] = {}
        self.subscriptions: dict[tuple[str, str, str], dict[int, Subscription]] = {}
        self.all_subscriptions: dict[int, Subscription] = {}
        self.signal_subscriptions: dict[
            tuple[str, str], dict[int, SignalSubscription]
        ] = {}
        self.messages: dict[tuple[str, str, str], dict[int, Message]] = {}
        self.message_ids: dict[tuple[str, str], Message] = {}
        self.timers: dict[int, Timer] = {}
        self.due: list[Due] = []
        self.dirty: dict[tuple[str, int], Tracked] = {}
        self.purged: list[tuple[str, int]] = []
        self.outbox: list[EngineEvent] = []
        self.next_partition = itertools.cycle(range(1, self.partitions + 1))
        self.activation_start = 0
        self._seq = itertools.count()

    # ------------------------------------------------------------------ basics

    def now(self) -> int:
        """Engine time in epoch ms."""
        return self.clock.now_ms()

    def key(self, partition: int = 1) -> int:
        """Mint a key on ``partition``."""
        return self.keys.next(partition)

    def touch(self, record: Tracked) -> None:
        """Mark a record changed so the read projection picks it up."""
        self.dirty[(type(record).__name__, record.key)] = record

    def emit(self, event: EngineEvent) -> None:
        """Queue an event for subscribers (sent after the lock is released)."""
        self.outbox.append(event)

    # -------------------------------------------------------------- due times

    def schedule(self, due_ms: int, kind: str, ref: Any, token: int = 0) -> None:
        """Put ``ref`` on the due heap; ``token`` lets stale entries be skipped."""
        heapq.heappush(self.due, (due_ms, next(self._seq), kind, ref, token))

    def next_due(self) -> int | None:
        """Earliest due time, or None when nothing waits."""
        return self.due[0][0] if self.due else None

    def pop_due(self, now: int) -> Due | None:
        """Pop the earliest entry that is due at ``now``."""
        if self.due and self.due[0][0] <= now:
            return heapq.heappop(self.due)
        return None

    # --------------------------------------------------------------- jobs index

    def make_activatable(self, job: Job) -> None:
        """Put a job into the per-type activation index."""
        lanes = self.activatable.setdefault(
            job.type, [{} for _ in range(self.partitions)]
        )
        lanes[job.element_instance.instance.partition - 1][job.key] = job

    def remove_activatable(self, job: Job) -> None:
        """Take a job out of the activation index (if it is there)."""
        lanes = self.activatable.get(job.type)
        if lanes is not None:
            lanes[job.element_instance.instance.partition - 1].pop(job.key, None)

    def latest_definitions(self, tenant_id: str) -> list[Definition]:
        """The latest version of every process of a tenant."""
        return [
            versions[-1]
            for (_, tenant), versions in self.versions.items()
            if tenant == tenant_id and versions
        ]

    def purge(self, instance: ProcessInstance) -> None:
        """Forget a finished instance and everything it created."""
        if self.instances.pop(instance.key, None) is None:
            return
        self.purged.append(("ProcessInstance", instance.key))
        tables: dict[str, dict[int, Any]] = {
            "Job": self.jobs,
            "Incident": self.incidents,
            "Variable": self.variables,
            "UserTask": self.user_tasks,
            "Subscription": self.all_subscriptions,
        }
        for record in instance.records:
            if isinstance(record, ProcessInstance):
                self.purge(record)
                continue
            entity = type(record).__name__
            tables[entity].pop(record.key, None)
            self.dirty.pop((entity, record.key), None)
            self.purged.append((entity, record.key))
        for ei in instance.element_instances.values():
            self.element_instances.pop(ei.key, None)
            self.dirty.pop(("ElementInstance", ei.key), None)
            self.purged.append(("ElementInstance", ei.key))
        self.dirty.pop(("ProcessInstance", instance.key), None)

    # ---------------------------------------------------------------- variables

    def visible_variables(self, scope: ElementInstance | None) -> dict[str, Any]:
        """All variables visible from ``scope``, nearer scopes shadowing outer ones."""
        chain: list[ElementInstance] = []
        while scope is not None:
            chain.append(scope)
            scope = scope.parent
        merged: dict[str, Any] = {}
        for level in reversed(chain):
            for name, var in level.variables.items():
                merged[name] = var.value
        return merged

    def set_local(self, scope: ElementInstance, name: str, value: Any) -> None:
        """Create or update a variable in exactly ``scope``."""
        var = scope.variables.get(name)
        if var is None:
            var = Variable(
                key=self.key(scope.instance.partition),
                name=name,
                value=value,
                scope_key=scope.key,
                process_instance_key=scope.instance.key,
                tenant_id=scope.instance.tenant_id,
            )
            scope.variables[name] = var
            self.variables[var.key] = var
            scope.instance.records.append(var)
        elif var.value == value and type(var.value) is type(value):
            return
        else:
            var.value = value
        self.touch(var)

    def propagate(self, scope: ElementInstance, variables: dict[str, Any]) -> None:
        """Write each variable where it is already defined, else at the root."""
        for name, value in variables.items():
            target = scope
            while name not in target.variables and target.parent is not None:
                target = target.parent
            self.set_local(target, name, value)

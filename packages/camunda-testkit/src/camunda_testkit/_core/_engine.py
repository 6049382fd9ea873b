"""The Engine facade: one method per REST operation, wire dicts in and out."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from camunda_testkit._feel import FeelError, compile_expression, to_json_value
from camunda_testkit._search import Field, SearchError, run_search

from ._clock import Clock
from ._commands import Commands
from ._deploy import deploy, parse_resources
from ._errors import invalid_argument, invalid_state, not_found
from ._events import EngineEvent, TimersChanged
from ._fields import (
    INCIDENT_FIELDS,
    JOB_FIELDS,
    MESSAGE_SUBSCRIPTION_FIELDS,
    VARIABLE_FIELDS,
    Related,
    element_instance_fields,
    process_definition_fields,
    process_instance_fields,
    user_task_fields,
)
from ._records import Definition, Job, ProcessInstance
from ._state import DEFAULT_TENANT
from ._store import Projection
from ._views import (
    TRUNCATE_AT,
    activated_job,
    process_definition_view,
    render,
)
from ._wire import (
    optional_dict,
    optional_int,
    required_int,
    required_str,
    string_list,
    wire_key,
)

__all__ = ["Engine"]

log = logging.getLogger("camunda_testkit.engine")

Body = dict[str, Any]
Listener = Callable[[EngineEvent], None]
T = TypeVar("T")

_RELATED_FILTERS = frozenset(
    {
        "variables",
        "elementId",
        "elementInstanceState",
        "hasElementInstanceIncident",
        "errorMessage",
        "processInstanceVariables",
        "localVariables",
        "hasRetriesLeft",
    }
)


class Engine:
    """A deterministic, in-memory Zeebe-like engine without any I/O.

    Every public method takes the wire-format request body (a dict, or None
    where the body is optional) and returns the wire-format response dict, or
    None for operations that answer 204. Rejections raise ``EngineError``.
    All methods are thread-safe: one lock guards all state and each command
    runs to quiescence before the next one starts. Subscribers get events
    after the lock is released.

    Args:
        read_lag_ms: How far behind eventually-consistent reads are.
        partitions: Number of simulated partitions (keys encode them).
        gateway_version: Reported by ``get_topology``.
        cluster_id: Reported by ``get_topology``.
        clock: The engine clock; a fresh real-time clock when omitted.
        monotonic: Real-time source (seconds) for the read lag; tests inject one.
        history_ttl_ms: When set, a finished instance and all its records are
            forgotten this long (engine clock) after it ends, like a cluster
            that archives history; None keeps everything.
    """

    def __init__(
        self,
        *,
        read_lag_ms: int = 0,
        partitions: int = 1,
        gateway_version: str = "8.10.0",
        cluster_id: str = "devengine",
        clock: Clock | None = None,
        monotonic: Callable[[], float] | None = None,
        history_ttl_ms: int | None = None,
    ) -> None:
        self.partitions = partitions
        self.gateway_version = gateway_version
        self.cluster_id = cluster_id
        self.clock = clock if clock is not None else Clock()
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._rt = Commands(self.clock, partitions, history_ttl_ms)
        self._projection = (
            Projection(render, read_lag_ms)
            if monotonic is None
            else Projection(render, read_lag_ms, monotonic)
        )

    @property
    def read_lag_ms(self) -> int:
        """How far eventually-consistent reads trail commands, in ms."""
        return round(self._projection.lag_s * 1000)

    @read_lag_ms.setter
    def read_lag_ms(self, value: int) -> None:
        with self._lock:
            self._projection.lag_s = max(value, 0) / 1000

    # ---------------------------------------------------------------- control

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Register ``callback`` for engine events; return the unsubscriber."""
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def reset(self) -> None:
        """Drop every deployment, instance and record; reset keys and clock."""
        with self._lock:
            self._rt.clear()
            self._projection.clear()
            self.clock.reset()
        self._notify([TimersChanged(None)])

    def tick(self) -> int | None:
        """Fire everything due now; return the next due time in epoch ms."""
        self._command(self._rt.fire_due)
        with self._lock:
            return self._rt.next_due()

    def advance_clock(self, ms: int) -> int | None:
        """Advance the clock by ``ms`` and tick; return the next due time."""
        if ms < 0:
            raise invalid_argument(f"Expected a non-negative duration, but got {ms}")
        self.clock.advance(ms)
        return self.tick()

    def _command(self, action: Callable[[], T]) -> T:
        """Run a command under the lock to quiescence, then notify."""
        with self._lock:
            rt = self._rt
            before = rt.next_due()
            try:
                result = action()
                rt.run()
            finally:
                self._commit()
                events = rt.outbox
                rt.outbox = []
                after = rt.next_due()
                if after != before:
                    events.append(TimersChanged(after))
        self._notify(events)
        return result

    def _commit(self) -> None:
        """Write the views of every changed record to the read projection."""
        dirty = self._rt.dirty
        self._rt.dirty = {}
        for (entity, key), record in dirty.items():
            self._projection.write(entity, key, record)
        for entity, key in self._rt.purged:
            self._projection.delete(entity, key)
        self._rt.purged = []

    def _notify(self, events: list[EngineEvent]) -> None:
        if not events:
            return
        with self._lock:
            listeners = list(self._listeners)
        for event in events:
            for listener in listeners:
                try:
                    listener(event)
                except Exception:
                    log.exception("an engine event listener failed on %r", event)

    # ---------------------------------------------------------------- cluster

    def get_topology(self) -> Body:
        """Return the TopologyResponse."""
        partitions = [
            {"partitionId": p, "role": "leader", "health": "healthy", "state": "active"}
            for p in range(1, self.partitions + 1)
        ]
        broker = {
            "nodeId": 0,
            "brokerId": "0",
            "host": "127.0.0.1",
            "port": 26501,
            "partitions": partitions,
            "version": self.gateway_version,
        }
        return {
            "brokers": [broker],
            "clusterId": self.cluster_id,
            "clusterSize": 1,
            "partitionsCount": self.partitions,
            "replicationFactor": 1,
            "gatewayVersion": self.gateway_version,
            "lastCompletedChangeId": "-1",
        }

    def get_status(self) -> None:
        """Answer the health probe (204)."""
        return

    def get_license(self) -> Body:
        """Return a static LicenseResponse."""
        return {
            "validLicense": False,
            "licenseType": "unknown",
            "isCommercial": False,
            "expiresAt": None,
        }

    def pin_clock(self, body: Body) -> None:
        """Pin the clock at ``body["timestamp"]`` (epoch ms) and tick."""
        timestamp = required_int(body, "timestamp")
        if timestamp < 0:
            raise invalid_argument(
                f"Expected a non-negative timestamp, got {timestamp}"
            )
        self.clock.pin(timestamp)
        self.tick()

    def reset_clock(self) -> None:
        """Return the clock to real time."""
        self.clock.reset()
        self.tick()

    def evaluate_expression(self, body: Body) -> Body:
        """Evaluate a FEEL expression; return ExpressionEvaluationResult."""
        text = required_str(body, "expression")
        variables = optional_dict(body, "variables") or {}
        scope_key = body.get("scopeKey")
        with self._lock:
            context: dict[str, Any] = {}
            if scope_key is not None:
                scope = self._rt.element_instances.get(wire_key(scope_key, "scopeKey"))
                if scope is None:
                    raise not_found(f"Expected to find scope with key '{scope_key}'")
                context.update(self._rt.visible_variables(scope))
        context.update(variables)
        source = text.lstrip()[1:] if text.lstrip().startswith("=") else text
        try:
            value, warnings = compile_expression(source).evaluate_with_warnings(context)
        except FeelError as exc:
            raise invalid_argument(str(exc)) from exc
        return {
            "expression": text,
            "result": to_json_value(value),
            "warnings": [{"message": w} for w in warnings],
            "referencedSecrets": [],
        }

    # ------------------------------------------------------------ deployments

    def create_deployment(
        self, resources: Sequence[tuple[str, bytes]], tenant_id: str | None = None
    ) -> Body:
        """Deploy ``(file name, content)`` resources atomically; DeploymentResult."""
        tenant = tenant_id or DEFAULT_TENANT
        parsed = parse_resources(resources)

        def store() -> Body:
            result, created = deploy(self._rt, parsed, tenant)
            for definition in created:
                view = process_definition_view(definition)
                self._projection.write("Definition", definition.key, view)
                self._rt.arm_start_timers(definition)
            return result

        return self._command(store)

    # ------------------------------------------------------- process instances

    def create_process_instance(self, body: Body) -> Body:
        """Start an instance and run it to its first wait states."""
        variables = optional_dict(body, "variables") or {}
        tags = string_list(body, "tags")
        business_id = body.get("businessId")
        if business_id is not None and not isinstance(business_id, str):
            raise invalid_argument("Expected 'businessId' to be a string")

        start_before = _start_instructions(body)

        def create() -> Body:
            definition = self._definition_for(body)
            process = definition.process
            if process.start_event is None and not start_before:
                raise invalid_argument(
                    "Expected to create instance of process with none start event, "
                    "but there is no such event"
                )
            for element_id in start_before:
                element = process.elements.get(element_id)
                if element is None or element.parent is not None:
                    raise invalid_argument(
                        f"Expected to find element with id '{element_id}' at the top "
                        f"level of process '{process.id}', but it was not found"
                    )
            instance = self._rt.start_instance(
                definition, variables, tags, business_id, start_before=start_before
            )
            return _creation_result(instance, {})

        return self._command(create)

    def _definition_for(self, body: Body) -> Definition:
        rt = self._rt
        by_key = body.get("processDefinitionKey")
        by_id = body.get("processDefinitionId")
        if (by_key is None) == (by_id is None):
            raise invalid_argument(
                "Expected either a processDefinitionKey or a processDefinitionId"
            )
        if by_key is not None:
            key = wire_key(by_key, "processDefinitionKey")
            definition = rt.definitions.get(key)
            if definition is None:
                raise not_found(
                    f"Expected to find process definition with key '{key}', "
                    "but none found"
                )
            return definition
        tenant = body.get("tenantId") or DEFAULT_TENANT
        version = body.get("processDefinitionVersion", -1)
        versions = rt.versions.get((str(by_id), tenant), [])
        if not isinstance(version, int) or version == -1:
            found = versions[-1] if versions else None
        else:
            found = next((d for d in versions if d.version == version), None)
        if found is None:
            raise not_found(
                f"Expected to find process definition with process ID '{by_id}', "
                "but none found"
            )
        return found

    def completion_result(
        self, key: str, fetch_variables: Sequence[str] | None
    ) -> Body | None:
        """Return the awaitCompletion result, or None while the instance runs.

        Raises:
            EngineError: NOT_FOUND for an unknown key, INVALID_STATE when the
                instance was terminated instead of completing.
        """
        with self._lock:
            instance = self._rt.instances.get(wire_key(key, "processInstanceKey"))
            if instance is None:
                raise not_found(f"Expected to find process instance with key '{key}'")
            if instance.state == "ACTIVE":
                return None
            if instance.state != "COMPLETED":
                raise invalid_state(
                    f"Expected process instance with key '{key}' to complete, "
                    f"but it was {instance.state.lower()}"
                )
            assert instance.root is not None
            variables = {n: v.value for n, v in instance.root.variables.items()}
            if fetch_variables:
                wanted = set(fetch_variables)
                variables = {n: v for n, v in variables.items() if n in wanted}
            return _creation_result(instance, variables)

    def get_process_instance(self, key: str) -> Body:
        """Return ProcessInstanceResult (eventually consistent)."""
        return self._get("ProcessInstance", key, "process instance")

    def search_process_instances(self, body: Body | None) -> Body:
        """Search process instances (eventually consistent)."""
        related = self._related(body)
        return self._search(
            "ProcessInstance",
            body,
            process_instance_fields(related),
            "processInstanceKey",
        )

    def cancel_process_instance(self, key: str, body: Body | None = None) -> None:
        """Terminate an active instance with all its elements and jobs."""
        number = wire_key(key, "processInstanceKey")

        def cancel() -> None:
            instance = self._rt.instances.get(number)
            if instance is None or instance.state != "ACTIVE":
                raise not_found(
                    f"Expected to cancel a process instance with key '{number}', "
                    "but no such process instance was found"
                )
            if instance.parent_element_instance is not None:
                raise invalid_state(
                    f"Expected to cancel a process instance with key '{number}', but "
                    "it is created by a parent process instance. Cancel the root "
                    f"process instance '{instance.top.key}' instead."
                )
            self._rt.cancel_instance(instance)

        self._command(cancel)

    # ----------------------------------------------------------- element views

    def search_element_instances(self, body: Body | None) -> Body:
        """Search element instances (eventually consistent)."""
        with self._lock:
            scope_of = {
                str(ei.key): str(ei.parent.key)
                for ei in self._rt.element_instances.values()
                if ei.parent is not None
            }
        fields = element_instance_fields(scope_of)
        return self._search("ElementInstance", body, fields, "elementInstanceKey")

    def get_element_instance(self, key: str) -> Body:
        """Return ElementInstanceResult (eventually consistent)."""
        return self._get("ElementInstance", key, "element instance")

    def search_process_definitions(self, body: Body | None) -> Body:
        """Search process definitions (eventually consistent)."""
        with self._lock:
            latest = {str(v[-1].key) for v in self._rt.versions.values() if v}
        fields = process_definition_fields(latest)
        return self._search("Definition", body, fields, "processDefinitionKey")

    def get_process_definition(self, key: str) -> Body:
        """Return ProcessDefinitionResult (eventually consistent)."""
        return self._get("Definition", key, "process definition")

    def get_process_definition_xml(self, key: str) -> str:
        """Return the deployed BPMN XML of a process definition."""
        self.get_process_definition(key)
        with self._lock:
            definition = self._rt.definitions[wire_key(key, "processDefinitionKey")]
            return definition.xml.decode("utf-8")

    def search_message_subscriptions(self, body: Body | None) -> Body:
        """Search message subscriptions (eventually consistent)."""
        return self._search(
            "Subscription", body, MESSAGE_SUBSCRIPTION_FIELDS, "messageSubscriptionKey"
        )

    # -------------------------------------------------------------------- jobs

    def activate_jobs(self, body: Body) -> Body:
        """Activate what is activatable now (never waits); JobActivationResult."""
        job_type = required_str(body, "type")
        timeout = required_int(body, "timeout")
        max_jobs = required_int(body, "maxJobsToActivate")
        worker = body.get("worker") or ""
        fetch = string_list(body, "fetchVariable")
        tenants = string_list(body, "tenantIds") or [DEFAULT_TENANT]
        lease = body.get("withLease") is True
        if str(body.get("tenantFilter") or "").upper() == "ASSIGNED":
            # TODO(tenant assignments): the dev engine has no users, so every tenant
            tenants = self._known_tenants()
        if max_jobs < 1:
            raise invalid_argument(
                f"Expected maxJobsToActivate to be greater than 0, but was {max_jobs}"
            )

        def activate() -> Body:
            rt = self._rt
            jobs = rt.activate_jobs(
                job_type, str(worker), timeout, max_jobs, tenants, with_lease=lease
            )
            wanted = set(fetch)
            result: list[Body] = []
            for job in jobs:
                variables = rt.visible_variables(job.element_instance)
                if wanted:
                    variables = {n: v for n, v in variables.items() if n in wanted}
                result.append(activated_job(job, copy.deepcopy(variables)))
            return {"jobs": result}

        return self._command(activate)

    def complete_job(self, key: str, body: Body | None = None) -> None:
        """Complete a job and continue its element."""
        number = wire_key(key, "jobKey")
        variables = optional_dict(body or {}, "variables")
        self._command(
            lambda: self._rt.complete_job(
                self._leased(number, body, "complete"), variables
            )
        )

    def fail_job(self, key: str, body: Body | None = None) -> None:
        """Fail a job: retry (maybe after a backoff) or raise an incident."""
        number = wire_key(key, "jobKey")
        data = body or {}
        retries = optional_int(data, "retries") or 0
        backoff = optional_int(data, "retryBackOff") or 0
        message = data.get("errorMessage")
        variables = optional_dict(data, "variables")
        self._command(
            lambda: self._rt.fail_job(
                self._leased(number, data, "fail"), retries, message, backoff, variables
            )
        )

    def throw_job_error(self, key: str, body: Body) -> None:
        """Throw a BPMN error from a job: caught by a boundary or an incident."""
        number = wire_key(key, "jobKey")
        code = required_str(body, "errorCode")
        message = body.get("errorMessage")
        variables = optional_dict(body, "variables")
        self._command(
            lambda: self._rt.throw_job_error(
                self._leased(number, body, "throw an error for"),
                code,
                message,
                variables,
            )
        )

    def _leased(self, key: int, body: Body | None, verb: str) -> Job:
        """The job for a command, fenced by its lease token when it has one."""
        token = (body or {}).get("leaseToken")
        job = self._rt.job_for(key, verb)
        return self._rt.check_lease(
            job, token if isinstance(token, str) else None, verb
        )

    def update_job(self, key: str, body: Body) -> None:
        """Apply a changeset (retries, timeout, priority) to a job."""
        number = wire_key(key, "jobKey")
        changeset = body.get("changeset")
        if not isinstance(changeset, dict):
            raise invalid_argument("Expected a 'changeset' object")
        changes = cast("dict[str, Any]", changeset)
        retries = optional_int(changes, "retries")
        timeout = optional_int(changes, "timeout")
        priority = optional_int(changes, "priority")
        self._command(
            lambda: self._rt.update_job(
                self._rt.existing_job(number, "update"), retries, timeout, priority
            )
        )

    def search_jobs(self, body: Body | None) -> Body:
        """Search jobs (eventually consistent)."""
        return self._search("Job", body, JOB_FIELDS, "jobKey")

    # ---------------------------------------------------- messages and signals

    def publish_message(self, body: Body) -> Body:
        """Publish (and maybe buffer) a message; MessagePublicationResult."""
        name = required_str(body, "name")
        correlation_key = str(body.get("correlationKey") or "")
        ttl = optional_int(body, "timeToLive") or 0
        message_id = body.get("messageId")
        variables = optional_dict(body, "variables") or {}
        tenant = body.get("tenantId") or DEFAULT_TENANT
        message = self._command(
            lambda: self._rt.publish(
                name, correlation_key, ttl, message_id, variables, tenant
            )
        )
        return {"tenantId": tenant, "messageKey": str(message.key)}

    def correlate_message(self, body: Body) -> Body:
        """Correlate a message to open subscriptions now, without buffering."""
        name = required_str(body, "name")
        correlation_key = str(body.get("correlationKey") or "")
        variables = optional_dict(body, "variables") or {}
        tenant = body.get("tenantId") or DEFAULT_TENANT
        message, instance_key = self._command(
            lambda: self._rt.correlate_now(name, correlation_key, variables, tenant)
        )
        return {
            "tenantId": tenant,
            "messageKey": str(message.key),
            "processInstanceKey": str(instance_key),
        }

    def broadcast_signal(self, body: Body) -> Body:
        """Broadcast a signal; SignalBroadcastResult."""
        name = required_str(body, "signalName")
        variables = optional_dict(body, "variables") or {}
        tenant = body.get("tenantId") or DEFAULT_TENANT
        key = self._command(lambda: self._rt.broadcast(name, variables, tenant))
        return {"tenantId": tenant, "signalKey": str(key)}

    # --------------------------------------------------------------- incidents

    def search_incidents(self, body: Body | None) -> Body:
        """Search incidents (eventually consistent)."""
        return self._search("Incident", body, INCIDENT_FIELDS, "incidentKey")

    def get_incident(self, key: str) -> Body:
        """Return IncidentResult (eventually consistent)."""
        return self._get("Incident", key, "incident")

    def resolve_incident(self, key: str, body: Body | None = None) -> None:
        """Resolve an incident and retry the step that failed."""
        number = wire_key(key, "incidentKey")

        def resolve() -> None:
            incident = self._rt.incidents.get(number)
            if incident is None or incident.state != "ACTIVE":
                raise not_found(
                    f"Expected to resolve incident with key '{number}', but no such "
                    "incident was found"
                )
            self._rt.resolve_incident(incident)

        self._command(resolve)

    # --------------------------------------------------------------- variables

    def search_variables(
        self, body: Body | None, *, truncate_values: bool = True
    ) -> Body:
        """Search variables (eventually consistent); values are JSON text."""
        result = self._search("Variable", body, VARIABLE_FIELDS, "variableKey")
        items: list[Body] = []
        for row in result["items"]:
            item = dict(row)
            text = str(item["value"])
            cut = truncate_values and len(text) > TRUNCATE_AT
            item["value"] = text[:TRUNCATE_AT] if cut else text
            item["isTruncated"] = cut
            items.append(item)
        result["items"] = items
        return result

    def get_variable(self, key: str) -> Body:
        """Return VariableResult with the full value (eventually consistent)."""
        view = self._get("Variable", key, "variable")
        return {k: v for k, v in view.items() if k != "isTruncated"}

    def create_element_instance_variables(self, key: str, body: Body) -> None:
        """Set variables on an element instance scope (local or propagated)."""
        number = wire_key(key, "elementInstanceKey")
        variables = optional_dict(body, "variables")
        if variables is None:
            raise invalid_argument("Expected a 'variables' object")
        local = bool(body.get("local", False))

        def update() -> None:
            scope = self._rt.element_instances.get(number)
            if scope is None or scope.state != "ACTIVE":
                raise not_found(
                    f"Expected to update variables for element with key '{number}', "
                    "but no such element was found"
                )
            self._rt.set_variables(scope, variables, local=local)

        self._command(update)

    # -------------------------------------------------------------- user tasks

    def search_user_tasks(self, body: Body | None) -> Body:
        """Search user tasks (eventually consistent)."""
        related = self._related(body)
        return self._search("UserTask", body, user_task_fields(related), "userTaskKey")

    def get_user_task(self, key: str) -> Body:
        """Return UserTaskResult (eventually consistent)."""
        return self._get("UserTask", key, "user task")

    def complete_user_task(self, key: str, body: Body | None = None) -> None:
        """Complete a CREATED user task with variables."""
        number = wire_key(key, "userTaskKey")
        variables = optional_dict(body or {}, "variables")
        self._command(
            lambda: self._rt.complete_user_task(
                self._rt.user_task_for(number, "complete"), variables
            )
        )

    def assign_user_task(self, key: str, body: Body) -> None:
        """Assign a user task."""
        number = wire_key(key, "userTaskKey")
        assignee = body.get("assignee")
        if not isinstance(assignee, str) or not assignee:
            raise invalid_argument("Expected a non-empty 'assignee'")
        allow = body.get("allowOverride")
        self._command(
            lambda: self._rt.assign_user_task(
                self._rt.user_task_for(number, "assign"),
                assignee,
                allow_override=allow is None or bool(allow),
            )
        )

    def unassign_user_task(self, key: str) -> None:
        """Remove the assignee of a user task."""
        number = wire_key(key, "userTaskKey")
        self._command(
            lambda: self._rt.assign_user_task(
                self._rt.user_task_for(number, "unassign"), None, allow_override=True
            )
        )

    def _known_tenants(self) -> list[str]:
        with self._lock:
            return sorted(
                {tenant for _, tenant in self._rt.versions} | {DEFAULT_TENANT}
            )

    # ------------------------------------------------------------------ reads

    def _get(self, entity: str, key: str, what: str) -> Body:
        number = wire_key(key, "key")
        with self._lock:
            view = self._projection.read(entity, number)
        if view is None:
            raise not_found(f"{what.capitalize()} with key '{number}' not found")
        return dict(view)

    def _search(
        self, entity: str, body: Body | None, fields: dict[str, Field], default: str
    ) -> Body:
        with self._lock:
            rows = self._projection.rows(entity)
        try:
            return run_search(rows, body, fields, default_sort=default)
        except SearchError as exc:
            raise invalid_argument(str(exc)) from exc

    def _related(self, body: Body | None) -> Related:
        """Related rows for filters that look across entities (empty if unused)."""
        if not _uses_related(body):
            return Related([], [], [])
        with self._lock:
            return Related(
                self._projection.rows("Variable"),
                self._projection.rows("ElementInstance"),
                self._projection.rows("Incident"),
                self._projection.rows("Job"),
            )


def _creation_result(instance: ProcessInstance, variables: dict[str, Any]) -> Body:
    definition = instance.definition
    return {
        "processDefinitionId": definition.process.id,
        "processDefinitionVersion": definition.version,
        "tenantId": definition.tenant_id,
        "variables": variables,
        "processDefinitionKey": str(definition.key),
        "processInstanceKey": str(instance.key),
        "tags": list(instance.tags),
        "businessId": instance.business_id,
    }


def _start_instructions(body: Body) -> list[str]:
    """The element ids of ``startInstructions`` (start before each of them)."""
    raw: Any = body.get("startInstructions") or []
    if not isinstance(raw, list):
        raise invalid_argument("Expected 'startInstructions' to be a list")
    ids: list[str] = []
    for item in cast("list[Any]", raw):
        element_id: Any = None
        if isinstance(item, dict):
            element_id = cast("dict[str, Any]", item).get("elementId")
        if not isinstance(element_id, str) or not element_id:
            raise invalid_argument("Each start instruction needs an 'elementId'")
        ids.append(element_id)
    return ids


def _uses_related(body: Body | None) -> bool:
    if not body or not isinstance(body.get("filter"), dict):
        return False
    filters = cast("dict[str, Any]", body["filter"])
    names = set(filters)
    branches: list[Any] = filters.get("$or") or []
    for branch in branches:
        if isinstance(branch, dict):
            names.update(cast("dict[str, Any]", branch))
    return bool(names & _RELATED_FILTERS)

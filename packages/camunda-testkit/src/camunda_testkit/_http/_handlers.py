"""Route handlers of the Tier 0 operations, keyed by operationId."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from starlette.responses import JSONResponse, Response

from camunda_testkit._http._context import Call, require_fields
from camunda_testkit._http._multipart import parse_multipart
from camunda_testkit._http._problems import ProblemError, invalid_argument

Handler = Callable[[Call], Awaitable[Response]]
BodyMode = Literal["none", "optional", "required"]


def reply(result: dict[str, Any] | None) -> Response:
    """Answer 200 with the result, or 204 when the operation returns nothing."""
    if result is None:
        return Response(status_code=204)
    return JSONResponse(result)


# ------------------------------------------------------------------ builders


def _no_body(method: str) -> Handler:
    async def handle(call: Call) -> Response:
        return reply(getattr(call.engine, method)())

    return handle


def _body(method: str, *required: str, optional: bool = False) -> Handler:
    async def handle(call: Call) -> Response:
        body = call.json_object(required=not optional)
        if body is not None:
            require_fields(body, *required)
        return reply(getattr(call.engine, method)(body))

    return handle


def _keyed(
    method: str, param: str, *required: str, body: BodyMode = "optional"
) -> Handler:
    async def handle(call: Call) -> Response:
        key = call.key(param)
        engine_method = getattr(call.engine, method)
        if body == "none":
            return reply(engine_method(key))
        payload = call.json_object(required=body == "required")
        if payload is not None:
            require_fields(payload, *required)
        return reply(engine_method(key, payload))

    return handle


# ------------------------------------------------------------------- special


async def _get_status(call: Call) -> Response:
    call.engine.get_status()
    return Response(status_code=204)


async def _create_deployment(call: Call) -> Response:
    content_type = call.request.headers.get("content-type", "")
    parts = parse_multipart(content_type, call.raw_body)
    resources: list[tuple[str, bytes]] = []
    tenant_id: str | None = None
    for part in parts:
        if part.name == "resources":
            if not part.filename:
                raise invalid_argument("Every 'resources' part needs a filename")
            resources.append((part.filename, part.content))
        elif part.name == "tenantId":
            tenant_id = part.content.decode("utf-8", "replace").strip() or None
    if not resources:
        raise invalid_argument("No resources given; send at least one 'resources' part")
    return reply(call.engine.create_deployment(resources, tenant_id))


async def _search_variables(call: Call) -> Response:
    body = call.json_object(required=False)
    raw = call.request.query_params.get("truncateValues", "true").lower()
    if raw not in ("true", "false"):
        raise invalid_argument("Query parameter 'truncateValues' must be a boolean")
    result = call.engine.search_variables(body, truncate_values=raw == "true")
    return reply(result)


async def _get_process_definition_xml(call: Call) -> Response:
    key = call.key("processDefinitionKey")
    xml = call.engine.get_process_definition_xml(key)
    return Response(xml, media_type="text/xml")


async def _activate_jobs(call: Call) -> Response:
    body = call.json_object(required=True)
    assert body is not None
    require_fields(body, "type", "timeout", "maxJobsToActivate")
    job_type = str(body["type"])
    timeout_ms = _int_field(body, "requestTimeout")
    if timeout_ms == 0:
        timeout_ms = call.timeouts.long_poll_ms
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(timeout_ms, 0) / 1000
    notifier = call.notifier
    while True:
        # Engine events reach this loop only while it awaits, so nothing is
        # missed between this activation and registering the waiter below.
        result = call.engine.activate_jobs(body)
        if result.get("jobs"):
            # More jobs may be left: let the next parked poll look as well.
            notifier.pass_on(job_type)
            return reply(result)
        remaining = deadline - loop.time()
        if timeout_ms < 0 or remaining <= 0 or notifier.closing:
            return reply(result)
        waiter = notifier.job_waiter(job_type)
        try:
            woken = await _park(call, waiter, remaining)
        finally:
            notifier.discard_job_waiter(job_type, waiter)
        if not woken:
            if waiter.is_set():
                notifier.pass_on(job_type)
            return reply(result)


async def _create_process_instance(call: Call) -> Response:
    body = call.json_object(required=True)
    assert body is not None
    by_key = body.get("processDefinitionKey") is not None
    by_id = body.get("processDefinitionId") is not None
    if by_key == by_id:
        msg = "Expected exactly one of 'processDefinitionKey' or 'processDefinitionId'"
        raise invalid_argument(msg)
    result = call.engine.create_process_instance(body)
    if not body.get("awaitCompletion"):
        return reply(result)
    timeout_ms = _int_field(body, "requestTimeout") or call.timeouts.request_ms
    return await _await_completion(call, body, result, timeout_ms)


async def _await_completion(
    call: Call, body: dict[str, Any], created: dict[str, Any], timeout_ms: int
) -> Response:
    key = str(created["processInstanceKey"])
    fetch = body.get("fetchVariables")
    fetch_variables = _string_list(fetch)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(timeout_ms, 0) / 1000
    while True:
        waiter = call.notifier.instance_waiter(key)
        try:
            done = call.engine.completion_result(key, fetch_variables)
            if done is not None:
                return reply({**created, **done})
            remaining = deadline - loop.time()
            if remaining <= 0 or call.notifier.closing:
                break
            if not await _park(call, waiter, remaining):
                break
        finally:
            call.notifier.discard_instance_waiter(key, waiter)
    detail = (
        f"Expected process instance '{key}' to complete within {timeout_ms} ms, "
        "but it is still running"
    )
    raise ProblemError(504, "DEADLINE_EXCEEDED", detail)


async def _park(call: Call, waiter: asyncio.Event, seconds: float) -> bool:
    """Wait for ``waiter``; False on timeout or when the client went away."""
    woken = asyncio.ensure_future(waiter.wait())
    gone = call.disconnect_task()
    try:
        done, _ = await asyncio.wait(
            {woken, gone}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        woken.cancel()
    return woken in done and gone not in done


def _string_list(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    items: list[object] = value  # pyright: ignore[reportUnknownVariableType]
    return [str(item) for item in items]


def _int_field(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_argument(f"Property '{name}' must be an integer")
    return value


HANDLERS: dict[str, Handler] = {
    # cluster
    "getTopology": _no_body("get_topology"),
    "getStatus": _get_status,
    "getLicense": _no_body("get_license"),
    "pinClock": _body("pin_clock", "timestamp"),
    "resetClock": _no_body("reset_clock"),
    "evaluateExpression": _body("evaluate_expression", "expression"),
    # deployments and process instances
    "createDeployment": _create_deployment,
    "createProcessInstance": _create_process_instance,
    "getProcessInstance": _keyed(
        "get_process_instance", "processInstanceKey", body="none"
    ),
    "searchProcessInstances": _body("search_process_instances", optional=True),
    "cancelProcessInstance": _keyed("cancel_process_instance", "processInstanceKey"),
    # jobs
    "activateJobs": _activate_jobs,
    "completeJob": _keyed("complete_job", "jobKey"),
    "failJob": _keyed("fail_job", "jobKey"),
    "throwJobError": _keyed("throw_job_error", "jobKey", "errorCode", body="required"),
    "updateJob": _keyed("update_job", "jobKey", "changeset", body="required"),
    "searchJobs": _body("search_jobs", optional=True),
    # messages and signals
    "publishMessage": _body("publish_message", "name"),
    "correlateMessage": _body("correlate_message", "name"),
    "broadcastSignal": _body("broadcast_signal", "signalName"),
    # incidents
    "searchIncidents": _body("search_incidents", optional=True),
    "getIncident": _keyed("get_incident", "incidentKey", body="none"),
    "resolveIncident": _keyed("resolve_incident", "incidentKey"),
    # variables
    "searchVariables": _search_variables,
    "getVariable": _keyed("get_variable", "variableKey", body="none"),
    "createElementInstanceVariables": _keyed(
        "create_element_instance_variables",
        "elementInstanceKey",
        "variables",
        body="required",
    ),
    # read models beyond Tier 0
    "searchElementInstances": _body("search_element_instances", optional=True),
    "getElementInstance": _keyed(
        "get_element_instance", "elementInstanceKey", body="none"
    ),
    "searchProcessDefinitions": _body("search_process_definitions", optional=True),
    "getProcessDefinition": _keyed(
        "get_process_definition", "processDefinitionKey", body="none"
    ),
    "getProcessDefinitionXML": _get_process_definition_xml,
    "searchMessageSubscriptions": _body("search_message_subscriptions", optional=True),
    # user tasks
    "searchUserTasks": _body("search_user_tasks", optional=True),
    "getUserTask": _keyed("get_user_task", "userTaskKey", body="none"),
    "completeUserTask": _keyed("complete_user_task", "userTaskKey"),
    "assignUserTask": _keyed("assign_user_task", "userTaskKey", body="required"),
    "unassignUserTask": _keyed("unassign_user_task", "userTaskKey", body="none"),
}

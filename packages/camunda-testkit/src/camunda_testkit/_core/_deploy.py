"""Deployments: parse resources, version processes and forms, build the result."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from camunda_testkit._bpmn import BpmnError, Process, TimerDef, parse_bpmn
from camunda_testkit._feel import FeelError

from ._errors import invalid_argument
from ._expr import ExpressionError, check_syntax, evaluate
from ._records import Definition, Resource
from ._state import State
from ._waits import timer_plan
from ._wire import Body

__all__ = ["Parsed", "deploy", "parse_resources"]


@dataclass(frozen=True)
class Parsed:
    """One checked resource: its processes, or the form id of a form."""

    name: str
    data: bytes
    processes: tuple[Process, ...]
    form_id: str | None


def parse_resources(resources: Sequence[tuple[str, bytes]]) -> list[Parsed]:
    """Check every resource before anything is stored (deployment is atomic)."""
    if not resources:
        raise invalid_argument(
            "Expected to deploy at least one resource, but none given"
        )
    parsed = [_parse(name, data) for name, data in resources]
    seen: set[str] = set()
    for resource in parsed:
        for process in resource.processes:
            _check_start_timers(process)
            if process.id in seen:
                raise invalid_argument(
                    f"Duplicated process id in resources '{process.id}'"
                )
            seen.add(process.id)
    return parsed


def _check_start_timers(process: Process) -> None:
    for start_id in process.timer_starts:
        event = process.element(start_id).event
        assert isinstance(event, TimerDef)
        try:
            timer_plan(event.kind, evaluate(event.text, {}), 0)
        except (FeelError, ExpressionError, ValueError, TypeError) as exc:
            raise invalid_argument(
                f"Element '{start_id}' of type 'bpmn:startEvent': invalid timer "
                f"'{event.text}': {exc}"
            ) from exc


def _parse(name: str, data: bytes) -> Parsed:
    lower = name.lower()
    if lower.endswith((".bpmn", ".bpmn20.xml")):
        try:
            processes = tuple(parse_bpmn(data, check_syntax))
        except BpmnError as exc:
            raise invalid_argument(
                "Expected to deploy new resources, but encountered the following "
                f"errors: '{name}': {exc}"
            ) from exc
        return Parsed(name, data, processes, None)
    if lower.endswith(".dmn"):
        raise invalid_argument(
            f"'{name}': DMN resources are not supported by the dev engine"
        )
    if lower.endswith(".form"):
        return Parsed(name, data, (), _form_id(name, data))
    return Parsed(name, data, (), None)


def _form_id(name: str, data: bytes) -> str:
    try:
        form: Any = json.loads(data)
    except ValueError as exc:
        raise invalid_argument(f"'{name}': the form is not valid JSON") from exc
    form_id = cast("dict[str, Any]", form).get("id") if isinstance(form, dict) else None
    if not isinstance(form_id, str) or not form_id:
        raise invalid_argument(f"'{name}': the form has no 'id'")
    return form_id


def deploy(
    rt: State, parsed: list[Parsed], tenant: str
) -> tuple[Body, list[Definition]]:
    """Store the resources; return the DeploymentResult and new definitions.

    A resource whose name and content equal the latest version of a process
    or form does not create a new version: its existing key comes back.
    """
    deployment_key = rt.key(1)
    items: list[Body] = []
    created: list[Definition] = []
    for resource in parsed:
        digest = hashlib.sha256(resource.data).hexdigest()
        for process in resource.processes:
            definition, new = _store_definition(rt, process, resource, digest, tenant)
            definition.deployment_key = definition.deployment_key or deployment_key
            if new:
                created.append(definition)
            items.append(_deployed_process(definition))
        if not resource.processes:
            stored = _store_resource(rt, resource, digest, tenant)
            items.append(_deployed_resource(stored))
    result = {
        "deploymentKey": str(deployment_key),
        "tenantId": tenant,
        "deployments": items,
    }
    return result, created


def _store_definition(
    rt: State, process: Process, resource: Parsed, digest: str, tenant: str
) -> tuple[Definition, bool]:
    versions = rt.versions.setdefault((process.id, tenant), [])
    latest = versions[-1] if versions else None
    if (
        latest is not None
        and latest.digest == digest
        and latest.resource_name == resource.name
    ):
        return latest, False
    definition = Definition(
        key=rt.key(1),
        process=process,
        version=len(versions) + 1,
        tenant_id=tenant,
        resource_name=resource.name,
        digest=digest,
        xml=resource.data,
        deployment_key=0,
    )
    versions.append(definition)
    rt.definitions[definition.key] = definition
    return definition, True


def _store_resource(rt: State, resource: Parsed, digest: str, tenant: str) -> Resource:
    resource_id = resource.form_id or resource.name
    versions = rt.resource_versions.setdefault((resource_id, tenant), [])
    latest = versions[-1] if versions else None
    if latest is not None and latest.digest == digest and latest.name == resource.name:
        return latest
    stored = Resource(
        key=rt.key(1),
        resource_id=resource_id,
        name=resource.name,
        version=len(versions) + 1,
        tenant_id=tenant,
        digest=digest,
        is_form=resource.form_id is not None,
    )
    versions.append(stored)
    rt.resources[stored.key] = stored
    if resource.form_id is not None:
        rt.forms_by_id[(tenant, resource.form_id)] = stored
    return stored


def _deployed_process(definition: Definition) -> Body:
    return {
        "processDefinition": {
            "processDefinitionId": definition.process.id,
            "processDefinitionVersion": definition.version,
            "resourceName": definition.resource_name,
            "tenantId": definition.tenant_id,
            "processDefinitionKey": str(definition.key),
        },
        "decisionDefinition": None,
        "decisionRequirements": None,
        "form": None,
        "resource": None,
    }


def _deployed_resource(resource: Resource) -> Body:
    item: Body = {
        "processDefinition": None,
        "decisionDefinition": None,
        "decisionRequirements": None,
        "form": None,
        "resource": None,
    }
    if resource.is_form:
        item["form"] = {
            "formId": resource.resource_id,
            "version": resource.version,
            "resourceName": resource.name,
            "tenantId": resource.tenant_id,
            "formKey": str(resource.key),
        }
    else:
        item["resource"] = {
            "resourceId": resource.resource_id,
            "resourceName": resource.name,
            "version": resource.version,
            "tenantId": resource.tenant_id,
            "resourceKey": str(resource.key),
        }
    return item

"""Render engine records as wire-format response items (every required key)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

from ._records import (
    Definition,
    ElementInstance,
    Incident,
    Job,
    ProcessInstance,
    Subscription,
    UserTask,
    Variable,
)

__all__ = [
    "render",
    "TRUNCATE_AT",
    "activated_job",
    "element_instance_view",
    "incident_view",
    "iso",
    "job_view",
    "process_definition_view",
    "process_instance_view",
    "subscription_view",
    "user_task_view",
    "variable_view",
]

TRUNCATE_AT = 8191
_EPOCH = dt.datetime(1970, 1, 1)
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")

Body = dict[str, Any]


def iso(epoch_ms: int | None) -> str | None:
    """Format epoch ms as an RFC 3339 UTC timestamp with milliseconds."""
    if epoch_ms is None:
        return None
    return _iso(epoch_ms)


@functools.lru_cache(maxsize=4096)
def _iso(epoch_ms: int) -> str:
    moment = _EPOCH + dt.timedelta(milliseconds=epoch_ms)
    return moment.isoformat(timespec="milliseconds")[:23] + "Z"


def _root_key(instance: ProcessInstance) -> str:
    return str(instance.top.key)


def _parent_keys(instance: ProcessInstance) -> tuple[str | None, str | None]:
    caller = instance.parent_element_instance
    if caller is None:
        return None, None
    return str(caller.instance.key), str(caller.key)


def process_instance_view(instance: ProcessInstance) -> Body:
    """ProcessInstanceResult."""
    definition = instance.definition
    parent_instance, parent_element = _parent_keys(instance)
    return {
        "processDefinitionId": definition.process.id,
        "processDefinitionName": definition.process.name,
        "processDefinitionVersion": definition.version,
        "processDefinitionVersionTag": definition.process.version_tag,
        "startDate": iso(instance.start_ms),
        "endDate": iso(instance.end_ms),
        "state": instance.state,
        "suspendedDate": None,
        "hasIncident": instance.incident_count > 0,
        "tenantId": instance.tenant_id,
        "processInstanceKey": str(instance.key),
        "processDefinitionKey": str(definition.key),
        "parentProcessInstanceKey": parent_instance,
        "parentElementInstanceKey": parent_element,
        "rootProcessInstanceKey": _root_key(instance),
        "tags": list(instance.tags),
        "businessId": instance.business_id,
    }


def process_definition_view(definition: Definition) -> Body:
    """ProcessDefinitionResult."""
    return {
        "name": definition.process.name,
        "resourceName": definition.resource_name,
        "version": definition.version,
        "versionTag": definition.process.version_tag,
        "processDefinitionId": definition.process.id,
        "tenantId": definition.tenant_id,
        "processDefinitionKey": str(definition.key),
        "hasStartForm": False,
        "state": "ACTIVE",
    }


def _element_type(kind: str) -> str:
    if kind == "subProcess":
        return "SUB_PROCESS"
    if kind == "eventBasedGateway":
        return "EVENT_BASED_GATEWAY"
    return _CAMEL.sub("_", kind).upper()


def element_instance_view(ei: ElementInstance) -> Body:
    """ElementInstanceResult."""
    instance = ei.instance
    name = (
        ei.element.name if ei.element is not None else instance.definition.process.name
    )
    return {
        "processDefinitionId": instance.definition.process.id,
        "startDate": iso(ei.start_ms),
        "endDate": iso(ei.end_ms),
        "elementId": ei.element_id,
        "elementName": name or ei.element_id,
        "type": _element_type(ei.element_kind),
        "state": ei.state,
        "hasIncident": ei.incident is not None,
        "tenantId": instance.tenant_id,
        "elementInstanceKey": str(ei.key),
        "processInstanceKey": str(instance.key),
        "rootProcessInstanceKey": _root_key(instance),
        "processDefinitionKey": str(instance.definition.key),
        "incidentKey": str(ei.incident.key) if ei.incident is not None else None,
    }


def _job_common(job: Job) -> Body:
    ei = job.element_instance
    instance = ei.instance
    return {
        "type": job.type,
        "processDefinitionId": instance.definition.process.id,
        "elementId": ei.element_id,
        "customHeaders": dict(job.custom_headers),
        "worker": job.worker,
        "retries": job.retries,
        "tenantId": job.tenant_id,
        "jobKey": str(job.key),
        "processInstanceKey": str(instance.key),
        "processDefinitionKey": str(instance.definition.key),
        "elementInstanceKey": str(ei.key),
        "kind": job.kind,
        "listenerEventType": "UNSPECIFIED",
        "rootProcessInstanceKey": _root_key(instance),
        "businessId": instance.business_id,
        "priority": job.priority,
    }


def activated_job(job: Job, variables: dict[str, Any]) -> Body:
    """ActivatedJobResult, with the variables already selected."""
    body = _job_common(job)
    instance = job.element_instance.instance
    body.update(
        {
            "processDefinitionVersion": instance.definition.version,
            "deadline": job.deadline_ms if job.deadline_ms is not None else 0,
            "variables": variables,
            "physicalTenantId": "default",
            "userTask": None,
            "tags": list(instance.tags),
            "leaseToken": job.lease_token,
        }
    )
    return body


def job_view(job: Job) -> Body:
    """JobSearchResult."""
    body = _job_common(job)
    body.update(
        {
            "deadline": iso(job.deadline_ms) if job.status == "ACTIVATED" else None,
            "deniedReason": None,
            "endTime": iso(job.end_ms),
            "errorCode": job.error_code,
            "errorMessage": job.error_message,
            "hasFailedWithRetriesLeft": job.failed_with_retries_left,
            "isDenied": None,
            "state": job.state,
            "creationTime": iso(job.created_ms),
            "lastUpdateTime": iso(job.updated_ms or job.created_ms),
        }
    )
    return body


def incident_view(incident: Incident) -> Body:
    """IncidentResult."""
    ei = incident.element_instance
    instance = ei.instance
    return {
        "processDefinitionId": instance.definition.process.id,
        "errorType": incident.error_type,
        "errorMessage": incident.error_message,
        "elementId": ei.element_id,
        "creationTime": iso(incident.created_ms),
        "state": incident.state,
        "tenantId": instance.tenant_id,
        "incidentKey": str(incident.key),
        "processDefinitionKey": str(instance.definition.key),
        "processInstanceKey": str(instance.key),
        "rootProcessInstanceKey": _root_key(instance),
        "elementInstanceKey": str(ei.key),
        "jobKey": str(incident.job.key) if incident.job is not None else None,
    }


def variable_view(variable: Variable, *, truncate: bool = False) -> Body:
    """VariableResult (full value) or VariableSearchResult (maybe truncated)."""
    text = json.dumps(variable.value, separators=(",", ":"), ensure_ascii=False)
    truncated = truncate and len(text) > TRUNCATE_AT
    body: Body = {
        "name": variable.name,
        "tenantId": variable.tenant_id,
        "variableKey": str(variable.key),
        "scopeKey": str(variable.scope_key),
        "processInstanceKey": str(variable.process_instance_key),
        "rootProcessInstanceKey": str(variable.process_instance_key),
        "value": text[:TRUNCATE_AT] if truncated else text,
    }
    if truncate:
        body["isTruncated"] = truncated
    return body


def user_task_view(task: UserTask) -> Body:
    """UserTaskResult."""
    ei = task.element_instance
    instance = ei.instance
    definition = instance.definition
    return {
        "name": ei.element.name if ei.element is not None else None,
        "state": task.state,
        "assignee": task.assignee,
        "elementId": ei.element_id,
        "candidateGroups": list(task.candidate_groups),
        "candidateUsers": list(task.candidate_users),
        "processDefinitionId": definition.process.id,
        "creationDate": iso(task.created_ms),
        "completionDate": iso(task.completed_ms),
        "followUpDate": task.follow_up_date,
        "dueDate": task.due_date,
        "tenantId": instance.tenant_id,
        "externalFormReference": task.external_form_reference,
        "processDefinitionVersion": definition.version,
        "customHeaders": dict(task.custom_headers),
        "priority": task.priority,
        "userTaskKey": str(task.key),
        "elementInstanceKey": str(ei.key),
        "processName": definition.process.name,
        "processDefinitionKey": str(definition.key),
        "processInstanceKey": str(instance.key),
        "rootProcessInstanceKey": _root_key(instance),
        "businessId": instance.business_id,
        "formKey": str(task.form_key) if task.form_key is not None else None,
        "tags": list(instance.tags),
    }


def subscription_view(sub: Subscription) -> Body:
    """MessageSubscriptionResult."""
    ei = sub.element_instance
    instance = ei.instance
    definition = instance.definition
    return {
        "messageSubscriptionKey": str(sub.key),
        "processDefinitionId": definition.process.id,
        "processDefinitionKey": str(definition.key),
        "processInstanceKey": str(instance.key),
        "rootProcessInstanceKey": _root_key(instance),
        "elementId": sub.element.id,
        "elementInstanceKey": str(ei.key),
        "messageSubscriptionState": sub.state,
        "lastUpdatedDate": iso(sub.updated_ms or sub.created_ms),
        "messageName": sub.name,
        "correlationKey": sub.correlation_key,
        "messageSubscriptionType": "PROCESS_EVENT",
        "toolProperties": {},
        "processDefinitionName": definition.process.name,
        "processDefinitionVersion": definition.version,
        "toolName": None,
        "inboundConnectorType": None,
        "tenantId": sub.tenant_id,
    }


def render(record: Any) -> Body:
    """Render any tracked record as its wire view."""
    if isinstance(record, ProcessInstance):
        return process_instance_view(record)
    if isinstance(record, ElementInstance):
        return element_instance_view(record)
    if isinstance(record, Job):
        return job_view(record)
    if isinstance(record, Incident):
        return incident_view(record)
    if isinstance(record, Variable):
        return variable_view(record)
    if isinstance(record, UserTask):
        return user_task_view(record)
    assert isinstance(record, Subscription)
    return subscription_view(record)

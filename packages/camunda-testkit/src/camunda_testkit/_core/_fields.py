"""Search field maps per entity: every spec-valid filter and sort property."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from camunda_testkit._search import Field

__all__ = [
    "element_instance_fields",
    "INCIDENT_FIELDS",
    "JOB_FIELDS",
    "MESSAGE_SUBSCRIPTION_FIELDS",
    "process_definition_fields",
    "VARIABLE_FIELDS",
    "Related",
    "process_instance_fields",
    "user_task_fields",
]

Row = Mapping[str, Any]

_PI_STATES = ("ACTIVE", "COMPLETED", "SUSPENDED", "TERMINATED")
_EI_STATES = ("ACTIVE", "COMPLETED", "TERMINATED")
_INCIDENT_STATES = ("ACTIVE", "MIGRATED", "PENDING", "RESOLVED", "UNKNOWN")
_JOB_STATES = (
    "CANCELED",
    "COMPLETED",
    "CREATED",
    "ERROR_THROWN",
    "FAILED",
    "MIGRATED",
    "PRIORITY_UPDATED",
    "RETRIES_UPDATED",
    "TIMEOUT_UPDATED",
    "TIMED_OUT",
)
_USER_TASK_STATES = (
    "CREATING",
    "CREATED",
    "ASSIGNING",
    "UPDATING",
    "COMPLETING",
    "COMPLETED",
    "CANCELING",
    "CANCELED",
    "FAILED",
)


class Related:
    """Lookups from one row to related rows of the same (lagged) snapshot."""

    def __init__(
        self,
        variables: Sequence[Row],
        elements: Sequence[Row],
        incidents: Sequence[Row],
        jobs: Sequence[Row] = (),
    ) -> None:
        self.root_variables: dict[str, dict[str, Any]] = {}
        self.scope_variables: dict[str, dict[str, Any]] = {}
        for var in variables:
            scope = self.scope_variables.setdefault(var["scopeKey"], {})
            scope[var["name"]] = var["value"]
            if var["scopeKey"] == var["processInstanceKey"]:
                root = self.root_variables.setdefault(var["processInstanceKey"], {})
                root[var["name"]] = var["value"]
        self.elements: dict[str, list[Row]] = {}
        for element in elements:
            self.elements.setdefault(element["processInstanceKey"], []).append(element)
        self.incidents: dict[str, list[Row]] = {}
        for incident in incidents:
            if incident["state"] == "ACTIVE":
                self.incidents.setdefault(incident["processInstanceKey"], []).append(
                    incident
                )

        self.retrying: set[str] = {
            job["processInstanceKey"]
            for job in jobs
            if job["hasFailedWithRetriesLeft"] and job["state"] == "FAILED"
        }

    def has_retries_left(self, row: Row, condition: Any) -> bool:
        """A matcher: the instance has a failed job that will be retried."""
        retrying = row["processInstanceKey"] in self.retrying
        return Field.boolean().matches(retrying, condition, "hasRetriesLeft")

    def any_element(self, prop: str, field: Field) -> Callable[[Row, Any], bool]:
        """A matcher: some element instance of the row's instance matches."""

        def match(row: Row, condition: Any) -> bool:
            elements = self.elements.get(row["processInstanceKey"], [])
            return any(field.matches(e[prop], condition, prop) for e in elements)

        return match

    def any_incident_message(self, row: Row, condition: Any) -> bool:
        """A matcher on the error messages of the instance's active incidents."""
        incidents = self.incidents.get(row["processInstanceKey"], [])
        text = Field.string()
        return any(text.matches(i["errorMessage"], condition) for i in incidents)


def process_instance_fields(related: Related) -> dict[str, Field]:
    """The ProcessInstanceFilter / sort map."""
    return {
        "processInstanceKey": Field.key(),
        "processDefinitionId": Field.string(),
        "processDefinitionName": Field.string(),
        "processDefinitionVersion": Field.integer(),
        "processDefinitionVersionTag": Field.string(),
        "processDefinitionKey": Field.key(),
        "parentProcessInstanceKey": Field.key(),
        "parentElementInstanceKey": Field.key(),
        "startDate": Field.datetime(),
        "endDate": Field.datetime(),
        "suspendedDate": Field.datetime(),
        "state": Field.enum(*_PI_STATES),
        "hasIncident": Field.boolean(),
        "tenantId": Field.string(),
        "businessId": Field.string(),
        "tags": Field.tags(),
        "variables": Field.variables(
            lambda row: related.root_variables.get(row["processInstanceKey"], {})
        ),
        "elementId": Field.custom(related.any_element("elementId", Field.string())),
        "elementInstanceState": Field.custom(
            related.any_element("state", Field.enum(*_EI_STATES))
        ),
        "hasElementInstanceIncident": Field.custom(
            related.any_element("hasIncident", Field.boolean())
        ),
        "errorMessage": Field.custom(related.any_incident_message),
        "hasRetriesLeft": Field.custom(related.has_retries_left),
        # TODO(batch operations and incident hash codes in the dev engine)
        "batchOperationId": Field.ignored(),
        "batchOperationKey": Field.ignored(),
        "incidentErrorHashCode": Field.ignored(),
    }


JOB_FIELDS: dict[str, Field] = {
    "jobKey": Field.key(),
    "type": Field.string(),
    "worker": Field.string(),
    "state": Field.enum(*_JOB_STATES),
    "kind": Field.enum("BPMN_ELEMENT", "EXECUTION_LISTENER", "TASK_LISTENER"),
    "listenerEventType": Field.enum(),
    "processDefinitionId": Field.string(),
    "processDefinitionKey": Field.key(),
    "processInstanceKey": Field.key(),
    "elementId": Field.string(),
    "elementInstanceKey": Field.key(),
    "tenantId": Field.string(),
    "retries": Field.integer(),
    "priority": Field.integer(),
    "deadline": Field.datetime(),
    "endTime": Field.datetime(),
    "creationTime": Field.datetime(),
    "lastUpdateTime": Field.datetime(),
    "errorCode": Field.string(),
    "errorMessage": Field.string(),
    "hasFailedWithRetriesLeft": Field.boolean(),
    "isDenied": Field.boolean(),
    "deniedReason": Field.string(),
}

INCIDENT_FIELDS: dict[str, Field] = {
    "incidentKey": Field.key(),
    "processDefinitionId": Field.string(),
    "processDefinitionKey": Field.key(),
    "processInstanceKey": Field.key(),
    "errorType": Field.enum(),
    "errorMessage": Field.string(),
    "elementId": Field.string(),
    "elementInstanceKey": Field.key(),
    "creationTime": Field.datetime(),
    "state": Field.enum(*_INCIDENT_STATES),
    "tenantId": Field.string(),
    "jobKey": Field.key(),
}

VARIABLE_FIELDS: dict[str, Field] = {
    "name": Field.string(),
    "value": Field.json_text(),
    "tenantId": Field.string(),
    "isTruncated": Field.boolean(),
    "variableKey": Field.key(),
    "scopeKey": Field.key(),
    "processInstanceKey": Field.key(),
}


def user_task_fields(related: Related) -> dict[str, Field]:
    """The UserTaskFilter / sort map."""
    return {
        "userTaskKey": Field.key(),
        "state": Field.enum(*_USER_TASK_STATES),
        "assignee": Field.string(),
        "businessId": Field.string(),
        "priority": Field.integer(),
        "elementId": Field.string(),
        "name": Field.string(),
        "candidateGroup": Field.string(source="candidateGroups", many=True),
        "candidateUser": Field.string(source="candidateUsers", many=True),
        "tenantId": Field.string(),
        "processDefinitionId": Field.string(),
        "processDefinitionKey": Field.key(),
        "processInstanceKey": Field.key(),
        "elementInstanceKey": Field.key(),
        "creationDate": Field.datetime(),
        "completionDate": Field.datetime(),
        "followUpDate": Field.datetime(),
        "dueDate": Field.datetime(),
        "tags": Field.tags(),
        "processInstanceVariables": Field.variables(
            lambda row: related.root_variables.get(row["processInstanceKey"], {})
        ),
        "localVariables": Field.variables(
            lambda row: related.scope_variables.get(row["elementInstanceKey"], {})
        ),
    }


def element_instance_fields(scope_of: Mapping[str, str]) -> dict[str, Field]:
    """The ElementInstanceFilter / sort map; ``scope_of`` maps key -> scope key."""
    return {
        **_ELEMENT_INSTANCE_FIELDS,
        "elementInstanceScopeKey": Field.key(
            lambda row: scope_of.get(row["elementInstanceKey"]), sortable=False
        ),
    }


_ELEMENT_INSTANCE_FIELDS: dict[str, Field] = {
    "elementInstanceKey": Field.key(),
    "processInstanceKey": Field.key(),
    "processDefinitionKey": Field.key(),
    "processDefinitionId": Field.string(),
    "elementId": Field.string(),
    "elementName": Field.string(),
    "type": Field.enum(),
    "state": Field.enum(*_EI_STATES),
    "hasIncident": Field.boolean(),
    "tenantId": Field.string(),
    "incidentKey": Field.key(),
    "startDate": Field.datetime(),
    "endDate": Field.datetime(),
}


def process_definition_fields(latest: set[str]) -> dict[str, Field]:
    """The ProcessDefinitionFilter / sort map; ``latest`` holds latest keys."""

    def is_latest(row: Row, condition: Any) -> bool:
        flag = row["processDefinitionKey"] in latest
        return Field.boolean().matches(flag, condition, "isLatestVersion")

    return {**_PROCESS_DEFINITION_FIELDS, "isLatestVersion": Field.custom(is_latest)}


_PROCESS_DEFINITION_FIELDS: dict[str, Field] = {
    "processDefinitionKey": Field.key(),
    "processDefinitionId": Field.string(),
    "name": Field.string(),
    "resourceName": Field.string(),
    "version": Field.integer(),
    "versionTag": Field.string(),
    "tenantId": Field.string(),
    "hasStartForm": Field.boolean(),
    "state": Field.enum("ACTIVE", "DRAINING", "DELETED"),
}

MESSAGE_SUBSCRIPTION_FIELDS: dict[str, Field] = {
    "messageSubscriptionKey": Field.key(),
    "processDefinitionKey": Field.key(),
    "processDefinitionId": Field.string(),
    "processDefinitionName": Field.string(),
    "processDefinitionVersion": Field.integer(),
    "processInstanceKey": Field.key(),
    "elementId": Field.string(),
    "elementInstanceKey": Field.key(),
    "messageSubscriptionState": Field.enum(
        "CORRELATED", "CREATED", "DELETED", "MIGRATED"
    ),
    "messageSubscriptionType": Field.enum("START_EVENT", "PROCESS_EVENT"),
    "lastUpdatedDate": Field.datetime(),
    "messageName": Field.string(),
    "correlationKey": Field.string(),
    "tenantId": Field.string(),
    "toolName": Field.string(),
    "inboundConnectorType": Field.string(),
}

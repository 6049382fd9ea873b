"""The job as a handler sees it."""

from __future__ import annotations

import logging
import pickle

import pytest
from camunda_worker import JobContext, JobVariables

WIRE = {
    "jobKey": "2251799813685255",
    "type": "charge-card",
    "retries": 3,
    "deadline": 1733300000000,
    "worker": "w1",
    "processInstanceKey": "2251799813685251",
    "processDefinitionKey": "2251799813685249",
    "processDefinitionId": "order",
    "processDefinitionVersion": 2,
    "rootProcessInstanceKey": None,
    "elementId": "Task_Charge",
    "elementInstanceKey": "2251799813685254",
    "tenantId": "<default>",
    "physicalTenantId": "default",
    "kind": "BPMN_ELEMENT",
    "listenerEventType": "UNSPECIFIED",
    "userTask": None,
    "tags": ["vip"],
    "businessId": None,
    "priority": 50,
    "leaseToken": None,
    "variables": {"amount": 120, "customer": {"id": "c-9"}},
    "customHeaders": {"currency": "EUR"},
}


def test_fields_are_snake_case() -> None:
    """Every wire field is there in snake_case, keys as strings."""
    job = JobContext.from_job(WIRE)

    assert (
        "2251799813685255",
        "charge-card",
        3,
        "2251799813685251",
        "Task_Charge",
        "<default>",
    ) == (
        job.job_key,
        job.type_,
        job.retries,
        job.process_instance_key,
        job.element_id,
        job.tenant_id,
    )
    assert ("vip",) == job.tags
    assert 2 == job.process_definition_version


def test_variables_and_headers_read_like_a_dict() -> None:
    """Variables and custom_headers allow [], get, in, iteration and to_dict."""
    job = JobContext.from_job(WIRE)

    assert 120 == job.variables["amount"]
    assert "none" == job.variables.get("missing", "none")
    assert "customer" in job.variables
    assert ["amount", "customer"] == list(job.variables)
    assert {"amount": 120, "customer": {"id": "c-9"}} == job.variables.to_dict()
    assert "EUR" == job.custom_headers["currency"]
    with pytest.raises(KeyError):
        job.variables["missing"]


def test_to_dict_copies_the_variables() -> None:
    """to_dict returns a copy; changing it leaves the job alone."""
    variables = JobVariables({"a": 1})

    copy = variables.to_dict()
    copy["a"] = 2

    assert 1 == variables["a"]


def test_context_to_dict_has_plain_values() -> None:
    """JobContext.to_dict gives snake_case keys and plain dicts."""
    data = JobContext.from_job(WIRE).to_dict()

    assert {"currency": "EUR"} == data["custom_headers"]
    assert "charge-card" == data["type_"]
    assert "log" not in data
    assert "client" not in data


def test_log_is_bound_to_job_type_and_key(caplog: pytest.LogCaptureFixture) -> None:
    """job.log prefixes messages with the job type and key."""
    logger = logging.getLogger("test.worker.context")
    job = JobContext.from_job(WIRE, logger)

    with caplog.at_level(logging.INFO, logger="test.worker.context"):
        job.log.info("charged %d", 120)

    assert [
        "[job_type=charge-card job_key=2251799813685255] charged 120"
    ] == caplog.messages


def test_context_pickles_for_the_process_strategy() -> None:
    """A context without client survives pickling with its variables."""
    job = JobContext.from_job(WIRE).without_client()

    copy = pickle.loads(pickle.dumps(job))

    assert job == copy
    assert {"amount": 120, "customer": {"id": "c-9"}} == copy.variables.to_dict()

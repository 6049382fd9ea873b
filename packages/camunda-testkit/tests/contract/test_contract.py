from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from camunda_testkit.contract import SpecContract

PAGE_EMPTY = {
    "totalItems": 0,
    "hasMoreTotalItems": False,
    "startCursor": None,
    "endCursor": None,
}
NO_MESSAGES: list[str] = []

SMALL_SPEC = {
    "openapi": "3.0.3",
    "paths": {
        "/things": {
            "post": {
                "operationId": "createThing",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Thing"}
                        }
                    },
                },
                "responses": {"204": {"description": "done"}},
            }
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "nullable": True},
                    "kind": {"type": "string", "enum": ["BIG", "SMALL"]},
                },
            }
        }
    },
}


def _process_instance(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "processDefinitionId": "order_1",
        "processDefinitionName": None,
        "processDefinitionVersion": 1,
        "processDefinitionVersionTag": None,
        "startDate": "2026-01-01T00:00:00.000Z",
        "endDate": None,
        "state": "ACTIVE",
        "hasIncident": False,
        "tenantId": "<default>",
        "processInstanceKey": "2251799813685249",
        "processDefinitionKey": "2251799813685250",
        "parentProcessInstanceKey": None,
        "parentElementInstanceKey": None,
        "rootProcessInstanceKey": None,
        "tags": [],
        "businessId": None,
        "suspendedDate": None,
    }
    return item | changes


def _activated_job(**changes: Any) -> dict[str, Any]:
    job: dict[str, Any] = {
        "type": "payment",
        "processDefinitionId": "order_1",
        "processDefinitionVersion": 1,
        "elementId": "charge",
        "customHeaders": {},
        "worker": "w1",
        "retries": 3,
        "deadline": 1767225600000,
        "variables": {"total": 12},
        "tenantId": "<default>",
        "physicalTenantId": "default",
        "jobKey": "2251799813685255",
        "processInstanceKey": "2251799813685251",
        "processDefinitionKey": "2251799813685250",
        "elementInstanceKey": "2251799813685254",
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "userTask": None,
        "tags": [],
        "rootProcessInstanceKey": None,
        "businessId": None,
        "priority": 0,
        "leaseToken": None,
    }
    return job | changes


class TestPublicSurface:
    def test_all(self) -> None:
        """The contract module exports exactly SpecContract."""
        import camunda_testkit.contract as module

        expected = ["SpecContract"]

        assert expected == module.__all__


class TestLoading:
    def test_operation_count(self, contract: SpecContract) -> None:
        """The spec defines 241 operations."""
        expected = 241

        actual = len(contract.operation_ids)

        assert expected == actual

    def test_load_is_cached_per_path(self, contract: SpecContract) -> None:
        """Loading the same file twice returns the same contract."""
        path = SpecContract.default_path()
        assert path is not None

        actual = SpecContract.load(path)

        assert contract is actual

    def test_operation_method_and_path(self, contract: SpecContract) -> None:
        """An operation reports its method and path template."""
        expected = ("POST", "/jobs/{jobKey}/completion")

        actual = contract.operation("completeJob")

        assert expected == actual

    def test_unknown_operation_raises(self, contract: SpecContract) -> None:
        """An unknown operationId raises KeyError naming it."""
        with pytest.raises(KeyError, match="noSuchOperation"):
            contract.validate_request("noSuchOperation", {})


class TestSmallSpec:
    @pytest.fixture
    def small(self, tmp_path: Path) -> SpecContract:
        path = tmp_path / "spec.json"
        path.write_text(json.dumps(SMALL_SPEC), encoding="utf-8")
        return SpecContract.load(path)

    def test_operations(self, small: SpecContract) -> None:
        """A spec loaded from any path lists its own operations."""
        expected = ["createThing"]

        actual = small.operation_ids

        assert expected == actual

    def test_nullable_and_enum_casing(self, small: SpecContract) -> None:
        """Nullable fields accept null and request enums accept any casing."""
        expected = NO_MESSAGES

        actual = small.validate_request("createThing", {"name": None, "kind": "small"})

        assert expected == actual

    def test_bad_enum_member(self, small: SpecContract) -> None:
        """An unknown enum member is named by its path and the allowed members."""
        expected = ["$.kind: expected one of ['BIG', 'SMALL'] in any casing"]

        actual = small.validate_request("createThing", {"name": "a", "kind": "medium"})

        assert expected == actual

    def test_missing_body(self, small: SpecContract) -> None:
        """A required body that is absent is reported."""
        expected = ["$: a request body is required"]

        actual = small.validate_request("createThing", None)

        assert expected == actual

    def test_sample(self, small: SpecContract) -> None:
        """The sample holds only the required field."""
        expected = {"name": "sample"}

        actual = small.sample_request("createThing")

        assert expected == actual


class TestRequests:
    @pytest.mark.parametrize(
        ("operation_id", "body"),
        [
            (
                "activateJobs",
                {
                    "type": "payment",
                    "timeout": 30000,
                    "maxJobsToActivate": 5,
                    "worker": "w1",
                    "fetchVariable": ["a"],
                    "requestTimeout": -1,
                    "tenantIds": ["<default>"],
                },
            ),
            ("searchProcessInstances", {"page": {"limit": 10}}),
            (
                "searchProcessInstances",
                {
                    "filter": {
                        "processInstanceKey": {"$in": ["2251799813685249"]},
                        "state": "active",
                        "$or": [{"processDefinitionId": "order_1"}],
                    },
                    "sort": [{"field": "startDate", "order": "desc"}],
                    "page": {"from": 0, "limit": 5},
                },
            ),
            ("searchJobs", {"page": {"after": "WzFd", "limit": 5}}),
            ("createProcessInstance", {"processDefinitionId": "order-process"}),
            ("createProcessInstance", {"processDefinitionKey": "2251799813685249"}),
            ("completeJob", {"variables": {"total": 12}}),
        ],
    )
    def test_accepted(
        self, contract: SpecContract, operation_id: str, body: dict[str, Any]
    ) -> None:
        """Valid request bodies give no messages."""
        expected = NO_MESSAGES

        actual = contract.validate_request(operation_id, body)

        assert expected == actual

    @pytest.mark.parametrize(
        ("operation_id", "body", "expected"),
        [
            (
                "activateJobs",
                {"type": "payment", "maxJobsToActivate": 5},
                ["$: 'timeout' is a required property"],
            ),
            (
                "activateJobs",
                {"type": "payment", "timeout": 1, "maxJobsToActivate": 5, "bogus": 1},
                ["$: Additional properties are not allowed ('bogus' was unexpected)"],
            ),
            (
                "createProcessInstance",
                {"processDefinitionId": "1bad"},
                ["$.processDefinitionId: does not match pattern ^[^\\W\\d][\\w\\-.]*$"],
            ),
            (
                "searchJobs",
                {"filter": {"jobKey": 2251799813685249}},
                ["$.filter.jobKey: expected type object or string"],
            ),
            ("failJob", {"retries": "three"}, ["$.retries: expected type integer"]),
            (
                "searchProcessInstances",
                {"filter": {"state": "bogus"}},
                [
                    (
                        "$.filter.state: expected one of ['ACTIVE', 'COMPLETED', "
                        "'SUSPENDED', 'TERMINATED'] in any casing"
                    )
                ],
            ),
            (
                "searchProcessInstances",
                {"filter": {"state": {"$in": ["ACTIVE", 7]}}},
                ["$.filter.state['$in'][1]: expected type string"],
            ),
            (
                "searchProcessInstances",
                {"page": {"limit": 0}},
                ["$.page.limit: violates minimum 1"],
            ),
            (
                "activateJobs",
                {"type": "a", "timeout": 1, "maxJobsToActivate": 2**31},
                ["$.maxJobsToActivate: expected format int32"],
            ),
        ],
    )
    def test_rejected(
        self,
        contract: SpecContract,
        operation_id: str,
        body: dict[str, Any],
        expected: list[str],
    ) -> None:
        """Invalid request bodies give one message per problem, naming the path."""
        actual = contract.validate_request(operation_id, body)

        assert expected == actual

    def test_messages_never_echo_values(self, contract: SpecContract) -> None:
        """A rejected secret value does not appear in the messages."""
        body = {"username": "demo", "password": ["hunter2"], "name": "d", "email": "x"}
        expected = ["$.password: expected type string"]

        actual = contract.validate_request("createUser", body)

        assert expected == actual

    def test_body_for_bodyless_operation(self, contract: SpecContract) -> None:
        """A body sent to an operation without one is reported."""
        expected = ["$: the operation takes no request body"]

        actual = contract.validate_request("getTopology", {"a": 1})

        assert expected == actual

    def test_multipart_missing_part(self, contract: SpecContract) -> None:
        """A multipart body without its required part is reported."""
        expected = ["$: missing required part 'resources'"]

        actual = contract.validate_request("createDeployment", {})

        assert expected == actual

    def test_multipart_complete(self, contract: SpecContract) -> None:
        """A multipart body with its required part is accepted."""
        expected = NO_MESSAGES

        actual = contract.validate_request(
            "createDeployment", {"resources": [b"<xml/>"]}
        )

        assert expected == actual

    def test_request_schema_is_self_contained(self, contract: SpecContract) -> None:
        """request_schema carries its definitions and points into them."""
        expected = "#/$defs/JobActivationRequest"

        schema = contract.request_schema("activateJobs")

        assert schema is not None
        assert expected == schema["$ref"]
        assert "JobActivationRequest" in schema["$defs"]

    def test_no_request_schema(self, contract: SpecContract) -> None:
        """An operation without a body has no request schema."""
        actual = contract.request_schema("getTopology")

        assert actual is None


class TestSamples:
    def test_every_json_sample_is_valid(self, contract: SpecContract) -> None:
        """sample_request is valid for every operation with a request body."""
        expected_invalid: dict[str, list[str]] = {}
        expected_count = 129
        invalid: dict[str, list[str]] = {}
        count = 0

        for operation_id in contract.operation_ids:
            sample = contract.sample_request(operation_id)
            if sample is None:
                continue
            count += 1
            messages = contract.validate_request(operation_id, sample)
            if messages:
                invalid[operation_id] = messages

        assert expected_invalid == invalid
        assert expected_count == count

    @pytest.mark.parametrize(
        ("operation_id", "expected"),
        [
            ("createProcessInstance", {"processDefinitionKey": "2251799813685249"}),
            ("activateJobs", {"type": "sample", "timeout": 1, "maxJobsToActivate": 1}),
            ("searchProcessInstances", {}),
            ("getTopology", None),
            ("createDeployment", {"resources": []}),
            ("createTenant", {"tenantId": "<default>", "name": "sample"}),
            ("pinClock", {"timestamp": 1}),
        ],
    )
    def test_sample_values(
        self, contract: SpecContract, operation_id: str, expected: Any
    ) -> None:
        """Samples hold only required fields, with pattern-safe values."""
        actual = contract.sample_request(operation_id)

        assert expected == actual


class TestResponses:
    def test_empty_search_page(self, contract: SpecContract) -> None:
        """A search result with null cursors is valid."""
        expected = NO_MESSAGES

        actual = contract.validate_response(
            "searchProcessInstances", 200, {"items": [], "page": PAGE_EMPTY}
        )

        assert expected == actual

    def test_full_item(self, contract: SpecContract) -> None:
        """A process instance with every required key, nulls included, is valid."""
        expected = NO_MESSAGES

        actual = contract.validate_response(
            "getProcessInstance", 200, _process_instance()
        )

        assert expected == actual

    def test_activation_with_nullable_fields(self, contract: SpecContract) -> None:
        """An activated job whose nullable fields are null is valid."""
        expected = NO_MESSAGES

        actual = contract.validate_response(
            "activateJobs", 200, {"jobs": [_activated_job()]}
        )

        assert expected == actual

    def test_activation_with_numeric_key(self, contract: SpecContract) -> None:
        """A numeric jobKey in an activated job is reported."""
        expected = ["$.jobs[0].jobKey: expected type string"]

        actual = contract.validate_response(
            "activateJobs", 200, {"jobs": [_activated_job(jobKey=2251799813685255)]}
        )

        assert expected == actual

    def test_missing_required_field(self, contract: SpecContract) -> None:
        """A page without endCursor is reported at its path."""
        page = {k: v for k, v in PAGE_EMPTY.items() if k != "endCursor"}
        expected = ["$.page: 'endCursor' is a required property"]

        actual = contract.validate_response(
            "searchProcessInstances", 200, {"items": [], "page": page}
        )

        assert expected == actual

    def test_no_content(self, contract: SpecContract) -> None:
        """A 204 without a body is valid."""
        expected = NO_MESSAGES

        actual = contract.validate_response("completeJob", 204, None)

        assert expected == actual

    def test_unexpected_content(self, contract: SpecContract) -> None:
        """A 204 with a body is reported."""
        expected = ["$: expected no body"]

        actual = contract.validate_response("completeJob", 204, {"a": 1})

        assert expected == actual

    def test_problem_detail_for_undocumented_error(
        self, contract: SpecContract
    ) -> None:
        """An undocumented 404 is checked against ProblemDetail."""
        problem = {
            "type": "about:blank",
            "title": "NOT_FOUND",
            "status": "404",
            "detail": "no such definition",
            "instance": "/v2/process-instances",
        }
        expected = ["$.status: expected type integer"]

        actual = contract.validate_response("createProcessInstance", 404, problem)

        assert expected == actual

    def test_undocumented_success_status(self, contract: SpecContract) -> None:
        """An undocumented 2xx status is reported."""
        expected = ["$: status 201 is not documented for createProcessInstance"]

        actual = contract.validate_response("createProcessInstance", 201, {})

        assert expected == actual

    def test_response_enum_is_case_sensitive(self, contract: SpecContract) -> None:
        """Responses need the canonical enum casing."""
        expected = [
            (
                "$.state: expected one of "
                "['ACTIVE', 'COMPLETED', 'SUSPENDED', 'TERMINATED']"
            )
        ]

        actual = contract.validate_response(
            "getProcessInstance", 200, _process_instance(state="active")
        )

        assert expected == actual

    def test_date_time_format(self, contract: SpecContract) -> None:
        """Date-times must carry a zone offset."""
        expected = ["$.startDate: expected format date-time"]

        actual = contract.validate_response(
            "getProcessInstance", 200, _process_instance(startDate="2026-01-01")
        )

        assert expected == actual


class TestFindOperation:
    @pytest.mark.parametrize(
        ("method", "path", "expected"),
        [
            ("POST", "/v2/jobs/123/completion", "completeJob"),
            ("post", "/v2/jobs/search", "searchJobs"),
            ("GET", "/v2/topology", "getTopology"),
            ("GET", "/cluster-1/v2/topology?x=1", "getTopology"),
            ("GET", "/v2/process-instances/2251799813685249", "getProcessInstance"),
            ("POST", "/v2/process-instances/search", "searchProcessInstances"),
            ("GET", "/cluster/v2/topology", "getClusterTopology"),
            ("DELETE", "/v2/jobs/search", None),
            ("GET", "/v2/nothing/here", None),
        ],
    )
    def test_match(
        self, contract: SpecContract, method: str, path: str, expected: str | None
    ) -> None:
        """Concrete paths map to their operationId, literals before parameters."""
        actual = contract.find_operation(method, path)

        assert expected == actual


class TestSampleParameters:
    def test_path_parameters(self, contract: SpecContract) -> None:
        """Path parameters are sampled from their schemas."""
        expected = {"path": {"jobKey": "2251799813685249"}, "query": {}}

        actual = contract.sample_parameters("completeJob")

        assert expected == actual

    def test_sample_path(self, contract: SpecContract) -> None:
        """sample_path fills the template with the sampled values."""
        expected = "/jobs/2251799813685249/completion"

        actual = contract.sample_path("completeJob")

        assert expected == actual

    def test_every_sample_path_finds_its_operation(
        self, contract: SpecContract
    ) -> None:
        """find_operation maps every operation's sample path back to it."""
        expected: dict[str, str | None] = {}
        mismatched: dict[str, str | None] = {}

        for operation_id in contract.operation_ids:
            method, template = contract.operation(operation_id)
            path = contract.sample_path(operation_id)
            url = path if template.startswith("/cluster/") else "/v2" + path
            found = contract.find_operation(method, url)
            if found != operation_id:
                mismatched[operation_id] = found

        assert expected == mismatched

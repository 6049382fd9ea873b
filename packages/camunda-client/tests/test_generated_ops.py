from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import attrs
import httpx
import pytest
from camunda_client._generated import _operations as ops
from camunda_client._generated import _support as _s
from camunda_client._generated._async_ops import AsyncOperations
from camunda_client._generated._sync_ops import SyncOperations
from camunda_client._runtime._consistency import ConsistencyOptions
from camunda_client._runtime._operation import Operation, Parser
from camunda_client.models import (
    JobActivationRequest,
    JobActivationResult,
    JobCompletionRequest,
    ProcessInstanceFilter,
    ProcessInstanceSearchQuery,
    TopologyResponse,
)
from camunda_client.types import File


@attrs.define
class Sent:
    """The arguments one generated method handed to `_call`."""

    op: Operation
    path_params: Any
    query: Any
    json: Any
    files: Any
    form: Any
    consistency: Any


class FakeSync(SyncOperations):
    """Records every `_call` and answers with a scripted httpx response."""

    def __init__(self, reply: httpx.Response | None = None) -> None:
        self.sent: list[Sent] = []
        self.reply = reply or httpx.Response(204)
        self.pages: list[dict[str, Any]] = []

    def _call(
        self,
        op: Operation,
        parse: Parser[Any],
        *,
        path_params: Any = None,
        query: Any = None,
        json: Any = None,
        files: Any = None,
        form: Any = None,
        consistency: Any = None,
    ) -> Any:
        self.sent.append(Sent(op, path_params, query, json, files, form, consistency))
        return parse(self.reply)

    def _paginate(
        self,
        op: Operation,
        parse_page: Parser[Any],
        *,
        json: Mapping[str, Any] | None,
        path_params: Any = None,
        query: Any = None,
        page_size: int | None = None,
    ) -> Iterator[Any]:
        self.sent.append(Sent(op, path_params, page_size, json, None, None, None))
        for page in self.pages:
            yield from parse_page(httpx.Response(200, json=page)).items


class FakeAsync(AsyncOperations):
    """The async twin of FakeSync."""

    def __init__(self, reply: httpx.Response | None = None) -> None:
        self.sent: list[Sent] = []
        self.reply = reply or httpx.Response(204)
        self.pages: list[dict[str, Any]] = []

    async def _call(
        self,
        op: Operation,
        parse: Parser[Any],
        *,
        path_params: Any = None,
        query: Any = None,
        json: Any = None,
        files: Any = None,
        form: Any = None,
        consistency: Any = None,
    ) -> Any:
        self.sent.append(Sent(op, path_params, query, json, files, form, consistency))
        return parse(self.reply)

    async def _apaginate_gen(
        self, op: Operation, parse_page: Parser[Any]
    ) -> AsyncIterator[Any]:
        for page in self.pages:
            for item in parse_page(httpx.Response(200, json=page)).items:
                yield item

    def _apaginate(
        self,
        op: Operation,
        parse_page: Parser[Any],
        *,
        json: Mapping[str, Any] | None,
        path_params: Any = None,
        query: Any = None,
        page_size: int | None = None,
    ) -> AsyncIterator[Any]:
        self.sent.append(Sent(op, path_params, page_size, json, None, None, None))
        return self._apaginate_gen(op, parse_page)


def operation_methods(cls: type) -> list[str]:
    return sorted(
        name
        for name, fn in vars(cls).items()
        if inspect.isfunction(fn)
        and not name.startswith("_")
        and not name.endswith("_iter")
    )


def test_both_mixins_have_one_method_per_operation() -> None:
    """Sync and async mixins expose the same 241 operation methods."""
    names = sorted(op.name for op in ops.ALL_OPERATIONS)

    assert 241 == len(names) == len(set(names))
    assert (
        names == operation_methods(SyncOperations) == operation_methods(AsyncOperations)
    )


def test_async_methods_are_coroutines() -> None:
    """Every async operation method is a coroutine function."""
    assert [] == [
        n
        for n in operation_methods(AsyncOperations)
        if not inspect.iscoroutinefunction(getattr(AsyncOperations, n))
    ]


def test_operation_flags_follow_the_spec() -> None:
    """Long poll, backpressure exemption and tenant fields are set where due."""
    assert (True, "tenantIds", False) == (
        ops.ACTIVATE_JOBS.long_poll,
        ops.ACTIVATE_JOBS.tenant_field,
        ops.ACTIVATE_JOBS.exempt_from_backpressure,
    )
    assert [
        "complete_job",
        "complete_user_task",
        "fail_job",
        "throw_job_error",
    ] == sorted(o.name for o in ops.ALL_OPERATIONS if o.exempt_from_backpressure)
    assert ["activate_jobs"] == [o.name for o in ops.ALL_OPERATIONS if o.long_poll]
    assert (
        "tenantId",
        "multipart",
        "none",
        "binary",
        "text",
    ) == (
        ops.CREATE_PROCESS_INSTANCE.tenant_field,
        ops.CREATE_DEPLOYMENT.body,
        ops.COMPLETE_JOB.response,
        ops.GET_DOCUMENT.response,
        ops.GET_PROCESS_DEFINITION_XML.response,
    )


def test_activate_jobs_sends_the_validated_body() -> None:
    """A dict body goes through the model and reaches _call as wire JSON."""
    client = FakeSync(httpx.Response(200, json={"jobs": []}))

    result = client.activate_jobs(
        data={"type": "t", "timeout": 1000, "maxJobsToActivate": 2, "worker": "w"}
    )

    assert JobActivationResult(jobs=[]) == result
    assert [
        Sent(
            ops.ACTIVATE_JOBS,
            None,
            None,
            {"type": "t", "timeout": 1000, "maxJobsToActivate": 2, "worker": "w"},
            None,
            None,
            None,
        )
    ] == client.sent


def test_model_body_is_sent_as_its_wire_dict() -> None:
    """A model body is serialised with to_dict."""
    client = FakeSync(httpx.Response(200, json={"jobs": []}))

    client.activate_jobs(
        data=JobActivationRequest(type_="t", timeout=5, max_jobs_to_activate=1)
    )

    assert {"type": "t", "timeout": 5, "maxJobsToActivate": 1} == client.sent[0].json


def test_wrong_model_body_is_rejected() -> None:
    """Passing another operation's model raises TypeError before sending."""
    client = FakeSync()

    with pytest.raises(
        TypeError, match="expected JobActivationRequest, got JobCompletionRequest"
    ):
        client.activate_jobs(data=JobCompletionRequest())  # type: ignore[arg-type]

    assert [] == client.sent


def test_invalid_dict_body_is_rejected_before_sending() -> None:
    """A dict with a typo fails in the client, naming model and field."""
    client = FakeSync()

    with pytest.raises(ValueError, match="unknown field"):
        client.complete_job(1, data={"variabels": {}})

    assert [] == client.sent


def test_complete_job_converts_int_key_and_returns_none() -> None:
    """Path keys given as int become strings; 204 gives None."""
    client = FakeSync()

    result = client.complete_job(9007199254740993, data={"variables": {"a": 1}})

    assert result is None
    assert [
        Sent(
            ops.COMPLETE_JOB,
            {"jobKey": "9007199254740993"},
            None,
            {"variables": {"a": 1}},
            None,
            None,
            None,
        )
    ] == client.sent


def test_optional_body_may_be_omitted() -> None:
    """An operation with an optional body sends no JSON when data is None."""
    client = FakeSync()

    client.fail_job("1")

    assert (None, {"jobKey": "1"}) == (client.sent[0].json, client.sent[0].path_params)


def test_get_topology_parses_the_model() -> None:
    """A JSON response is decoded into the response model."""
    wire = {
        "brokers": [],
        "clusterId": None,
        "clusterSize": 1,
        "partitionsCount": 1,
        "replicationFactor": 1,
        "gatewayVersion": "8.10.0",
        "lastCompletedChangeId": "-1",
    }
    client = FakeSync(httpx.Response(200, json=wire))

    topology = client.get_topology()

    assert isinstance(topology, TopologyResponse)
    assert wire == topology.to_dict()


def test_query_parameters_are_sent_when_set() -> None:
    """Unset query parameters are left out; booleans become true/false."""
    client = FakeSync(httpx.Response(200, json={"items": [], "page": {}}))

    client.search_variables(data={}, truncate_values=False)
    client.search_variables(data={})

    assert [{"truncateValues": "false"}, None] == [s.query for s in client.sent]


def test_eventually_consistent_reads_pass_consistency() -> None:
    """The consistency options reach _call unchanged."""
    client = FakeSync(httpx.Response(200, json={"items": [], "page": {}}))
    options = ConsistencyOptions(wait_up_to_ms=1000)

    client.search_process_instances(data={}, consistency=options)

    assert (True, options) == (
        ops.SEARCH_PROCESS_INSTANCES.eventually_consistent,
        client.sent[0].consistency,
    )


def test_text_response_with_204_alternative() -> None:
    """The XML read returns the XML text, or None on 204."""
    xml = FakeSync(httpx.Response(200, text="<definitions/>"))
    empty = FakeSync(httpx.Response(204))

    assert ("<definitions/>", None) == (
        xml.get_process_definition_xml("1"),
        empty.get_process_definition_xml("1"),
    )


def test_binary_response_is_bytes() -> None:
    """An octet-stream response is returned as bytes."""
    client = FakeSync(httpx.Response(200, content=b"\x00\x01"))

    assert b"\x00\x01" == client.get_document("doc-1")


def test_create_deployment_maps_files_and_form() -> None:
    """Multipart bodies split into httpx files parts and form fields."""
    client = FakeSync(httpx.Response(200, json={"deploymentKey": "1"}))

    client.create_deployment(
        data={
            "resources": [
                File(
                    payload=b"<bpmn/>", file_name="a.bpmn", mime_type="application/xml"
                ),
                ("b.bpmn", b"<b/>"),
            ],
            "tenantId": "t1",
        }
    )

    assert (
        [
            ("resources", ("a.bpmn", b"<bpmn/>", "application/xml")),
            ("resources", ("b.bpmn", b"<b/>", "application/octet-stream")),
        ],
        {"tenantId": "t1"},
        None,
    ) == (client.sent[0].files, client.sent[0].form, client.sent[0].json)


def test_create_document_sends_metadata_as_json_form_field() -> None:
    """A structured multipart field is sent as JSON text."""
    client = FakeSync(httpx.Response(201, json={}))

    client.create_document(data={"file": b"abc", "metadata": {"fileName": "x.txt"}})

    assert (
        [("file", ("file", b"abc", "application/octet-stream"))],
        {"metadata": json.dumps({"fileName": "x.txt"})},
    ) == (client.sent[0].files, client.sent[0].form)


def test_union_body_accepts_either_variant_dict() -> None:
    """Process instance creation takes either instruction variant as a dict."""
    client = FakeSync(httpx.Response(200, json={}))

    client.create_process_instance(data={"processDefinitionKey": 123})
    client.create_process_instance(data={"processDefinitionId": "order"})

    assert [{"processDefinitionKey": "123"}, {"processDefinitionId": "order"}] == [
        s.json for s in client.sent
    ]


def test_search_iter_yields_items_of_every_page() -> None:
    """The _iter variant hands the body and page size to _paginate."""
    client = FakeSync()
    client.pages = [
        {"items": [{"processInstanceKey": "1"}], "page": {"endCursor": "a"}},
        {"items": [{"processInstanceKey": "2"}], "page": {"endCursor": "b"}},
    ]

    query = ProcessInstanceSearchQuery(
        filter_=ProcessInstanceFilter(process_definition_id="order")
    )

    found = client.search_process_instances_iter(query, page_size=10)
    keys = [p.process_instance_key for p in found]

    assert ["1", "2"] == keys
    assert (
        ops.SEARCH_PROCESS_INSTANCES,
        10,
        {"filter": {"processDefinitionId": "order"}},
    ) == (client.sent[0].op, client.sent[0].query, client.sent[0].json)


async def test_async_method_sends_the_same_call() -> None:
    """The async mixin hands _call the same arguments as the sync one."""
    sync, aio = FakeSync(), FakeAsync()

    sync.complete_job("7", data={"variables": {}})
    await aio.complete_job("7", data={"variables": {}})

    assert sync.sent == aio.sent


async def test_async_search_iter_yields_items() -> None:
    """The async _iter variant returns an async iterator of models."""
    client = FakeAsync()
    client.pages = [{"items": [{"jobKey": "5"}], "page": {}}]

    keys = [j.job_key async for j in client.search_jobs_iter({})]

    assert ["5"] == keys


def test_root_relative_operations_are_flagged_for_the_runtime() -> None:
    """Cluster-admin operations carry root_relative so the runtime resolves them beside /v2."""
    client = FakeSync(httpx.Response(200, json={}))

    client.get_cluster_status()

    sent = client.sent[0].op
    assert ("/cluster/v2/status", True) == (sent.path, sent.root_relative)


def test_enum_query_parameter_is_sent_as_its_value() -> None:
    """An enum given as a query parameter goes out as its string value."""
    from camunda_client.models import Mode

    query = _s.query({"mode": Mode.RECOVERING, "dryRun": True, "x": None})

    assert {"mode": "RECOVERING", "dryRun": "true"} == query


def test_operations_are_indexed_by_operation_id() -> None:
    """BY_OPERATION_ID maps each spec operationId to its Operation."""
    assert (241, ops.ACTIVATE_JOBS) == (
        len(ops.BY_OPERATION_ID),
        ops.BY_OPERATION_ID["activateJobs"],
    )


def test_tenant_default_applies_where_the_tenant_is_optional() -> None:
    """Only bodies with an optional tenant take the configured default."""
    assert [
        "activate_jobs",
        "broadcast_signal",
        "correlate_message",
        "create_deployment",
        "create_process_instance",
        "evaluate_conditionals",
        "evaluate_decision",
        "evaluate_expression",
        "publish_message",
    ] == [o.name for o in ops.ALL_OPERATIONS if o.tenant_field]

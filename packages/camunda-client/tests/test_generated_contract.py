from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest
from camunda_client._generated import _operations as ops
from camunda_client._generated import _support as _s
from camunda_client._generated._sync_ops import SyncOperations
from camunda_client._runtime._operation import Operation, Parser
from camunda_testkit.contract import SpecContract

SPEC = SpecContract.default_path()

pytestmark = pytest.mark.skipif(SPEC is None, reason="spec not present")


class Recorder(SyncOperations):
    """Keeps the body a generated method would send; sends nothing."""

    def __init__(self) -> None:
        self.body: Any = None
        self.multipart: dict[str, Any] | None = None

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
        self.body = json
        if op.body == "multipart":
            parts: dict[str, Any] = dict(form or {})
            for name, (_, content, _) in files or []:
                parts.setdefault(name, []).append(content)
            self.multipart = parts
        return None

    def _paginate(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError


def call_with(client: Recorder, op: Operation, data: Any) -> None:
    """Call the generated method of `op` with placeholder path/query values."""
    method = getattr(client, op.name)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in list(inspect.signature(method).parameters.values()):
        if param.name == "data":
            if data is not None:
                kwargs["data"] = data
        elif param.kind is param.POSITIONAL_OR_KEYWORD:
            args.append("1")
        elif param.default is param.empty:
            kwargs[param.name] = "2024-01-01T00:00:00Z"
    try:
        method(*args, **kwargs)
    except NotImplementedError:
        # Root-relative cluster paths wait for a contract field; check the
        # body they would send all the same.
        codec = getattr(ops, f"{op.name.upper()}_BODY", None)
        client.body = None if codec is None else _s.json_body(codec, data)


def contract() -> SpecContract:
    assert SPEC is not None
    return SpecContract.load(SPEC)


def test_every_spec_operation_is_generated() -> None:
    """The Operation table matches the spec's operations, method and path."""
    spec = contract()
    generated = {op.operation_id: (op.method, op.path) for op in ops.ALL_OPERATIONS}

    assert {oid: spec.operation(oid) for oid in spec.operation_ids} == generated


@pytest.mark.parametrize("op", ops.ALL_OPERATIONS, ids=lambda op: op.name)
def test_required_only_request_passes_the_spec_schema(op: Operation) -> None:
    """A required-fields-only body, sent through the models, fits the spec."""
    spec = contract()
    sample = spec.sample_request(op.operation_id)
    if op.body == "multipart" and sample is not None:
        # An empty list of files has no part to send; upload one file.
        sample = {k: v or [b"<x/>"] for k, v in sample.items()}
    client = Recorder()

    call_with(client, op, sample)
    sent = client.multipart if op.body == "multipart" else client.body

    assert [] == spec.validate_request(op.operation_id, sent)
    if op.body == "json" and sample is not None:
        assert sample.keys() == client.body.keys()


def test_full_job_activation_request_passes_the_spec_schema() -> None:
    """A request with every optional field set still fits the spec."""
    client = Recorder()

    client.activate_jobs(
        data={
            "type": "t",
            "timeout": 1,
            "maxJobsToActivate": 1,
            "worker": "w",
            "fetchVariable": ["a"],
            "requestTimeout": 0,
            "tenantIds": ["<default>"],
            "tenantFilter": "PROVIDED",
            "withLease": None,
        }
    )

    assert [] == contract().validate_request("activateJobs", client.body)


def test_response_sample_parses_with_the_generated_parser() -> None:
    """The parser of activateJobs decodes a spec-valid response body."""
    body = {"jobs": []}
    spec = contract()
    response = httpx.Response(200, json=body)

    parsed = ops.ACTIVATE_JOBS_RESULT.decode(response.json(), _lenient(), "x")

    assert [] == spec.validate_response("activateJobs", 200, parsed.to_dict())


def _lenient() -> Any:
    from camunda_client.models._base import Ctx

    return Ctx(strict=False)

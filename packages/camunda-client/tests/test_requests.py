"""Request building: paths, tenants, long-poll timeouts, bodies (wire format only)."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx
import pytest
from camunda_client import errors
from camunda_client._runtime._core import SyncClientCore
from camunda_client._runtime._operation import Operation
from camunda_client._runtime._requests import long_poll_timeout
from camunda_client._runtime._settings import RuntimeSettings


class Recorder:
    def __init__(self, body: bytes = b"{}", status: int = 200) -> None:
        self.requests: list[httpx.Request] = []
        self.body = body
        self.status = status

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, content=self.body)


def mock_core(
    recorder: Recorder, settings: RuntimeSettings | None = None
) -> SyncClientCore:
    http = httpx.Client(
        base_url="http://camunda.test/v2",
        transport=httpx.MockTransport(recorder),
        timeout=httpx.Timeout(2.0),
    )
    return SyncClientCore(http, settings=settings)


def test_path_params_are_quoted_as_one_segment(kit: ModuleType) -> None:
    """Slashes and spaces in a path value cannot escape its segment."""
    recorder = Recorder()

    mock_core(recorder)._call(
        kit.GET_INSTANCE, kit.parse_json, path_params={"processInstanceKey": "a/b c"}
    )

    assert (
        "/v2/process-instances/a%2Fb%20c" == recorder.requests[0].url.raw_path.decode()
    )


def test_missing_path_param_is_a_value_error(kit: ModuleType) -> None:
    """Forgetting a path parameter fails before anything is sent."""
    recorder = Recorder()

    with pytest.raises(ValueError, match="processInstanceKey"):
        mock_core(recorder)._call(kit.GET_INSTANCE, kit.parse_json)

    assert [] == recorder.requests


def test_big_keys_round_trip_as_strings(kit: ModuleType) -> None:
    """A key above 2**53 travels as the exact string both ways."""
    key = "9007199254740993"
    recorder = Recorder(json.dumps({"processInstanceKey": key}).encode())

    result = mock_core(recorder)._call(
        kit.GET_INSTANCE, kit.parse_json, path_params={"processInstanceKey": key}
    )

    assert f"/v2/process-instances/{key}" == recorder.requests[0].url.path
    assert {"processInstanceKey": key} == result


def test_default_tenant_is_added_without_touching_the_callers_dict(
    kit: ModuleType,
) -> None:
    """The configured tenantId fills a missing field in a copy of the body."""
    recorder = Recorder()
    body = {"processDefinitionId": "p"}

    mock_core(recorder, RuntimeSettings(tenant_id="t1"))._call(
        kit.CREATE_INSTANCE, kit.parse_json, json=body
    )

    assert {"processDefinitionId": "p", "tenantId": "t1"} == json.loads(
        recorder.requests[0].content
    )
    assert {"processDefinitionId": "p"} == body


def test_explicit_tenant_wins(kit: ModuleType) -> None:
    """A tenant the caller set is sent unchanged."""
    recorder = Recorder()

    mock_core(recorder, RuntimeSettings(tenant_id="t1"))._call(
        kit.CREATE_INSTANCE, kit.parse_json, json={"tenantId": "mine"}
    )

    assert {"tenantId": "mine"} == json.loads(recorder.requests[0].content)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (RuntimeSettings(tenant_ids=("a", "b")), ["a", "b"]),
        (RuntimeSettings(tenant_id="solo"), ["solo"]),
    ],
)
def test_activation_gets_default_tenant_ids(
    kit: ModuleType, settings: RuntimeSettings, expected: list[str]
) -> None:
    """Job activation takes CAMUNDA_TENANT_IDS, else the single tenant."""
    recorder = Recorder(b'{"jobs":[]}')

    mock_core(recorder, settings)._call(
        kit.ACTIVATE_JOBS, kit.parse_json, json={"type": "t"}
    )

    assert {"type": "t", "tenantIds": expected} == json.loads(
        recorder.requests[0].content
    )


def test_no_tenant_configured_sends_body_as_is(kit: ModuleType) -> None:
    """Without a configured tenant the body is untouched."""
    recorder = Recorder()

    mock_core(recorder)._call(kit.CREATE_INSTANCE, kit.parse_json, json={"a": 1})

    assert {"a": 1} == json.loads(recorder.requests[0].content)


def test_multipart_gets_default_tenant_form_field(kit: ModuleType) -> None:
    """A deployment carries the default tenantId as a form field next to the files."""
    recorder = Recorder()

    mock_core(recorder, RuntimeSettings(tenant_id="t9"))._call(
        kit.CREATE_DEPLOYMENT,
        kit.parse_json,
        files=[("resources", ("a.bpmn", b"<xml/>", "application/xml"))],
    )

    content = recorder.requests[0].read()
    assert b'name="tenantId"\r\n\r\nt9\r\n' in content
    assert b'name="resources"; filename="a.bpmn"' in content


def test_none_query_values_are_dropped(kit: ModuleType) -> None:
    """Query parameters set to None are not sent."""
    recorder = Recorder()

    mock_core(recorder)._call(
        kit.GET_TOPOLOGY, kit.parse_json, query={"a": 1, "b": None}
    )

    assert "a=1" == recorder.requests[0].url.query.decode()


@pytest.mark.parametrize(
    ("body", "read"),
    [
        ({"type": "t", "requestTimeout": 20_000}, 21.0),
        ({"type": "t", "requestTimeout": 0}, 11.0),
        ({"type": "t"}, 11.0),
        ({"type": "t", "requestTimeout": 500}, 2.0),
        ({"type": "t", "requestTimeout": -1}, 2.0),
    ],
)
def test_long_poll_read_timeout_outlasts_the_poll(
    kit: ModuleType, body: dict[str, Any], read: float
) -> None:
    """Activation's read timeout is max(client read, requestTimeout + 1 s)."""
    recorder = Recorder(b'{"jobs":[]}')

    mock_core(recorder)._call(kit.ACTIVATE_JOBS, kit.parse_json, json=body)

    timeout = recorder.requests[0].extensions["timeout"]
    assert {"connect": 2.0, "read": read, "write": 2.0, "pool": 2.0} == timeout


def test_long_poll_keeps_no_timeout_when_client_has_none() -> None:
    """A client without read timeout keeps none for the long poll."""
    timeout = long_poll_timeout(httpx.Timeout(None), {"requestTimeout": 5000})

    assert timeout.read is None


def test_other_calls_use_the_client_timeout(kit: ModuleType) -> None:
    """Non-long-poll calls keep the client's default timeout."""
    recorder = Recorder()

    mock_core(recorder)._call(kit.CREATE_INSTANCE, kit.parse_json, json={"a": 1})

    assert 2.0 == recorder.requests[0].extensions["timeout"]["read"]


CLUSTER_TOPOLOGY = Operation(
    operation_id="getClusterTopology",
    name="get_cluster_topology",
    method="GET",
    path="/cluster/v2/topology",
    root_relative=True,
)


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("http://camunda.test/v2", "http://camunda.test/cluster/v2/topology"),
        ("https://h.test/abc123/v2", "https://h.test/abc123/cluster/v2/topology"),
        ("http://camunda.test/api", "http://camunda.test/api/cluster/v2/topology"),
    ],
)
def test_cluster_admin_paths_sit_beside_v2(
    kit: ModuleType, base: str, expected: str
) -> None:
    """/cluster/v2/... goes next to the base's /v2, keeping any gateway prefix."""
    recorder = Recorder()
    http = httpx.Client(base_url=base, transport=httpx.MockTransport(recorder))

    SyncClientCore(http)._call(CLUSTER_TOPOLOGY, kit.parse_json)

    assert expected == str(recorder.requests[0].url)


def test_undecodable_body_is_a_connection_error(kit: ModuleType) -> None:
    """A body httpx cannot decode surfaces as CamundaConnectionError, chained."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=b"no")

    http = httpx.Client(
        base_url="http://camunda.test/v2", transport=httpx.MockTransport(handler)
    )

    with pytest.raises(errors.CamundaConnectionError) as info:
        SyncClientCore(http)._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert isinstance(info.value.__cause__, httpx.DecodingError)

"""CamundaClient / CamundaAsyncClient: configuration, auth, httpx options, helpers."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import camunda_client
import httpx
import pytest
from camunda_client import CamundaAsyncClient, CamundaClient, errors

TOPOLOGY = {
    "brokers": [],
    "clusterSize": 1,
    "partitionsCount": 1,
    "replicationFactor": 1,
    "gatewayVersion": "8.8.0",
    "lastCompletedChangeId": "1",
    "clusterId": None,
}
DEPLOYMENT = {
    "deploymentKey": "9007199254740993",
    "tenantId": "<default>",
    "deployments": [
        {
            "processDefinition": {
                "processDefinitionId": "p",
                "processDefinitionVersion": 1,
                "resourceName": "p.bpmn",
                "tenantId": "<default>",
                "processDefinitionKey": "9007199254740995",
            },
            "decisionDefinition": None,
            "decisionRequirements": None,
            "form": None,
            "resource": None,
        }
    ],
}


def config(server: Any, **extra: str) -> Any:
    return {"CAMUNDA_REST_ADDRESS": server.url, **extra}


def test_public_names() -> None:
    """camunda_client exports exactly the intended names, all resolvable."""
    expected = [
        "CamundaClient",
        "CamundaAsyncClient",
        "ConsistencyOptions",
        "ExtendedDeploymentResult",
        "BackpressureSnapshot",
        "instant_retries",
        "CamundaError",
        "ApiError",
        "CamundaConnectionError",
        "CamundaTimeoutError",
        "EventualConsistencyTimeoutError",
        "BackpressureQueueFull",
    ]

    assert expected == camunda_client.__all__
    assert all(getattr(camunda_client, name) is not None for name in expected)
    assert set(expected) <= set(dir(camunda_client))


def test_import_is_light() -> None:
    """`import camunda_client` loads neither the operations nor the models."""
    code = (
        "import json, sys; import camunda_client, camunda_client.errors; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('camunda_client._generated', 'camunda_client.models', 'camunda_config', "
        "'pydantic')))))"
    )

    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert [] == json.loads(out)


@pytest.mark.parametrize("name", ["base_url", "auth", "token"])
def test_reserved_keywords_are_refused(server: Any, name: str) -> None:
    """base_url, auth and token belong to configuration and are refused."""
    kwargs: dict[str, Any] = {name: "x"}

    with pytest.raises(TypeError, match=f"{name}= is not accepted"):
        CamundaClient(config(server), **kwargs)


def test_user_agent_and_custom_headers(kit: ModuleType, server: Any) -> None:
    """Requests name the SDK in User-Agent and carry the caller's headers."""
    server.script(kit.ok(TOPOLOGY))

    with CamundaClient(config(server), headers={"X-Trace": "abc"}) as client:
        topology = client.get_topology()

    headers = server.seen[0].headers
    assert "8.8.0" == topology.gateway_version
    assert headers["user-agent"].startswith("camunda-orchestration-client-python/")
    assert "abc" == headers["x-trace"]
    assert "authorization" not in headers


def test_event_hooks_and_transport_are_forwarded() -> None:
    """Keywords such as transport and event_hooks reach httpx.Client."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=TOPOLOGY)

    client = CamundaClient(
        {"CAMUNDA_REST_ADDRESS": "http://camunda.test:8080"},
        transport=httpx.MockTransport(handler),
        event_hooks={"request": [lambda r: seen.append(str(r.url))]},
    )
    client.get_topology()
    client.close()

    assert ["http://camunda.test:8080/v2/topology"] == seen


def test_basic_auth_from_configuration(kit: ModuleType, server: Any) -> None:
    """BASIC strategy sends the configured user and password."""
    server.script(kit.ok(TOPOLOGY))
    settings = config(
        server,
        CAMUNDA_AUTH_STRATEGY="BASIC",
        CAMUNDA_BASIC_AUTH_USERNAME="demo",
        CAMUNDA_BASIC_AUTH_PASSWORD="s3cret",
    )

    with CamundaClient(settings) as client:
        client.get_topology()

    expected = "Basic " + base64.b64encode(b"demo:s3cret").decode()
    assert expected == server.seen[0].headers["authorization"]


def token(value: str) -> Any:
    return {"access_token": value, "expires_in": 3600, "token_type": "Bearer"}


def test_oauth_401_refreshes_the_token_once(kit: ModuleType, server: Any) -> None:
    """A 401 drops the token, fetches a new one and retries the call once."""
    server.script(
        kit.ok(token("first")),
        kit.problem(401, "UNAUTHORIZED", "expired"),
        kit.ok(token("second")),
        kit.ok(TOPOLOGY),
    )
    settings = config(
        server,
        CAMUNDA_CLIENT_ID="id",
        CAMUNDA_CLIENT_SECRET="very-secret",
        CAMUNDA_OAUTH_URL=server.url + "/oauth/token",
        CAMUNDA_TOKEN_DISK_CACHE_DISABLE="true",
    )

    with CamundaClient(settings) as client:
        client.get_topology()

    paths = [(s.method, s.path, s.headers.get("authorization")) for s in server.seen]
    assert [
        ("POST", "/oauth/token", None),
        ("GET", "/v2/topology", "Bearer first"),
        ("POST", "/oauth/token", None),
        ("GET", "/v2/topology", "Bearer second"),
    ] == paths


def test_configured_timeout_applies(kit: ModuleType, server: Any) -> None:
    """CAMUNDA_SDK_HTTP_TIMEOUT_MS bounds a call when no timeout is passed."""
    server.script(kit.Reply(body=json.dumps(TOPOLOGY).encode(), delay_s=1.0))

    settings = config(server, CAMUNDA_SDK_HTTP_TIMEOUT_MS="200")

    with CamundaClient(settings) as client, pytest.raises(errors.CamundaTimeoutError):
        client.get_topology()


def test_long_poll_survives_a_short_client_timeout(
    kit: ModuleType, server: Any
) -> None:
    """Activation with requestTimeout 1500 outlives a 300 ms client timeout."""
    server.script(kit.Reply(body=b'{"jobs":[]}', delay_s=0.8))

    with CamundaClient(config(server, CAMUNDA_SDK_HTTP_TIMEOUT_MS="300")) as client:
        result = client.activate_jobs(
            data={
                "type": "t",
                "timeout": 1000,
                "maxJobsToActivate": 1,
                "requestTimeout": 1500,
            }
        )

    assert [] == result.jobs


def test_configured_retries_apply(kit: ModuleType, server: Any) -> None:
    """CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES sets the attempt count."""
    server.default = kit.Reply(429, b"")

    with (
        camunda_client.instant_retries(),
        CamundaClient(config(server, CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES="1")) as client,
        pytest.raises(errors.ApiError) as info,
    ):
        client.get_topology()

    assert (429, 2) == (info.value.status_code, len(server.seen))
    assert isinstance(info.value, errors.TooManyRequestsError)


def test_default_tenant_from_configuration(kit: ModuleType, server: Any) -> None:
    """CAMUNDA_TENANT_ID fills tenantId of a generated command."""
    server.script(
        kit.ok(
            {
                "processDefinitionKey": "1",
                "processDefinitionId": "p",
                "processDefinitionVersion": 1,
                "processInstanceKey": "9007199254740993",
                "tenantId": "acme",
                "variables": {},
                "tags": [],
            }
        )
    )

    with CamundaClient(config(server, CAMUNDA_TENANT_ID="acme")) as client:
        created = client.create_process_instance(data={"processDefinitionId": "p"})

    assert {"processDefinitionId": "p", "tenantId": "acme"} == server.seen[0].json()
    assert "9007199254740993" == created.process_instance_key


def test_deploy_resources_from_files(
    kit: ModuleType, server: Any, tmp_path: Path
) -> None:
    """Files go up as one multipart body; the result is sorted by kind."""
    bpmn = tmp_path / "p.bpmn"
    bpmn.write_bytes(b"<definitions/>")
    server.script(kit.ok(DEPLOYMENT))

    with CamundaClient(config(server)) as client:
        result = client.deploy_resources_from_files([bpmn], tenant_id="t1")

    body = server.seen[0].body
    assert b'filename="p.bpmn"' in body
    assert b"<definitions/>" in body
    assert b'name="tenantId"\r\n\r\nt1\r\n' in body
    assert ("9007199254740993", ["p"], []) == (
        result.deployment_key,
        [p.process_definition_id for p in result.processes],
        result.forms,
    )


async def test_async_client_end_to_end(
    kit: ModuleType, server: Any, tmp_path: Path
) -> None:
    """The async client calls operations and deploys files."""
    bpmn = tmp_path / "p.bpmn"
    bpmn.write_bytes(b"<definitions/>")
    server.script(kit.ok(TOPOLOGY), kit.ok(DEPLOYMENT))

    async with CamundaAsyncClient(config(server)) as client:
        topology = await client.get_topology()
        deployed = await client.deploy_resources_from_files([bpmn])

    assert ("8.8.0", 1) == (topology.gateway_version, len(deployed.processes))


def test_configuration_and_backpressure_are_readable(server: Any) -> None:
    """The client exposes its resolved configuration and gate state."""
    with CamundaClient(
        config(server, CAMUNDA_SDK_BACKPRESSURE_PROFILE="LEGACY")
    ) as client:
        address = client.configuration.CAMUNDA_REST_ADDRESS
        profile = client.backpressure.profile

    assert (server.url + "/v2", "LEGACY") == (address, profile)


def test_close_closes_the_owned_provider(server: Any) -> None:
    """close() closes an OAuth provider the client built itself."""
    settings = config(
        server,
        CAMUNDA_CLIENT_ID="id",
        CAMUNDA_CLIENT_SECRET="very-secret",
        CAMUNDA_OAUTH_URL=server.url + "/oauth/token",
        CAMUNDA_TOKEN_DISK_CACHE_DISABLE="true",
    )
    client = CamundaClient(settings)
    closed: list[bool] = []
    provider: Any = client.auth_provider
    original = provider.close
    provider.close = lambda: (closed.append(True), original())

    client.close()

    assert [True] == closed


def test_secret_never_in_repr_or_errors(kit: ModuleType, server: Any) -> None:
    """The client secret appears in no repr, configuration dump or error text."""
    server.script(kit.ok(token("tok")), kit.problem(403, "FORBIDDEN", "nope"))
    settings = config(
        server,
        CAMUNDA_CLIENT_ID="id",
        CAMUNDA_CLIENT_SECRET="very-secret",
        CAMUNDA_OAUTH_URL=server.url + "/oauth/token",
        CAMUNDA_TOKEN_DISK_CACHE_DISABLE="true",
    )

    with CamundaClient(settings) as client:
        with pytest.raises(errors.ForbiddenError) as info:
            client.get_topology()
        texts = [
            repr(client.configuration),
            repr(client.auth_provider),
            str(info.value),
        ]

    assert [False, False, False] == ["very-secret" in text for text in texts]


class ListLogger:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def _add(self, msg: str, *args: Any, **kwargs: Any) -> None:
        self.lines.append(msg % args if args else msg)

    debug = info = warning = error = trace = _add


def test_trace_logging_keeps_errors_typed_and_secrets_out(
    kit: ModuleType, server: Any
) -> None:
    """At trace level a 400 still raises BadRequestError; no secret is logged."""
    server.script(kit.problem(400, "INVALID_ARGUMENT", "bad field"))
    log = ListLogger()
    settings = config(
        server,
        CAMUNDA_SDK_LOG_LEVEL="trace",
        CAMUNDA_AUTH_STRATEGY="BASIC",
        CAMUNDA_BASIC_AUTH_USERNAME="demo",
        CAMUNDA_BASIC_AUTH_PASSWORD="s3cret",
    )

    with (
        CamundaClient(settings, logger=log) as client,
        pytest.raises(errors.BadRequestError),
    ):
        client.get_topology()

    text = "\n".join(log.lines)
    assert any("GET /v2/topology -> 400" in line for line in log.lines)
    assert any("bad field" in line for line in log.lines)
    secret = base64.b64encode(b"demo:s3cret").decode()
    assert (False, False) == ("s3cret" in text, secret in text)


def test_default_level_logs_no_http_lines(kit: ModuleType, server: Any) -> None:
    """At the default level (error) successful calls log nothing."""
    server.script(kit.ok(TOPOLOGY))
    log = ListLogger()

    with CamundaClient(config(server), logger=log) as client:
        client.get_topology()

    assert [] == log.lines


async def test_async_oauth_refresh_and_close(kit: ModuleType, server: Any) -> None:
    """The async client refreshes on 401 and aclose() closes its own provider."""
    server.script(
        kit.ok(token("first")),
        kit.problem(401, "UNAUTHORIZED", "expired"),
        kit.ok(token("second")),
        kit.ok(TOPOLOGY),
    )
    settings = config(
        server,
        CAMUNDA_CLIENT_ID="id",
        CAMUNDA_CLIENT_SECRET="very-secret",
        CAMUNDA_OAUTH_URL=server.url + "/oauth/token",
        CAMUNDA_TOKEN_DISK_CACHE_DISABLE="true",
    )
    client = CamundaAsyncClient(settings)
    closed: list[bool] = []
    provider: Any = client.auth_provider
    original = provider.aclose

    async def recording_aclose() -> None:
        closed.append(True)
        await original()

    provider.aclose = recording_aclose

    await client.get_topology()
    await client.aclose()

    auth = [
        s.headers.get("authorization") for s in server.seen if s.path == "/v2/topology"
    ]
    assert (["Bearer first", "Bearer second"], [True]) == (auth, closed)


def test_given_provider_is_used_and_not_closed(kit: ModuleType, server: Any) -> None:
    """A caller's provider signs requests and stays open after close()."""
    server.script(kit.ok(TOPOLOGY))

    class Provider:
        closed = False

        def get_headers(self) -> dict[str, str]:
            return {"Authorization": "Custom abc"}

        def close(self) -> None:
            self.closed = True

    provider = Provider()
    with CamundaClient(config(server), auth_provider=provider) as client:
        client.get_topology()

    assert ("Custom abc", False) == (
        server.seen[0].headers["authorization"],
        provider.closed,
    )

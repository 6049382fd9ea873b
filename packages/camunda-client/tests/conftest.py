"""Shared fixtures: a scripted HTTP server on 127.0.0.1 and runtime test clients."""

from __future__ import annotations

import json
import os
import ssl
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import attrs
import httpx
import pytest
from camunda_client._runtime._core import AsyncClientCore, SyncClientCore
from camunda_client._runtime._operation import Operation
from camunda_client._runtime._settings import RuntimeSettings


@attrs.frozen
class Reply:
    """One scripted answer of the loopback server."""

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = attrs.field(
        factory=lambda: {"Content-Type": "application/json"}
    )
    delay_s: float = 0.0


@attrs.frozen
class Seen:
    """One request as the loopback server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def problem(status: int, title: str, detail: str) -> Reply:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return Reply(
        status,
        json.dumps(body).encode(),
        {"Content-Type": "application/problem+json"},
    )


def ok(value: Any) -> Reply:
    return Reply(200, json.dumps(value).encode())


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 answering from a script, in order.

    When the script is empty it answers with `default`.
    """

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self.seen: list[Seen] = []
        self.default = Reply()
        self._script: list[Reply] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._scheme = "http"
        if ssl_context is not None:
            self._scheme = "https"
            self._httpd.socket = ssl_context.wrap_socket(
                self._httpd.socket, server_side=True
            )
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.02,), daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"{self._scheme}://{host!s}:{port}"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def wait_for_requests(self, count: int, timeout_s: float = 5.0) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.seen) < count and time.monotonic() < deadline:
            time.sleep(0.005)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            return self._script.pop(0) if self._script else self.default

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = server._next(Seen(self.command, self.path, headers, body))
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve  # noqa: N815 - http.server names

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        return Handler


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's CAMUNDA_* variables out of every test."""
    for name in list(os.environ):
        if name.startswith(("CAMUNDA_", "ZEEBE_")):
            monkeypatch.delenv(name)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    srv = LoopbackServer()
    srv.start()
    yield srv
    srv.stop()


def parse_json(response: httpx.Response) -> Any:
    return response.json() if response.content else None


GET_TOPOLOGY = Operation(
    operation_id="getTopology", name="get_topology", method="GET", path="/topology"
)
GET_INSTANCE = Operation(
    operation_id="getProcessInstance",
    name="get_process_instance",
    method="GET",
    path="/process-instances/{processInstanceKey}",
    eventually_consistent=True,
)
CREATE_INSTANCE = Operation(
    operation_id="createProcessInstance",
    name="create_process_instance",
    method="POST",
    path="/process-instances",
    body="json",
    tenant_field="tenantId",
)
SEARCH_INSTANCES = Operation(
    operation_id="searchProcessInstances",
    name="search_process_instances",
    method="POST",
    path="/process-instances/search",
    body="json",
    eventually_consistent=True,
)
ACTIVATE_JOBS = Operation(
    operation_id="activateJobs",
    name="activate_jobs",
    method="POST",
    path="/jobs/activation",
    body="json",
    tenant_field="tenantIds",
    long_poll=True,
)
COMPLETE_JOB = Operation(
    operation_id="completeJob",
    name="complete_job",
    method="POST",
    path="/jobs/{jobKey}/completion",
    body="json",
    response="none",
    success_statuses=(204,),
    exempt_from_backpressure=True,
)
CREATE_DEPLOYMENT = Operation(
    operation_id="createDeployment",
    name="create_deployment",
    method="POST",
    path="/deployments",
    body="multipart",
    tenant_field="tenantId",
)


class SyncCore(SyncClientCore):
    """A runtime client without generated operations, for tests."""

    def __init__(self, base_url: str, settings: RuntimeSettings, **kwargs: Any) -> None:
        kwargs.setdefault("timeout", 5.0)
        super().__init__(httpx.Client(base_url=base_url, **kwargs), settings=settings)

    def close(self) -> None:
        self._http.close()


class AsyncCore(AsyncClientCore):
    """The async twin of `SyncCore`."""

    def __init__(self, base_url: str, settings: RuntimeSettings, **kwargs: Any) -> None:
        kwargs.setdefault("timeout", 5.0)
        super().__init__(
            httpx.AsyncClient(base_url=base_url, **kwargs), settings=settings
        )

    async def aclose(self) -> None:
        await self._http.aclose()


@pytest.fixture
def settings() -> RuntimeSettings:
    return RuntimeSettings(max_retries=3, retry_base_delay_s=0.0, retry_max_delay_s=0.0)


@pytest.fixture
def core(server: LoopbackServer, settings: RuntimeSettings) -> Iterator[SyncCore]:
    client = SyncCore(server.url + "/v2", settings)
    yield client
    client.close()


@pytest.fixture
async def acore(server: LoopbackServer, settings: RuntimeSettings) -> Any:
    client = AsyncCore(server.url + "/v2", settings)
    yield client
    await client.aclose()


@pytest.fixture
def kit() -> ModuleType:
    """This module, so tests reach its helpers (test files cannot import it)."""
    return sys.modules[__name__]

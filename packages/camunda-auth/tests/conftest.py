"""A real token endpoint and API on 127.0.0.1, plus a capturing logger."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from camunda_auth import instant_retries
from camunda_log import SdkLogger, create_logger

CLIENT_SECRET = "S3CRET-client-secret-value"
BASIC_PASSWORD = "B4SIC-password-value"
TOKEN_PREFIX = "TKN-access-token-"


class _QuietServer(ThreadingHTTPServer):
    """Does not print clients that hang up early (timeout tests do that)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


class TokenServer:
    """A token endpoint (POST /oauth/token) and a bearer-protected API (/api)."""

    client_secret = CLIENT_SECRET
    basic_password = BASIC_PASSWORD

    @staticmethod
    def token(n: int) -> str:
        """The access token the server issues as its n-th token (from 1)."""
        return f"{TOKEN_PREFIX}{n}"

    @staticmethod
    def bearer(n: int) -> dict[str, str]:
        """The headers carrying the n-th token."""
        return {"Authorization": f"Bearer {TOKEN_PREFIX}{n}"}

    def __init__(self) -> None:
        self.token_forms: list[dict[str, str]] = []
        self.token_headers: list[dict[str, str]] = []
        self.token_paths: list[str] = []
        self.api_auth: list[str | None] = []
        self.api_bodies: list[bytes] = []
        self.delay = 0.0
        self.expires_in: object = 3600
        self.scripted: deque[tuple[int, bytes]] = deque()
        self.rejected_tokens: set[str] = set()
        self.reject_all_tokens = False
        self.token_request_seen = threading.Event()
        self._lock = threading.Lock()
        self._issued = 0
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            daemon=True,
        )

    @property
    def base_url(self) -> str:
        """The server's root URL."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token_url(self) -> str:
        """The token endpoint."""
        return f"{self.base_url}/oauth/token"

    @property
    def token_requests(self) -> int:
        """How many token requests arrived."""
        with self._lock:
            return len(self.token_forms)

    def script(self, *answers: tuple[int, object]) -> None:
        """Queue exact answers (status, JSON body or raw bytes) for token requests."""
        for status, body in answers:
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.scripted.append((status, raw))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def _token_answer(
        self, form: dict[str, str], headers: dict[str, str], path: str
    ) -> tuple[int, bytes]:
        with self._lock:
            self.token_forms.append(form)
            self.token_headers.append(headers)
            self.token_paths.append(path)
            self.token_request_seen.set()
            scripted = self.scripted.popleft() if self.scripted else None
            if scripted is None:
                self._issued += 1
            issued = self._issued
        time.sleep(self.delay)
        if scripted is not None:
            return scripted
        body: dict[str, Any] = {
            "access_token": f"{TOKEN_PREFIX}{issued}",
            "token_type": "Bearer",
        }
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return 200, json.dumps(body).encode()

    def _api_answer(self, auth: str | None, body: bytes) -> tuple[int, bytes]:
        with self._lock:
            self.api_auth.append(auth)
            self.api_bodies.append(body)
        token = auth[7:] if auth and auth.startswith("Bearer ") else None
        basic_ok = auth is not None and auth.startswith("Basic ")
        if (
            token and not self.reject_all_tokens and token not in self.rejected_tokens
        ) or basic_ok:
            return 200, json.dumps({"ok": True}).encode()
        return 401, json.dumps({"title": "Unauthorized"}).encode()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    return self._chunked_body()
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _chunked_body(self) -> bytes:
                parts: list[bytes] = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        self.rfile.readline()
                        return b"".join(parts)
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                body = self._body()
                if self.path.startswith("/oauth/token"):
                    form = dict(parse_qsl(body.decode(), keep_blank_values=True))
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    self._send(*server._token_answer(form, headers, self.path))
                else:
                    self._send(
                        *server._api_answer(self.headers.get("Authorization"), body)
                    )

            def do_GET(self) -> None:
                self._send(*server._api_answer(self.headers.get("Authorization"), b""))

        return Handler


class CaptureLogger:
    """Records every line at every level, formatted as the user would see it."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []

    def _record(self, level: str, msg: str, args: tuple[Any, ...]) -> None:
        self.lines.append((level, msg % args if args else msg))

    def trace(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self._record("trace", msg, args)

    def debug(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self._record("debug", msg, args)

    def info(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self._record("info", msg, args)

    def warning(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self._record("warning", msg, args)

    def error(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self._record("error", msg, args)

    def text(self) -> str:
        """All lines joined, for substring checks."""
        return "\n".join(line for _, line in self.lines)


@pytest.fixture
def token_server() -> Iterator[TokenServer]:
    """A running token endpoint and API on a free port of 127.0.0.1."""
    server = TokenServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def capture() -> CaptureLogger:
    """A logger that records every line."""
    return CaptureLogger()


@pytest.fixture
def sdk_logger(capture: CaptureLogger) -> SdkLogger:
    """The capturing logger wrapped at the most verbose SDK level."""
    return create_logger(capture, level="trace")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """A token cache directory that does not exist yet."""
    return tmp_path / "tokens"


@pytest.fixture
def no_retry_wait() -> Iterator[None]:
    """Retries happen at once."""
    with instant_retries():
        yield


@pytest.fixture
def oauth_kwargs(
    token_server: TokenServer, cache_dir: Path, sdk_logger: SdkLogger
) -> dict[str, Any]:
    """Constructor arguments for an OAuth provider against the test server."""
    return {
        "oauth_url": token_server.token_url,
        "client_id": "my-client",
        "client_secret": CLIENT_SECRET,
        "audience": "zeebe.camunda.io",
        "cache_dir": str(cache_dir),
        "logger": sdk_logger,
    }


def free_port() -> int:
    """A TCP port on 127.0.0.1 with nothing listening (closed right away)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def dead_url() -> str:
    """A token URL on 127.0.0.1 where nothing listens."""
    return f"http://127.0.0.1:{free_port()}/oauth/token"

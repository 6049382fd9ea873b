"""DevEngine: the engine core behind a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from camunda_testkit._core import Engine
from camunda_testkit._http._app import AppServices, DevEngineApp
from camunda_testkit._http._auth import Authenticator, AuthMode
from camunda_testkit._http._context import Timeouts
from camunda_testkit._http._control import TOKEN_PATH
from camunda_testkit._http._faults import Faults
from camunda_testkit._http._notifier import Notifier
from camunda_testkit._http._recorder import RecordedRequest, RequestLog
from camunda_testkit._http._server import ServerThread, bind_socket
from camunda_testkit._http._ticker import Ticker

if TYPE_CHECKING:
    # Imported here so jsonschema loads only when someone asks for checks.
    from camunda_testkit._http._validation import SpecChecks


class DevEngine:
    """A Camunda 8 stand-in serving the REST API v2 on a local port.

    Use it as a context manager, or call ``start()`` and ``stop()``::

        with DevEngine() as engine:
            httpx.get(f"{engine.rest_address}/topology")

    Args:
        host: The interface to bind; keep the default loopback address.
        port: The port; 0 picks a free one.
        auth: ``none`` (accept any request), ``basic`` or ``oauth``.
        basic_credentials: User and password that ``basic`` mode accepts.
        client_id: The client id the OAuth token endpoint accepts.
        client_secret: The client secret the OAuth token endpoint accepts.
        token_lifetime_s: ``expires_in`` of issued tokens, in seconds.
        read_lag_ms: How far eventually-consistent reads lag behind commands.
        partitions: Simulated partitions (keys encode them).
        gateway_version: What ``/topology`` reports.
        faults: Fault rules to share; a fresh set when omitted.
        spec_path: When given, every response is checked against the OpenAPI
            document at this path (a 500 names any mismatch).
        long_poll_timeout_ms: The activation long poll when the request says 0.
        request_timeout_ms: The awaitCompletion wait when the request says 0.
        record_requests: Keep a log of received requests (``requests``).
        engine: An engine core to serve; a fresh one when omitted (then
            ``read_lag_ms``, ``partitions`` and ``gateway_version`` are the
            given engine's business).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        auth: AuthMode = "none",
        basic_credentials: tuple[str, str] = ("demo", "demo"),
        client_id: str = "devengine",
        client_secret: str = "devengine-secret",  # noqa: S107 - a local test default
        token_lifetime_s: float = 3600.0,
        read_lag_ms: int = 0,
        partitions: int = 1,
        gateway_version: str = "8.10.0",
        faults: Faults | None = None,
        spec_path: str | None = None,
        long_poll_timeout_ms: int = 10_000,
        request_timeout_ms: int = 15_000,
        record_requests: bool = True,
        engine: Engine | None = None,
    ) -> None:
        self._host = host
        self._requested_port = port
        self._port: int | None = None
        self.engine = engine or Engine(
            read_lag_ms=read_lag_ms,
            partitions=partitions,
            gateway_version=gateway_version,
        )
        self.auth = Authenticator(
            auth,
            basic_credentials=basic_credentials,
            client_id=client_id,
            client_secret=client_secret,
            token_lifetime_s=token_lifetime_s,
        )
        self._client_id = client_id
        self._basic_user = basic_credentials[0]
        self.faults = faults if faults is not None else Faults()
        self._log = RequestLog(enabled=record_requests)
        self._ticker = Ticker(self.engine)
        self._notifier = Notifier(self._ticker.wake)
        self._services = AppServices(
            engine=self.engine,
            auth=self.auth,
            faults=self.faults,
            requests=self._log,
            notifier=self._notifier,
            timeouts=Timeouts(long_poll_timeout_ms, request_timeout_ms),
            wake_ticker=self._ticker.wake,
            spec_checks=_spec_checks(spec_path),
        )
        self._server: ServerThread | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        where = self.rest_address if self._port is not None else "not started"
        return f"DevEngine({where}, auth={self.auth.mode!r})"

    # ------------------------------------------------------------- lifecycle

    def start(self) -> DevEngine:
        """Bind the port, start serving and ticking; return self.

        Raises:
            RuntimeError: Already started, or the server failed to start.
        """
        with self._lock:
            if self._server is not None:
                raise RuntimeError("this DevEngine is already running")
            sock = bind_socket(self._host, self._requested_port)
            self._port = int(sock.getsockname()[1])
            unsubscribe = self.engine.subscribe(self._notifier.on_event)
            app = DevEngineApp(self._services)
            server = ServerThread(
                app,
                sock,
                self._services.transports,
                self._bind_loop,
                self._notifier.release_all,
            )
            try:
                server.start()
            except BaseException:
                unsubscribe()
                server.stop()
                raise
            self._unsubscribe = [unsubscribe]
            self._server = server
            self._ticker.start()
            return self

    def stop(self) -> None:
        """Release parked requests, stop the server and the ticker (idempotent)."""
        with self._lock:
            server, self._server = self._server, None
            if server is None:
                return
            server.stop()
            self._ticker.stop()
            for unsubscribe in self._unsubscribe:
                unsubscribe()
            self._unsubscribe = []
            self._ticker = Ticker(self.engine)
            self._services.wake_ticker = self._ticker.wake
            self._notifier = Notifier(self._ticker.wake)
            self._services.notifier = self._notifier

    def __enter__(self) -> DevEngine:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the server is up."""
        return self._server is not None

    # --------------------------------------------------------------- address

    @property
    def host(self) -> str:
        """The bound interface."""
        return self._host

    @property
    def port(self) -> int:
        """The bound port.

        Raises:
            RuntimeError: The engine has not been started yet.
        """
        if self._port is None:
            raise RuntimeError("start the DevEngine first")
        return self._port

    @property
    def base_url(self) -> str:
        """``http://<host>:<port>`` without the API path."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def rest_address(self) -> str:
        """The REST API base, ``http://127.0.0.1:<port>/v2``."""
        return f"{self.base_url}/v2"

    @property
    def token_url(self) -> str:
        """The OAuth client-credentials endpoint (outside ``/v2``)."""
        return f"{self.base_url}{TOKEN_PATH}"

    @property
    def token_requests(self) -> int:
        """How many requests reached the token endpoint."""
        return self.auth.token_requests

    def client_configuration(self) -> dict[str, str]:
        """``CAMUNDA_*`` settings that point an SDK client at this engine.

        The OAuth secret is included when auth is ``oauth``: it is the local
        test secret this engine was given, never a real credential.
        """
        settings = {"CAMUNDA_REST_ADDRESS": self.rest_address}
        if self.auth.mode == "none":
            settings["CAMUNDA_AUTH_STRATEGY"] = "NONE"
        elif self.auth.mode == "basic":
            settings["CAMUNDA_AUTH_STRATEGY"] = "BASIC"
            settings["CAMUNDA_BASIC_AUTH_USERNAME"] = self._basic_user
            settings["CAMUNDA_BASIC_AUTH_PASSWORD"] = self.auth.basic_password
        else:
            settings["CAMUNDA_AUTH_STRATEGY"] = "OAUTH"
            settings["CAMUNDA_CLIENT_ID"] = self._client_id
            settings["CAMUNDA_CLIENT_SECRET"] = self.auth.client_secret
            settings["CAMUNDA_OAUTH_URL"] = self.token_url
            settings["CAMUNDA_TOKEN_AUDIENCE"] = "devengine"  # noqa: S105 - not a secret
        return settings

    # --------------------------------------------------------------- control

    def advance_clock(self, milliseconds: int) -> None:
        """Move the engine clock forward and fire what fell due."""
        self._services.advance_clock(milliseconds)

    def reset(self) -> None:
        """Drop every deployment, instance and record, and the request log."""
        self._services.reset()

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every recorded ``/v2`` request, oldest first."""
        return self._log.entries()

    def requests_for(self, operation_id: str) -> list[RecordedRequest]:
        """The recorded requests of one operation (``completeJob``...)."""
        return self._log.entries(operation_id)

    def request_counts(self) -> dict[str, int]:
        """How many requests each operationId received."""
        return self._log.counts()

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        self._log.clear()

    @property
    def parked_requests(self) -> int:
        """How many long polls and awaitCompletion requests wait right now."""
        return self._notifier.parked

    def _bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._notifier.bind(loop)


def _spec_checks(spec_path: str | None) -> SpecChecks | None:
    if spec_path is None:
        return None
    # Imported here so jsonschema loads only when someone asks for checks.
    from camunda_testkit._http._validation import SpecChecks

    return SpecChecks.load(spec_path)

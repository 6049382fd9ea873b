"""Run the ASGI app with uvicorn (h11, asyncio) in a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from camunda_testkit._http._app import DevEngineApp
from camunda_testkit._http._drop import Transports

log = logging.getLogger("camunda_testkit.http")


class CoalescingTransport:
    """Gather the writes of one loop iteration into a single socket send.

    h11 writes a response's head and body separately; on a busy machine each
    ``send`` system call costs more than the request's Python work, so one
    send per response matters for throughput.
    """

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._pending: list[bytes] = []
        self._loop = asyncio.get_running_loop()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Queue ``data``; it goes out with the rest of this iteration's writes."""
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def flush(self) -> None:
        """Hand everything queued to the real transport."""
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        """Send what is queued, then close."""
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        """Close at once, discarding anything queued."""
        self._pending.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def tracking_protocol(transports: Transports) -> type[H11Protocol]:
    """Make an h11 protocol class that records each connection's transport.

    The app needs the transport to drop a connection without answering,
    which ASGI itself cannot express. Writes go through a
    `CoalescingTransport`.
    """

    class TrackingH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:  # pyright: ignore[reportIncompatibleMethodOverride]
            if not isinstance(transport, asyncio.Transport):
                super().connection_made(transport)  # pyright: ignore[reportArgumentType]
                return
            super().connection_made(CoalescingTransport(transport))  # pyright: ignore[reportArgumentType]
            if self.client is not None:
                transports[(self.client[0], self.client[1])] = transport

        def connection_lost(self, exc: Exception | None) -> None:
            if self.client is not None:
                transports.pop((self.client[0], self.client[1]), None)
            super().connection_lost(exc)

    return TrackingH11Protocol


class PromptServer(uvicorn.Server):
    """uvicorn's server, woken at once by ``stop()`` instead of at its next tick.

    The stock main loop notices ``should_exit`` within 0.1 s; tests start and
    stop an engine each, so that pause adds up.
    """

    wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        """Tick as uvicorn does, but let ``wake`` cut each pause short."""
        self.wake = asyncio.Event()
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864_000
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=0.1)
            should_exit = await self.on_tick(counter)


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port`` (0 picks a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP makes asyncio set TCP_NODELAY on accepted connections;
    # without it Nagle and delayed ACKs add ~40 ms to every response.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)  # noqa: FBT003 - stdlib signature
    return sock


class ServerThread:
    """uvicorn serving one app on an already bound socket, in a daemon thread.

    Args:
        app: The ASGI app.
        sock: A bound, listening socket; the server owns it from now on.
        transports: The connection table the app uses to drop connections.
        on_loop: Called on the server loop once it runs (binds waiters).
        on_stopping: Called from ``stop()`` before the server shuts down, to
            release parked requests.
    """

    def __init__(
        self,
        app: DevEngineApp,
        sock: socket.socket,
        transports: Transports,
        on_loop: Callable[[asyncio.AbstractEventLoop], None],
        on_stopping: Callable[[], None],
    ) -> None:
        config = uvicorn.Config(
            app,
            loop="asyncio",
            http=tracking_protocol(transports),
            lifespan="off",
            access_log=False,
            log_config=None,
            log_level="warning",
            timeout_graceful_shutdown=2,
            backlog=2048,
            timeout_keep_alive=30,
            proxy_headers=False,
            server_header=False,
        )
        self._server = PromptServer(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sock = sock
        self._on_loop = on_loop
        self._on_stopping = on_stopping
        self._thread = threading.Thread(
            target=self._run, name="camunda-devengine-http", daemon=True
        )
        self._failure: BaseException | None = None

    def start(self, timeout: float = 10.0) -> None:
        """Start serving and return once the server accepts connections.

        Raises:
            RuntimeError: The server did not come up in time.
        """
        self._thread.start()
        waited = 0.0
        while not self._server.started:
            if self._failure is not None or not self._thread.is_alive():
                msg = "the dev engine's HTTP server failed to start"
                raise RuntimeError(msg) from self._failure
            if waited >= timeout:
                raise RuntimeError("the dev engine's HTTP server did not start in time")
            self._thread.join(0.01)
            waited += 0.01

    def stop(self, timeout: float = 5.0) -> None:
        """Release parked requests, stop the server and wait for its thread."""
        self._on_stopping()
        self._server.should_exit = True
        loop, wake = self._loop, self._server.wake
        if loop is not None and wake is not None and not loop.is_closed():
            # RuntimeError: the loop closed in between; the thread is ending.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout)
        self._sock.close()

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:
            self._failure = error
            log.exception("the dev engine's HTTP server stopped with an error")

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_loop(self._loop)
        await self._server.serve(sockets=[self._sock])

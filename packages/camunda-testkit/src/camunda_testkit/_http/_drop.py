"""Close a request's connection without sending any response."""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.types import Receive

log = logging.getLogger("camunda_testkit.http")

Transports = dict[tuple[str, int], asyncio.Transport]


async def drop_connection(request: Request, transports: Transports) -> None:
    """Abort the socket under ``request`` and wait until the server notices."""
    client = request.client
    transport = None
    if client is not None:
        transport = transports.get((client.host, client.port))
    if transport is None:
        log.warning("cannot drop %s: connection not tracked", request.url.path)
        return
    transport.abort()
    try:
        await asyncio.wait_for(_until_disconnect(request.receive), timeout=1.0)
    except asyncio.TimeoutError:
        log.warning("dropped connection did not report its close")


async def _until_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return

"""What a route handler gets: the request, its parsed parts and the engine."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.types import Receive

from camunda_testkit._core import Engine
from camunda_testkit._http._notifier import Notifier
from camunda_testkit._http._problems import invalid_argument

_LONG_KEY = re.compile(r"^-?[0-9]{1,25}$")


@dataclass(frozen=True)
class Timeouts:
    """Server-side defaults the spec leaves to the gateway (milliseconds)."""

    long_poll_ms: int = 10_000
    request_ms: int = 15_000


@dataclass
class Call:
    """One request on its way through a handler."""

    request: Request
    receive: Receive
    engine: Engine
    notifier: Notifier
    timeouts: Timeouts
    params: dict[str, str]
    raw_body: bytes
    parsed: Any = field(default=None)
    _disconnect: asyncio.Task[None] | None = field(default=None)

    def json_object(self, *, required: bool) -> dict[str, Any] | None:
        """Return the JSON object body (None if absent and optional).

        Raises:
            ProblemError: 400 for a missing required body, invalid JSON or a
                body that is not a JSON object.
        """
        if not self.raw_body.strip():
            if required:
                raise invalid_argument("Required request body is missing")
            return None
        try:
            value = json.loads(self.raw_body)
        except (ValueError, UnicodeDecodeError) as error:
            msg = f"Request body is not valid JSON: {error}"
            raise invalid_argument(msg) from None
        if value is None and not required:
            return None
        if not isinstance(value, dict):
            raise invalid_argument("Request body must be a JSON object")
        self.parsed = value
        return value  # pyright: ignore[reportUnknownVariableType]

    def key(self, name: str) -> str:
        """Return a path key, checked against the LongKey pattern.

        Raises:
            ProblemError: 400 when the key is not a decimal long.
        """
        value = self.params[name]
        if not _LONG_KEY.match(value):
            msg = f"Path parameter '{name}' must be a numeric key, got '{value}'"
            raise invalid_argument(msg)
        return value

    async def disconnected(self) -> None:
        """Return once the client has gone away."""
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                return

    def disconnect_task(self) -> asyncio.Task[None]:
        """A task, created once, that finishes when the client disconnects."""
        if self._disconnect is None:
            self._disconnect = asyncio.ensure_future(self.disconnected())
        return self._disconnect

    def close(self) -> None:
        """Cancel helper tasks the call started."""
        if self._disconnect is not None and not self._disconnect.done():
            self._disconnect.cancel()


def require_fields(body: dict[str, Any], *names: str) -> None:
    """Reject a body that lacks one of the spec's required properties.

    Raises:
        ProblemError: 400 naming the first missing property.
    """
    for name in names:
        if body.get(name) is None:
            msg = f"No required property '{name}' in the request body"
            raise invalid_argument(msg)

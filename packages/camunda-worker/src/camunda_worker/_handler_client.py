"""A blocking client for thread-strategy handlers that shares the worker's setup.

Handlers running in pool threads cannot await the async client, so they get
a ``CamundaClient`` built from the same configuration, logger and httpx
settings. Auth goes through the very provider of the async client, bridged
onto the worker's event loop: one token cache, one token request.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Mapping
from typing import Any

from camunda_client import CamundaClient
from camunda_log import SdkLogger

# Settings an async httpx client holds that a blocking one cannot use.
_ASYNC_ONLY = ("transport", "mounts", "event_hooks")


class LoopBridgedProvider:
    """Serves ``get_headers`` from a thread by asking an async provider on its loop."""

    def __init__(self, provider: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._provider = provider
        self._loop = loop

    def __repr__(self) -> str:
        return f"LoopBridgedProvider({self._provider!r})"

    def get_headers(self) -> Mapping[str, str]:
        """Fetch the headers on the worker's loop and wait for them."""
        future = asyncio.run_coroutine_threadsafe(
            self._provider.aget_headers(), self._loop
        )
        return future.result()

    def invalidate(self, token: str | None = None) -> None:
        """Drop a rejected token from the shared provider."""
        drop = getattr(self._provider, "ainvalidate", None)
        if drop is not None:
            asyncio.run_coroutine_threadsafe(drop(token), self._loop).result()
            return
        sync_drop = getattr(self._provider, "invalidate", None)
        if callable(sync_drop):
            sync_drop(token)


def sync_twin(
    client: Any, loop: asyncio.AbstractEventLoop, log: SdkLogger
) -> CamundaClient:
    """Build the blocking client thread-strategy handlers get as ``job.client``."""
    provider = client.auth_provider
    if hasattr(provider, "aget_headers"):
        provider = LoopBridgedProvider(provider, loop)
    kwargs = dict(client.httpx_kwargs)
    dropped = [name for name in _ASYNC_ONLY if _is_async_only(name, kwargs.get(name))]
    for name in dropped:
        kwargs.pop(name)
    if dropped:
        log.warning(
            "the thread-strategy handler client cannot reuse the async client's %s; "
            "it uses httpx defaults for them",
            ", ".join(dropped),
        )
    return CamundaClient(
        client.configuration, auth_provider=provider, logger=client.logger, **kwargs
    )


def _is_async_only(name: str, value: Any) -> bool:
    if value is None:
        return False
    if name == "transport":
        return not hasattr(value, "handle_request")
    if name == "mounts":
        transports: Mapping[str, Any] = value
        return any(
            t is not None and not hasattr(t, "handle_request")
            for t in transports.values()
        )
    hooks: Mapping[str, Any] = value
    return any(
        inspect.iscoroutinefunction(hook) for funcs in hooks.values() for hook in funcs
    )

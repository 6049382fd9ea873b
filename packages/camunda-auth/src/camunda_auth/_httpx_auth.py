"""``CamundaAuth``: an ``httpx.Auth`` that adds provider headers and retries a 401."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Mapping
from typing import Protocol, runtime_checkable

import httpx

from camunda_auth._providers import AsyncAuthProvider, AuthProvider


@runtime_checkable
class _Invalidating(Protocol):
    def invalidate(self, token: str | None = None) -> None: ...


@runtime_checkable
class _AsyncInvalidating(Protocol):
    def ainvalidate(self, token: str | None = None) -> Awaitable[None]: ...


def checked_headers(headers: object) -> Mapping[str, str]:
    """Return ``headers`` if it is a Mapping, else raise ``TypeError``."""
    if not isinstance(headers, Mapping):
        msg = f"auth provider returned {type(headers).__name__}, expected a Mapping"
        raise TypeError(msg)
    return headers  # pyright: ignore[reportUnknownVariableType]


async def provider_headers_async(
    provider: AuthProvider | AsyncAuthProvider,
) -> Mapping[str, str]:
    """Headers from ``aget_headers`` when the provider has it, else ``get_headers``."""
    if isinstance(provider, AsyncAuthProvider):
        return checked_headers(await provider.aget_headers())
    return checked_headers(provider.get_headers())


class CamundaAuth(httpx.Auth):
    """Authenticates httpx requests through an auth provider.

    Works with both ``httpx.Client`` and ``httpx.AsyncClient``; the async
    flow prefers ``aget_headers``. When the server answers 401 to a bearer
    token, the token is dropped from the provider's cache (only if it is still
    the cached one), fresh headers are fetched and the request is sent once
    more. Providers that cannot refresh (Basic, none) get the 401 back as is.
    Request bodies are read before sending so that the retry can replay them.

    Args:
        provider: Any ``AuthProvider`` or ``AsyncAuthProvider``.
    """

    requires_request_body = True

    def __init__(self, provider: AuthProvider | AsyncAuthProvider) -> None:
        self.provider = provider

    def __repr__(self) -> str:
        return f"CamundaAuth({self.provider!r})"

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """Drive one request for ``httpx.Client``."""
        request.read()
        provider = self.provider
        if not isinstance(provider, AuthProvider):
            msg = f"{type(provider).__name__} has no get_headers(); use an AsyncClient"
            raise TypeError(msg)
        headers = checked_headers(provider.get_headers())
        request.headers.update(headers)
        response = yield request

        used = bearer_of(headers)
        if response.status_code != 401 or used is None:
            return
        if not isinstance(provider, _Invalidating):
            return
        provider.invalidate(used)
        fresh = checked_headers(provider.get_headers())
        if bearer_of(fresh) is None:
            return
        request.headers.update(fresh)
        yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Drive one request for ``httpx.AsyncClient``."""
        await request.aread()
        headers = await provider_headers_async(self.provider)
        request.headers.update(headers)
        response = yield request

        used = bearer_of(headers)
        if response.status_code != 401 or used is None:
            return
        invalidate = _invalidator(self.provider)
        if invalidate is None:
            return
        await invalidate(used)
        fresh = await provider_headers_async(self.provider)
        if bearer_of(fresh) is None:
            return
        request.headers.update(fresh)
        yield request


def _invalidator(
    provider: object,
) -> Callable[[str], Awaitable[None]] | None:
    if isinstance(provider, _AsyncInvalidating):
        return provider.ainvalidate
    if isinstance(provider, _Invalidating):
        sync_invalidate = provider.invalidate

        async def invalidate(token: str) -> None:
            sync_invalidate(token)

        return invalidate
    return None


def bearer_of(headers: Mapping[str, str]) -> str | None:
    """The bearer token inside ``Authorization`` headers, if any."""
    for name, value in headers.items():
        if name.lower() == "authorization" and value[:7].lower() == "bearer ":
            return value[7:]
    return None

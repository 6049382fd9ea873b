"""``inject_auth_event_hooks``: auth (and optional logging) as httpx event hooks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from camunda_log import CamundaLogger, SdkLogger, create_logger

from camunda_auth._httpx_auth import checked_headers, provider_headers_async
from camunda_auth._providers import AsyncAuthProvider, AuthProvider

_Hook = Callable[..., Any]


def inject_auth_event_hooks(
    httpx_args: dict[str, Any] | None,
    auth_provider: AuthProvider | AsyncAuthProvider,
    *,
    async_client: bool = False,
    log_level: str | None = None,
    logger: CamundaLogger | SdkLogger | None = None,
    scope: str | None = None,
) -> dict[str, Any]:
    """Add a request event hook that sets the provider's headers on every request.

    Hooks already in ``httpx_args["event_hooks"]`` are kept and run first.
    With ``log_level`` at ``debug`` or more verbose, request and response
    hooks also log method, URL (without query) and status; never headers.
    Unlike ``CamundaAuth``, hooks cannot retry a request after a 401.

    Args:
        httpx_args: Keyword arguments for ``httpx.Client``/``AsyncClient``;
            not modified (a new dict is returned).
        auth_provider: The provider to take headers from.
        async_client: Build coroutine hooks for ``httpx.AsyncClient`` (they
            prefer ``aget_headers``).
        log_level: An SDK log level (``silent`` ... ``silly``); None logs
            nothing from the hooks.
        logger: The logger for those lines (see camunda-log).
        scope: A label bound to the log lines, e.g. the client's name.

    Returns:
        A copy of ``httpx_args`` whose ``event_hooks`` include the new hooks.
    """
    args: dict[str, Any] = dict(httpx_args or {})
    hooks: dict[str, list[_Hook]] = {
        name: list(existing)
        for name, existing in dict(args.get("event_hooks") or {}).items()
    }
    request_hooks = hooks.setdefault("request", [])
    response_hooks = hooks.setdefault("response", [])

    if async_client:
        request_hooks.append(_async_auth_hook(auth_provider))
    else:
        request_hooks.append(_sync_auth_hook(auth_provider))

    log = _http_logger(log_level, logger, scope)
    if log is not None:
        log_request, log_response = _log_hooks(log)
        if async_client:
            request_hooks.append(_as_coroutine(log_request))
            response_hooks.append(_as_coroutine(log_response))
        else:
            request_hooks.append(log_request)
            response_hooks.append(log_response)

    args["event_hooks"] = hooks
    return args


def _sync_auth_hook(provider: AuthProvider | AsyncAuthProvider) -> _Hook:
    if not isinstance(provider, AuthProvider):
        msg = f"{type(provider).__name__} has no get_headers(); use async_client=True"
        raise TypeError(msg)

    def add_auth_headers(request: httpx.Request) -> None:
        request.headers.update(checked_headers(provider.get_headers()))

    return add_auth_headers


def _async_auth_hook(provider: AuthProvider | AsyncAuthProvider) -> _Hook:
    async def add_auth_headers(request: httpx.Request) -> None:
        request.headers.update(await provider_headers_async(provider))

    return add_auth_headers


def _http_logger(
    log_level: str | None,
    logger: CamundaLogger | SdkLogger | None,
    scope: str | None,
) -> SdkLogger | None:
    if log_level is None:
        return None
    log = create_logger(logger, level=log_level)
    if not log.enabled("debug"):
        return None
    return log.bind(scope=scope) if scope else log


def _log_hooks(
    log: SdkLogger,
) -> tuple[Callable[[httpx.Request], None], Callable[[httpx.Response], None]]:
    def log_request(request: httpx.Request) -> None:
        log.debug(
            "HTTP request: method=%s url=%s has_auth=%s",
            request.method,
            _safe_url(request.url),
            "authorization" in request.headers,
        )

    def log_response(response: httpx.Response) -> None:
        request = response.request
        emit = log.warning if response.status_code >= 400 else log.debug
        emit(
            "HTTP response: status=%d method=%s url=%s",
            response.status_code,
            request.method,
            _safe_url(request.url),
        )

    return log_request, log_response


def _safe_url(url: httpx.URL) -> str:
    return str(url.copy_with(username=None, password=None, query=None, fragment=None))


def _as_coroutine(hook: Callable[[Any], None]) -> Callable[[Any], Awaitable[None]]:
    async def run(target: Any) -> None:
        hook(target)

    return run

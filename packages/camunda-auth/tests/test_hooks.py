"""inject_auth_event_hooks on real httpx clients."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from camunda_auth import (
    AsyncOAuthClientCredentialsAuthProvider,
    BasicAuthProvider,
    NullAuthProvider,
    OAuthClientCredentialsAuthProvider,
    inject_auth_event_hooks,
)
from camunda_log import SdkLogger

# conftest.TokenServer and CaptureLogger; test modules cannot import conftest.
TokenServer = Any
CaptureLogger = Any


def test_sync_hook_sets_headers_after_user_hooks(token_server: TokenServer) -> None:
    """User hooks stay and run first; the auth hook then sets the header."""
    order: list[str] = []

    def user_hook(request: httpx.Request) -> None:
        order.append(f"user:{request.headers.get('Authorization')}")

    original: dict[str, Any] = {"event_hooks": {"request": [user_hook]}, "timeout": 5}
    args = inject_auth_event_hooks(
        original, BasicAuthProvider(username="demo", password="demo")
    )
    with httpx.Client(**args) as client:
        response = client.get(f"{token_server.base_url}/api")

    assert response.status_code == 200
    assert order == ["user:None"]
    assert token_server.api_auth == ["Basic ZGVtbzpkZW1v"]
    assert args["timeout"] == 5
    assert args["event_hooks"]["request"][0] is user_hook
    assert len(args["event_hooks"]["request"]) == 2
    assert original == {"event_hooks": {"request": [user_hook]}, "timeout": 5}


async def test_async_hook_prefers_aget_headers(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """The async hook fetches a token through aget_headers."""
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        args = inject_auth_event_hooks(None, provider, async_client=True)
        async with httpx.AsyncClient(**args) as client:
            response = await client.get(f"{token_server.base_url}/api")

    assert response.status_code == 200
    assert token_server.api_auth == [f"Bearer {token_server.token(1)}"]


async def test_async_hook_accepts_sync_provider(token_server: TokenServer) -> None:
    """An async client with a sync-only provider falls back to get_headers."""
    args = inject_auth_event_hooks(
        {}, BasicAuthProvider(username="demo", password="demo"), async_client=True
    )
    async with httpx.AsyncClient(**args) as client:
        response = await client.get(f"{token_server.base_url}/api")

    assert response.status_code == 200
    assert token_server.api_auth == ["Basic ZGVtbzpkZW1v"]


def test_sync_hook_needs_get_headers() -> None:
    """An async-only provider on a sync client is rejected at once."""

    class AsyncOnly:
        async def aget_headers(self) -> Mapping[str, str]:
            return {}

    with pytest.raises(TypeError, match="async_client=True"):
        inject_auth_event_hooks({}, AsyncOnly())


def test_sync_oauth_provider_in_hook(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """The sync OAuth provider works through the hook."""
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        args = inject_auth_event_hooks({}, provider)
        with httpx.Client(**args) as client:
            client.get(f"{token_server.base_url}/api")

    assert token_server.api_auth == [f"Bearer {token_server.token(1)}"]


@pytest.mark.parametrize(
    ("log_level", "logged"),
    [
        (None, False),
        ("error", False),
        ("info", False),
        ("debug", True),
        ("trace", True),
    ],
)
def test_log_hooks_follow_level(
    token_server: TokenServer,
    capture: CaptureLogger,
    log_level: str | None,
    logged: bool,
) -> None:
    """At debug and beyond, requests and responses are logged without query."""
    args = inject_auth_event_hooks(
        {}, NullAuthProvider(), log_level=log_level, logger=capture, scope="rest"
    )
    with httpx.Client(**args) as client:
        client.get(f"{token_server.base_url}/api?secret=1")
        client.post(f"{token_server.base_url}/api", content=b"")

    url = f"{token_server.base_url}/api"
    expected = [
        ("debug", f"[scope=rest] HTTP request: method=GET url={url} has_auth=False"),
        ("warning", f"[scope=rest] HTTP response: status=401 method=GET url={url}"),
        ("debug", f"[scope=rest] HTTP request: method=POST url={url} has_auth=False"),
        ("warning", f"[scope=rest] HTTP response: status=401 method=POST url={url}"),
    ]

    assert capture.lines == (expected if logged else [])


def test_log_level_accepts_sdk_logger(
    token_server: TokenServer, capture: CaptureLogger
) -> None:
    """An SdkLogger is re-gated by log_level."""
    args = inject_auth_event_hooks(
        {},
        NullAuthProvider(),
        log_level="debug",
        logger=SdkLogger(capture, level="silent"),
    )
    with httpx.Client(**args) as client:
        client.get(f"{token_server.base_url}/api")

    assert [lvl for lvl, _ in capture.lines] == ["debug", "warning"]

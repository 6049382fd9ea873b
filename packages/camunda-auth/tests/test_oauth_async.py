"""The asyncio OAuth provider against a real endpoint."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from camunda_auth import (
    AsyncOAuthClientCredentialsAuthProvider,
    AuthenticationError,
    OAuthClientCredentialsAuthProvider,
    TokenRequestError,
)
from filelock import FileLock

# conftest.TokenServer; test modules cannot import conftest (importlib mode).
TokenServer = Any


def cached_entries(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(directory.glob("*.json"))]


async def test_fifty_coroutines_one_request(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """Fifty coroutines asking at once share one token request."""
    token_server.delay = 0.2
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        results = await asyncio.gather(*(provider.aget_headers() for _ in range(50)))

    assert token_server.token_requests == 1
    assert [dict(r) for r in results] == [token_server.bearer(1)] * 50


async def test_event_loop_runs_while_file_lock_is_held(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """Waiting for another process's file lock leaves the event loop free."""
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        cache_file = Path(str(provider.cache_file))
        other_process = FileLock(str(cache_file.with_suffix(".lock")))
        other_process.acquire()
        try:
            task = asyncio.create_task(provider.aget_headers())
            ticks = 0
            for _ in range(5):
                await asyncio.sleep(0.02)
                ticks += 1
            waiting = not task.done()
        finally:
            other_process.release()
        headers = dict(await task)

    assert (ticks, waiting) == (5, True)
    assert headers == token_server.bearer(1)
    assert token_server.token_requests == 1


async def test_sync_and_async_share_cache_files(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """A token fetched by the sync provider is read from disk by the async one."""
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as sync_provider:
        sync_provider.get_headers()
        sync_file = sync_provider.cache_file
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        headers = dict(await provider.aget_headers())
        async_file = provider.cache_file

    assert headers == token_server.bearer(1)
    assert sync_file == async_file
    assert token_server.token_requests == 1


async def test_async_then_sync_share_cache_files(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """A token fetched by the async provider is read from disk by the sync one."""
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        await provider.aget_headers()
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as sync_provider:
        headers = dict(sync_provider.get_headers())

    assert headers == token_server.bearer(1)
    assert token_server.token_requests == 1


async def test_sync_get_headers_is_cached_or_empty(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """get_headers() on the async provider never fetches: {} before, token after."""
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        before = dict(provider.get_headers())
        await provider.aget_headers()
        after = dict(provider.get_headers())

    assert before == {}
    assert after == token_server.bearer(1)
    assert token_server.token_requests == 1


async def test_form_body_matches_sync_provider(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """The async provider sends the same form, scope included."""
    async with AsyncOAuthClientCredentialsAuthProvider(
        **oauth_kwargs, scope="s", disk_cache_disable=True
    ) as provider:
        await provider.aget_headers()

    assert token_server.token_forms == [
        {
            "grant_type": "client_credentials",
            "client_id": "my-client",
            "client_secret": oauth_kwargs["client_secret"],
            "audience": "zeebe.camunda.io",
            "scope": "s",
        }
    ]


async def test_retry_on_503(
    token_server: TokenServer, oauth_kwargs: dict[str, Any], no_retry_wait: None
) -> None:
    """The async provider retries 503 like the sync one."""
    token_server.script((503, {}), (503, {}))
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        headers = dict(await provider.aget_headers())

    assert headers == token_server.bearer(1)
    assert token_server.token_requests == 3


async def test_retries_exhausted(
    token_server: TokenServer, oauth_kwargs: dict[str, Any], no_retry_wait: None
) -> None:
    """Four 503s raise TokenRequestError from the async provider too."""
    token_server.script(*[(503, {})] * 4)
    provider = AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs)
    async with provider:
        with pytest.raises(TokenRequestError) as info:
            await provider.aget_headers()

    assert (info.value.attempts, info.value.status_code) == (4, 503)


async def test_401_cooldown(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """A 401 is raised again within the cooldown without a second request."""
    token_server.script((401, {"error": "unauthorized_client"}))
    provider = AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs)
    async with provider:
        with pytest.raises(AuthenticationError) as first:
            await provider.aget_headers()
        with pytest.raises(AuthenticationError) as second:
            await provider.aget_headers()

    assert token_server.token_requests == 1
    assert (second.value.status_code, second.value.error) == (
        401,
        "unauthorized_client",
    )
    assert first.value is not second.value


async def test_ainvalidate_only_matching_token(
    token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
) -> None:
    """The token is dropped by ainvalidate only while it is still the cached one."""
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        await provider.aget_headers()
        await provider.ainvalidate("not-the-current-token")
        kept = dict(await provider.aget_headers())
        await provider.ainvalidate(token_server.token(1))
        files_after_drop = cached_entries(cache_dir)
        fresh = dict(await provider.aget_headers())

    entries = cached_entries(cache_dir)

    assert kept == token_server.bearer(1)
    assert files_after_drop == []
    assert fresh == token_server.bearer(2)
    assert [e["access_token"] for e in entries] == [token_server.token(2)]


async def test_stuck_lock_holder_is_bypassed_after_wait(
    token_server: TokenServer,
    oauth_kwargs: dict[str, Any],
    capture: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The async provider stops waiting for a stuck lock holder after the limit."""
    monkeypatch.setattr("camunda_auth._cache.LOCK_WAIT_S", 0.2)
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        lock_path = Path(str(provider.cache_file)).with_suffix(".lock")
        stuck = FileLock(str(lock_path))
        stuck.acquire()
        try:
            headers = dict(await provider.aget_headers())
        finally:
            stuck.release()

    assert headers == token_server.bearer(1)
    assert token_server.token_requests == 1
    assert [line for level, line in capture.lines if level == "warning"] == [
        f"OAuth token cache lock {lock_path} busy for 0.2s; going on without it"
    ]


async def test_cancelled_fetcher_hands_over_to_waiters(
    token_server: TokenServer, oauth_kwargs: dict[str, Any]
) -> None:
    """Cancelling the coroutine that fetches lets a waiter fetch; locks are freed."""
    token_server.delay = 0.3
    async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        fetcher = asyncio.create_task(provider.aget_headers())
        assert await asyncio.to_thread(token_server.token_request_seen.wait, 10)
        waiters = [asyncio.create_task(provider.aget_headers()) for _ in range(2)]
        await asyncio.sleep(0)
        fetcher.cancel()
        results = [dict(r) for r in await asyncio.gather(*waiters)]
        later = dict(await provider.aget_headers())

    assert fetcher.cancelled()
    assert results == [token_server.bearer(2)] * 2
    assert later == token_server.bearer(2)
    assert token_server.token_requests == 2

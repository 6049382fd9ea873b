"""Exercises the public API for pyright; never collected or run by pytest."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import httpx
from camunda_auth import (
    AsyncAuthProvider,
    AsyncOAuthClientCredentialsAuthProvider,
    AuthenticationError,
    AuthError,
    AuthProvider,
    BasicAuthProvider,
    CacheWarning,
    CamundaAuth,
    NullAuthProvider,
    OAuthClientCredentialsAuthProvider,
    RetryPolicy,
    TokenRequestError,
    default_token_cache_dir,
    inject_auth_event_hooks,
    instant_retries,
    resolve_token_cache_dir,
)
from camunda_log import NullLogger, create_logger


def sync_usage() -> Mapping[str, str]:
    provider: AuthProvider = OAuthClientCredentialsAuthProvider(
        oauth_url="http://127.0.0.1:1/token",
        client_id="id",
        client_secret="secret",
        audience="aud",
        cache_dir=None,
        disk_cache_disable=False,
        saas_401_cooldown_s=30.0,
        transport=httpx.HTTPTransport(),
        timeout=5.0,
        logger=create_logger(NullLogger()),
        scope="s",
        retry_policy=RetryPolicy(max_retries=1, base_delay_s=0.1, max_delay_s=1.0),
    )
    with OAuthClientCredentialsAuthProvider(
        oauth_url="u", client_id="i", client_secret="s", audience="a"
    ) as oauth:
        oauth.invalidate("token")
        oauth.invalidate()
        file: str | None = oauth.cache_file
        del file
    with httpx.Client(auth=CamundaAuth(provider)) as client:
        client.get("http://127.0.0.1:1/")
    args = inject_auth_event_hooks({"timeout": 1}, NullAuthProvider())
    httpx.Client(**args).close()
    return BasicAuthProvider(username="u", password="p").get_headers()


async def async_usage() -> Mapping[str, str]:
    async with AsyncOAuthClientCredentialsAuthProvider(
        oauth_url="u",
        client_id="i",
        client_secret="s",
        audience="a",
        transport=httpx.AsyncHTTPTransport(),
    ) as provider:
        await provider.ainvalidate(None)
        cached: Mapping[str, str] = provider.get_headers()
        del cached
        as_protocol: AsyncAuthProvider = provider
        args = inject_auth_event_hooks(
            None,
            as_protocol,
            async_client=True,
            log_level="debug",
            logger=NullLogger(),
            scope="rest",
        )
        async with httpx.AsyncClient(auth=CamundaAuth(provider), **args) as client:
            await client.get("http://127.0.0.1:1/")
        return await provider.aget_headers()


def errors_and_paths() -> tuple[Path, Path, int | None, str | None]:
    with instant_retries():
        pass
    try:
        sync_usage()
    except AuthenticationError as exc:
        return (
            default_token_cache_dir(),
            resolve_token_cache_dir(),
            exc.status_code,
            exc.error,
        )
    except TokenRequestError as exc:
        return (Path(), Path(exc.url), exc.status_code, str(exc.attempts))
    except AuthError:
        raise
    warning: type[UserWarning] = CacheWarning
    del warning
    return (Path(), Path(), None, None)

"""Build the auth provider the configuration names."""

from __future__ import annotations

from typing import Any

import httpx
from camunda_auth import (
    AsyncAuthProvider,
    AsyncOAuthClientCredentialsAuthProvider,
    AuthProvider,
    BasicAuthProvider,
    NullAuthProvider,
    OAuthClientCredentialsAuthProvider,
)
from camunda_log import SdkLogger


def _secret(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "get_secret_value"):
        return str(value.get_secret_value())
    return str(value)


def _oauth_kwargs(config: Any, logger: SdkLogger) -> dict[str, Any]:
    return {
        "oauth_url": config.CAMUNDA_OAUTH_URL,
        "client_id": config.CAMUNDA_CLIENT_ID or "",
        "client_secret": _secret(config.CAMUNDA_CLIENT_SECRET),
        "audience": config.CAMUNDA_TOKEN_AUDIENCE,
        "cache_dir": getattr(config, "CAMUNDA_TOKEN_CACHE_DIR", None),
        "disk_cache_disable": bool(
            getattr(config, "CAMUNDA_TOKEN_DISK_CACHE_DISABLE", False)
        ),
        "scope": getattr(config, "CAMUNDA_TOKEN_SCOPE", None),
        "logger": logger,
    }


def build_sync_provider(
    config: Any, *, transport: httpx.BaseTransport | None, logger: SdkLogger
) -> AuthProvider:
    """Return the provider for ``CAMUNDA_AUTH_STRATEGY``, for a sync client."""
    strategy = config.CAMUNDA_AUTH_STRATEGY
    if strategy == "OAUTH":
        return OAuthClientCredentialsAuthProvider(
            transport=transport, **_oauth_kwargs(config, logger)
        )
    if strategy == "BASIC":
        return _basic(config)
    return NullAuthProvider()


def build_async_provider(
    config: Any, *, transport: httpx.AsyncBaseTransport | None, logger: SdkLogger
) -> AuthProvider | AsyncAuthProvider:
    """Return the provider for ``CAMUNDA_AUTH_STRATEGY``, for an async client."""
    strategy = config.CAMUNDA_AUTH_STRATEGY
    if strategy == "OAUTH":
        return AsyncOAuthClientCredentialsAuthProvider(
            transport=transport, **_oauth_kwargs(config, logger)
        )
    if strategy == "BASIC":
        return _basic(config)
    return NullAuthProvider()


def _basic(config: Any) -> BasicAuthProvider:
    return BasicAuthProvider(
        username=config.CAMUNDA_BASIC_AUTH_USERNAME or "",
        password=_secret(config.CAMUNDA_BASIC_AUTH_PASSWORD),
    )

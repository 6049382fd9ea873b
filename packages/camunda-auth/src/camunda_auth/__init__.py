"""Authentication for Camunda 8 REST clients: none, HTTP Basic, OAuth 2.0.

Providers hand out request headers; ``CamundaAuth`` plugs a provider into
httpx and refreshes OAuth tokens after a 401. OAuth tokens are cached in
memory and, by default, in a per-user directory shared by processes (see
``resolve_token_cache_dir``).
"""

from __future__ import annotations

from camunda_auth._async_oauth import AsyncOAuthClientCredentialsAuthProvider
from camunda_auth._cache import default_token_cache_dir, resolve_token_cache_dir
from camunda_auth._errors import (
    AuthenticationError,
    AuthError,
    CacheWarning,
    TokenRequestError,
)
from camunda_auth._hooks import inject_auth_event_hooks
from camunda_auth._httpx_auth import CamundaAuth
from camunda_auth._oauth import OAuthClientCredentialsAuthProvider
from camunda_auth._providers import (
    AsyncAuthProvider,
    AuthProvider,
    BasicAuthProvider,
    NullAuthProvider,
)
from camunda_auth._retry import RetryPolicy, instant_retries

__all__ = [
    # protocols and providers
    "AuthProvider",
    "AsyncAuthProvider",
    "NullAuthProvider",
    "BasicAuthProvider",
    "OAuthClientCredentialsAuthProvider",
    "AsyncOAuthClientCredentialsAuthProvider",
    # httpx integration
    "CamundaAuth",
    "inject_auth_event_hooks",
    # token cache and retries
    "default_token_cache_dir",
    "resolve_token_cache_dir",
    "RetryPolicy",
    "instant_retries",
    # errors and warnings
    "AuthError",
    "AuthenticationError",
    "TokenRequestError",
    "CacheWarning",
]

"""The package's public surface."""

from __future__ import annotations

import camunda_auth


def test_all_is_the_intended_surface() -> None:
    """__all__ lists exactly the public names, and each exists."""
    expected = [
        "AuthProvider",
        "AsyncAuthProvider",
        "NullAuthProvider",
        "BasicAuthProvider",
        "OAuthClientCredentialsAuthProvider",
        "AsyncOAuthClientCredentialsAuthProvider",
        "CamundaAuth",
        "inject_auth_event_hooks",
        "default_token_cache_dir",
        "resolve_token_cache_dir",
        "RetryPolicy",
        "instant_retries",
        "AuthError",
        "AuthenticationError",
        "TokenRequestError",
        "CacheWarning",
    ]

    assert camunda_auth.__all__ == expected
    assert [n for n in expected if not hasattr(camunda_auth, n)] == []


def test_error_hierarchy() -> None:
    """Both auth errors derive from AuthError; CacheWarning is a UserWarning."""
    assert issubclass(camunda_auth.AuthenticationError, camunda_auth.AuthError)
    assert issubclass(camunda_auth.TokenRequestError, camunda_auth.AuthError)
    assert issubclass(camunda_auth.AuthError, Exception)
    assert issubclass(camunda_auth.CacheWarning, UserWarning)


def test_providers_satisfy_protocols() -> None:
    """The built-in providers are recognised by the runtime-checkable protocols."""
    basic = camunda_auth.BasicAuthProvider(username="u", password="p")

    assert isinstance(camunda_auth.NullAuthProvider(), camunda_auth.AuthProvider)
    assert isinstance(basic, camunda_auth.AuthProvider)
    assert not isinstance(basic, camunda_auth.AsyncAuthProvider)
    assert issubclass(
        camunda_auth.AsyncOAuthClientCredentialsAuthProvider,
        camunda_auth.AsyncAuthProvider,
    )

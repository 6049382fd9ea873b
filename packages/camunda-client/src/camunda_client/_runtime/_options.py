"""Merge the user's httpx keywords with what the configuration asks for."""

from __future__ import annotations

import ssl
from importlib import metadata
from typing import Any

import httpx

_RESERVED = {
    "base_url": "set CAMUNDA_REST_ADDRESS in the configuration instead",
    "auth": "pass auth_provider= or set CAMUNDA_AUTH_STRATEGY instead",
    "token": "pass auth_provider= or set CAMUNDA_AUTH_STRATEGY instead",
}


def user_agent() -> str:
    """Return the User-Agent naming this SDK and its version."""
    try:
        version = metadata.version("camunda-orchestration-client")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"camunda-orchestration-client-python/{version} httpx/{httpx.__version__}"


def httpx_options(
    kwargs: dict[str, Any],
    *,
    base_url: str,
    timeout_s: float | None,
    ssl_context: ssl.SSLContext | None,
) -> dict[str, Any]:
    """Return the keywords for `httpx.Client` / `httpx.AsyncClient`.

    Accepts the reference SDK's ``httpx_args`` (merged in), ``verify_ssl``
    (an alias of ``verify``) and ``raise_on_unexpected_status`` (ignored:
    errors always raise).

    Raises:
        TypeError: For ``base_url``, ``auth`` or ``token``, which the
            configuration and the auth provider own.
    """
    options = dict(kwargs)
    options.update(options.pop("httpx_args", None) or {})
    options.pop("raise_on_unexpected_status", None)
    if "verify_ssl" in options:
        options.setdefault("verify", options.pop("verify_ssl"))
    for name, hint in _RESERVED.items():
        if name in options:
            msg = f"{name}= is not accepted: {hint}"
            raise TypeError(msg)

    options["base_url"] = base_url
    options.setdefault("timeout", httpx.Timeout(timeout_s))
    headers = httpx.Headers({"User-Agent": user_agent()})
    headers.update(options.get("headers") or {})
    options["headers"] = headers
    if ssl_context is not None:
        options.setdefault("verify", ssl_context)
    return options

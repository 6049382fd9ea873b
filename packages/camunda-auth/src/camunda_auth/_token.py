"""Sans-I/O core of the OAuth client-credentials flow.

Everything here is pure: building the token request, reading the answer,
deciding how long a token may be reused and the cache file format. With
``_retry`` and ``_state`` it is all the logic the sync and async providers
share; they only add I/O.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import cast

from camunda_auth._errors import AuthenticationError, TokenRequestError

#: Lifetime assumed when the token response has no usable ``expires_in``.
DEFAULT_EXPIRES_IN_S = 60.0
#: Timeout of one token request when the provider gets ``timeout=None``.
DEFAULT_TOKEN_TIMEOUT_S = 10.0
#: A token is reused for at least this fraction of its lifetime ...
REUSE_FRACTION = 0.8
#: ... or until this many seconds before expiry, whichever is later.
REFRESH_MARGIN_S = 60.0

_CACHE_FORMAT_VERSION = 1
_REJECTED_STATUSES = frozenset({400, 401, 403})
_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, repr=False)
class Token:
    """An access token with the wall-clock times that govern its reuse."""

    access_token: str
    expires_at: float
    refresh_at: float

    def usable(self, now: float) -> bool:
        """Whether the token may still be handed out at wall-clock time ``now``."""
        return now < self.refresh_at

    def headers(self) -> dict[str, str]:
        """The request headers that carry this token."""
        return {"Authorization": f"Bearer {self.access_token}"}

    def __repr__(self) -> str:
        return f"Token(expires_at={self.expires_at!r}, refresh_at={self.refresh_at!r})"


def token_for_lifetime(access_token: str, lifetime: float, issued_at: float) -> Token:
    """Build a token that is reused for ``max(80% L, L - 60 s)`` of lifetime L.

    Long tokens are refreshed a minute early; short ones still serve 80% of
    their life, so a 10 s token is reused for 8 s rather than fetched per call.
    """
    reuse_for = max(REUSE_FRACTION * lifetime, lifetime - REFRESH_MARGIN_S)
    return Token(
        access_token=access_token,
        expires_at=issued_at + lifetime,
        refresh_at=issued_at + reuse_for,
    )


def parse_expires_in(value: object) -> float | None:
    """Read ``expires_in`` given as a number or numeric string; None if unusable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        try:
            seconds = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    if not math.isfinite(seconds) or seconds <= 0:
        return None
    return seconds


@dataclass(frozen=True)
class ClientCredentials:
    """What identifies a token: endpoint, client, audience, scope (and the secret)."""

    oauth_url: str
    client_id: str
    client_secret: str = field(repr=False)
    audience: str
    scope: str | None = None

    def form(self) -> dict[str, str]:
        """The form fields of the token request."""
        fields = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "audience": self.audience,
        }
        if self.scope:
            fields["scope"] = self.scope
        return fields

    def cache_key(self) -> str:
        """Hex sha256 over the identifying fields; never includes the secret."""
        material = json.dumps(
            [self.oauth_url, self.client_id, self.audience, self.scope or ""],
            separators=(",", ":"),
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RetryLater:
    """The token endpoint asked for (or suffers from) a transient failure."""

    status_code: int
    retry_after_s: float | None


def read_token_response(
    *,
    status_code: int,
    body: bytes,
    retry_after: str | None,
    url: str,
    issued_at: float,
    attempts: int,
) -> Token | RetryLater:
    """Turn one token endpoint answer into a token or a retry decision.

    Raises:
        AuthenticationError: On 400, 401 or 403.
        TokenRequestError: On any other non-retryable answer.
    """
    if status_code in _REJECTED_STATUSES:
        raise AuthenticationError(
            status_code=status_code, url=url, error=_oauth_error_code(body)
        )
    if status_code in _RETRIED_STATUSES:
        return RetryLater(status_code, _parse_retry_after(retry_after))
    if not 200 <= status_code < 300:
        raise TokenRequestError(
            f"token endpoint answered HTTP {status_code}",
            url=url,
            attempts=attempts,
            status_code=status_code,
        )
    payload = _json_object(body)
    access_token = payload.get("access_token") if payload is not None else None
    if not isinstance(access_token, str) or not access_token:
        raise TokenRequestError(
            "token response has no access_token",
            url=url,
            attempts=attempts,
            status_code=status_code,
        )
    assert payload is not None
    lifetime = parse_expires_in(payload.get("expires_in"))
    return token_for_lifetime(access_token, lifetime or DEFAULT_EXPIRES_IN_S, issued_at)


def _json_object(body: bytes) -> dict[str, object] | None:
    try:
        payload: object = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict):
        return None
    items = cast("dict[object, object]", payload).items()
    return {str(key): value for key, value in items}


def _oauth_error_code(body: bytes) -> str | None:
    payload = _json_object(body)
    code = payload.get("error") if payload is not None else None
    # Only a short identifier-like code is kept; free text might echo input.
    if isinstance(code, str) and 0 < len(code) <= 64 and code.isprintable():
        return code
    return None


def _parse_retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


# ---------------------------------------------------------------- cache file


def encode_cache_entry(token: Token, key: str) -> bytes:
    """Serialise a token for the cache file; the secret is never part of it."""
    entry = {
        "version": _CACHE_FORMAT_VERSION,
        "key": key,
        "access_token": token.access_token,
        "expires_at": token.expires_at,
        "refresh_at": token.refresh_at,
    }
    return json.dumps(entry, separators=(",", ":")).encode("utf-8")


def decode_cache_entry(data: bytes, key: str) -> Token | None:
    """Read a cache file; anything empty, corrupt or foreign is None (a miss)."""
    entry = _json_object(data)
    if entry is None or entry.get("version") != _CACHE_FORMAT_VERSION:
        return None
    if entry.get("key") != key:
        return None
    access_token = entry.get("access_token")
    expires_at = entry.get("expires_at")
    refresh_at = entry.get("refresh_at")
    if not isinstance(access_token, str) or not access_token:
        return None
    if not _is_time(expires_at) or not _is_time(refresh_at):
        return None
    assert isinstance(expires_at, (int, float))
    assert isinstance(refresh_at, (int, float))
    if refresh_at > expires_at:
        return None
    return Token(access_token, float(expires_at), float(refresh_at))


def _is_time(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )

"""Auth modes of the dev engine: none, basic, or OAuth with its own token endpoint."""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs

from camunda_testkit._http._problems import ProblemError

AuthMode = Literal["none", "basic", "oauth"]
AUTH_MODES: tuple[AuthMode, ...] = ("none", "basic", "oauth")


@dataclass(frozen=True)
class TokenGrant:
    """An issued access token and the moment it stops being valid."""

    expires_at: float
    client_id: str


class OAuthError(Exception):
    """A token request the endpoint refuses (RFC 6749 error response)."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description


class Authenticator:
    """Check request credentials and issue OAuth tokens.

    Args:
        mode: ``none`` accepts anything, ``basic`` wants the exact user and
            password, ``oauth`` wants a bearer token this engine issued.
        basic_credentials: The user and password of ``basic`` mode.
        client_id: The client id the token endpoint accepts.
        client_secret: The client secret the token endpoint accepts.
        token_lifetime_s: ``expires_in`` of issued tokens, in seconds.
        clock: Monotonic seconds; tests may inject their own.
    """

    def __init__(
        self,
        mode: AuthMode = "none",
        *,
        basic_credentials: tuple[str, str] = ("demo", "demo"),
        client_id: str = "devengine",
        client_secret: str = "devengine-secret",  # noqa: S107 - local test default
        token_lifetime_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if mode not in AUTH_MODES:
            msg = f"auth must be one of {', '.join(AUTH_MODES)}, not {mode!r}"
            raise ValueError(msg)
        self.mode: AuthMode = mode
        self._basic = basic_credentials
        self._client_id = client_id
        self._client_secret = client_secret
        self.token_lifetime_s = token_lifetime_s
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, TokenGrant] = {}
        self._token_requests = 0

    def __repr__(self) -> str:
        return f"Authenticator(mode={self.mode!r})"

    @property
    def token_requests(self) -> int:
        """How many requests reached the token endpoint, refused ones included."""
        return self._token_requests

    @property
    def basic_password(self) -> str:
        """The password ``basic`` mode accepts (a local test value)."""
        return self._basic[1]

    @property
    def client_secret(self) -> str:
        """The client secret the token endpoint accepts (a local test value)."""
        return self._client_secret

    def revoke_tokens(self) -> None:
        """Forget every issued token, so the next call with one gets 401."""
        with self._lock:
            self._tokens.clear()

    def check(self, headers: Mapping[str, str]) -> None:
        """Accept or refuse a ``/v2`` request by its ``Authorization`` header.

        Raises:
            ProblemError: 401 when the credentials do not satisfy the mode.
        """
        if self.mode == "none":
            return
        header = headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if self.mode == "basic":
            if scheme.lower() == "basic" and self._basic_matches(value.strip()):
                return
            raise _unauthorized("Basic", "Missing or invalid basic credentials")
        if scheme.lower() == "bearer" and self._token_valid(value.strip()):
            return
        raise _unauthorized("Bearer", "Missing, unknown or expired bearer token")

    def issue_token(self, body: bytes, headers: Mapping[str, str]) -> dict[str, object]:
        """Answer a client-credentials token request (form-encoded body).

        Raises:
            OAuthError: Wrong grant type or wrong client credentials.
        """
        with self._lock:
            self._token_requests += 1
        form = {k: v[0] for k, v in parse_qs(body.decode("latin-1")).items()}
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        header_id, header_secret = _basic_pair(headers.get("authorization", ""))
        if header_id is not None:
            client_id, client_secret = header_id, header_secret
        if form.get("grant_type") != "client_credentials":
            raise OAuthError(400, "unsupported_grant_type", "use client_credentials")
        if not (
            _same(client_id or "", self._client_id)
            and _same(client_secret or "", self._client_secret)
        ):
            raise OAuthError(401, "invalid_client", "unknown client or wrong secret")
        token = secrets.token_urlsafe(24)
        with self._lock:
            expires_at = self._clock() + self.token_lifetime_s
            self._tokens[token] = TokenGrant(expires_at, self._client_id)
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": int(self.token_lifetime_s),
        }

    def _basic_matches(self, value: str) -> bool:
        user, password = _basic_pair("Basic " + value)
        if user is None or password is None:
            return False
        return _same(user, self._basic[0]) and _same(password, self._basic[1])

    def _token_valid(self, token: str) -> bool:
        with self._lock:
            grant = self._tokens.get(token)
            if grant is None:
                return False
            if grant.expires_at <= self._clock():
                del self._tokens[token]
                return False
            return True


def _same(left: str, right: str) -> bool:
    return hmac.compare_digest(left.encode(), right.encode())


def _basic_pair(header: str) -> tuple[str | None, str | None]:
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    user, sep, password = decoded.partition(":")
    if not sep:
        return None, None
    return user, password


def _unauthorized(scheme: str, detail: str) -> ProblemError:
    headers = {"WWW-Authenticate": f'{scheme} realm="camunda-devengine"'}
    return ProblemError(401, "UNAUTHORIZED", detail, headers)

"""The provider protocols and the two providers that need no token endpoint."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class AuthProvider(Protocol):
    """Supplies the authentication headers of each request; cheap to call."""

    def get_headers(self) -> Mapping[str, str]:
        """The headers to add to the next request."""
        ...


@runtime_checkable
class AsyncAuthProvider(Protocol):
    """Supplies the authentication headers of each request, for asyncio clients.

    Async clients prefer ``aget_headers`` over ``get_headers`` when a
    provider has both.
    """

    async def aget_headers(self) -> Mapping[str, str]:
        """The headers to add to the next request."""
        ...


class NullAuthProvider:
    """Adds no headers, for clusters that do not require authentication."""

    def get_headers(self) -> Mapping[str, str]:
        """An empty mapping."""
        return {}

    def __repr__(self) -> str:
        return "NullAuthProvider()"


class BasicAuthProvider:
    """HTTP Basic authentication with a fixed username and password.

    Args:
        username: Leading and trailing whitespace is removed; must not be empty.
        password: Leading and trailing whitespace is removed; must not be empty.

    Raises:
        ValueError: When either value is empty.
    """

    def __init__(self, *, username: str, password: str) -> None:
        user = _stripped(username)
        secret = _stripped(password)
        if not user:
            msg = "username must be a non-empty string"
            raise ValueError(msg)
        if not secret:
            msg = "password must be a non-empty string"
            raise ValueError(msg)
        if ":" in user:
            msg = "username must not contain ':' (RFC 7617)"
            raise ValueError(msg)
        self._username = user
        encoded = base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
        self._headers: Mapping[str, str] = {"Authorization": f"Basic {encoded}"}

    def get_headers(self) -> Mapping[str, str]:
        """The ``Authorization: Basic ...`` header."""
        return dict(self._headers)

    def __repr__(self) -> str:
        return f"BasicAuthProvider(username={self._username!r})"


def _stripped(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""

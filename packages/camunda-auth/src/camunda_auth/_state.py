"""A provider's in-memory token, last failure and 401 cooldown (no I/O)."""

from __future__ import annotations

import copy

from camunda_auth._errors import AuthenticationError, AuthError
from camunda_auth._token import Token


def clone_error(error: AuthError) -> AuthError:
    """A fresh copy of ``error`` to raise again, keeping its cause."""
    clone = copy.copy(error)
    clone.__cause__ = error.__cause__
    return clone


class TokenState:
    """The in-memory token, the last failure and the 401 cooldown of a provider.

    All methods are cheap and do no I/O; callers serialise refreshes with
    their own (thread or asyncio) lock.
    """

    def __init__(self, cooldown_s: float) -> None:
        self._cooldown_s = cooldown_s
        self._token: Token | None = None
        self._rejected: AuthenticationError | None = None
        self._rejected_until = 0.0
        self._failure: AuthError | None = None
        self.failures = 0

    def fresh(self, now: float) -> Token | None:
        """The in-memory token if it may still be used."""
        token = self._token
        return token if token is not None and token.usable(now) else None

    def accept(self, token: Token) -> None:
        """Remember a new token and forget earlier failures."""
        self._token = token
        self._rejected = None

    def invalidate(self, access_token: str | None) -> bool:
        """Drop the token if it is ``access_token`` (or always, for None)."""
        current = self._token
        if current is None:
            return False
        if access_token is not None and current.access_token != access_token:
            return False
        self._token = None
        return True

    def fail(self, error: AuthError, monotonic_now: float) -> None:
        """Record a failed refresh so that waiters and the cooldown see it."""
        self._failure = error
        self.failures += 1
        if (
            isinstance(error, AuthenticationError)
            and error.status_code == 401
            and self._cooldown_s > 0
        ):
            self._rejected = error
            self._rejected_until = monotonic_now + self._cooldown_s

    def failure_since(self, seen_failures: int) -> AuthError | None:
        """The failure of a refresh that ran while the caller was waiting."""
        if self.failures != seen_failures and self._failure is not None:
            return clone_error(self._failure)
        return None

    def cooling_down(self, monotonic_now: float) -> AuthenticationError | None:
        """The 401 to raise again while the cooldown lasts, else None."""
        if self._rejected is not None and monotonic_now < self._rejected_until:
            clone = clone_error(self._rejected)
            assert isinstance(clone, AuthenticationError)
            return clone
        return None

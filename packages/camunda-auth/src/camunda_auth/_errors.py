"""The exceptions and warnings that camunda-auth raises."""

from __future__ import annotations

import httpx

__all__ = ["AuthError", "AuthenticationError", "CacheWarning", "TokenRequestError"]


def redact_url(url: str) -> str:
    """Return ``url`` without user info, query or fragment, safe for messages."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return "<invalid url>"
    return str(
        parsed.copy_with(username=None, password=None, query=None, fragment=None)
    )


class AuthError(Exception):
    """Base class of every error raised by camunda-auth."""


class AuthenticationError(AuthError):
    """The token endpoint rejected the credentials (HTTP 400, 401 or 403).

    Retrying does not help; the configuration has to change.

    Attributes:
        status_code: The HTTP status the token endpoint answered with.
        url: The token endpoint, without user info or query.
        error: The OAuth ``error`` code from the response body, if any.
    """

    def __init__(self, *, status_code: int, url: str, error: str | None) -> None:
        self.status_code = status_code
        self.url = redact_url(url)
        self.error = error
        detail = f", error={error!r}" if error else ""
        super().__init__(
            f"token endpoint {self.url} rejected the client credentials "
            f"(HTTP {status_code}{detail})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_authentication_error, (self.status_code, self.url, self.error))


def _rebuild_authentication_error(
    status_code: int, url: str, error: str | None
) -> AuthenticationError:
    return AuthenticationError(status_code=status_code, url=url, error=error)


class TokenRequestError(AuthError):
    """A token could not be obtained after all retries, or the answer was unusable.

    The last underlying failure is chained as ``__cause__``.

    Attributes:
        url: The token endpoint, without user info or query.
        attempts: How many requests were sent.
        status_code: The last HTTP status seen, or None after a connection error.
    """

    def __init__(
        self, message: str, *, url: str, attempts: int, status_code: int | None
    ) -> None:
        self.url = redact_url(url)
        self.attempts = attempts
        self.status_code = status_code
        self.reason = message
        super().__init__(f"{message} (token endpoint {self.url}, attempts={attempts})")

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_token_request_error,
            (self.reason, self.url, self.attempts, self.status_code),
        )


def _rebuild_token_request_error(
    message: str, url: str, attempts: int, status_code: int | None
) -> TokenRequestError:
    return TokenRequestError(
        message, url=url, attempts=attempts, status_code=status_code
    )


class CacheWarning(UserWarning):
    """The token cache directory is unusable; tokens are kept in memory only."""

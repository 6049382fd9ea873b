"""What the sync and async OAuth providers share: settings, state, the exchange."""

from __future__ import annotations

import os
import time
from collections.abc import Generator

import httpx
from camunda_log import CamundaLogger, SdkLogger, create_logger

from camunda_auth._cache import TokenFileCache, resolve_token_cache_dir
from camunda_auth._errors import AuthError, TokenRequestError, redact_url
from camunda_auth._retry import RetryPolicy
from camunda_auth._state import TokenState
from camunda_auth._token import (
    DEFAULT_TOKEN_TIMEOUT_S,
    ClientCredentials,
    RetryLater,
    Token,
    read_token_response,
)

#: What the exchange generator receives back: the answer or the network failure.
Reply = httpx.Response | httpx.TransportError
#: What it asks for: None means "send the token request", a float "sleep".
Step = Generator[float | None, Reply | None, Token]

REQUEST_HEADERS = {"Accept": "application/json", "User-Agent": "camunda-auth"}


def _require(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        msg = f"{name} must be a non-empty string"
        raise ValueError(msg)
    return value.strip()


def _optional(name: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        msg = f"{name} must be a string"
        raise TypeError(msg)
    return value.strip()


def _check_url(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in {"http", "https"} or not parsed.host:
        msg = f"oauth_url must be an absolute http(s) URL, got {redact_url(url)}"
        raise ValueError(msg)
    return url


class OAuthProviderBase:
    """Settings, in-memory state and the retrying token exchange, without I/O."""

    def __init__(
        self,
        *,
        oauth_url: str,
        client_id: str,
        client_secret: str,
        audience: str,
        cache_dir: str | os.PathLike[str] | None,
        disk_cache_disable: bool,
        saas_401_cooldown_s: float,
        timeout: float | httpx.Timeout | None,
        logger: CamundaLogger | SdkLogger | None,
        scope: str | None,
        retry_policy: RetryPolicy | None,
    ) -> None:
        self._credentials = ClientCredentials(
            oauth_url=_check_url(_require("oauth_url", oauth_url)),
            client_id=_require("client_id", client_id),
            client_secret=_require("client_secret", client_secret),
            audience=_optional("audience", audience),
            scope=scope.strip() if scope and scope.strip() else None,
        )
        self._state = TokenState(max(0.0, float(saas_401_cooldown_s)))
        self._retry = retry_policy if retry_policy is not None else RetryPolicy()
        self._timeout = DEFAULT_TOKEN_TIMEOUT_S if timeout is None else timeout
        self._log = create_logger(logger)
        self._disk = self._open_disk_cache(cache_dir, disable=disk_cache_disable)

    def __repr__(self) -> str:
        creds = self._credentials
        return (
            f"{type(self).__name__}(oauth_url={redact_url(creds.oauth_url)!r}, "
            f"client_id={creds.client_id!r}, audience={creds.audience!r}, "
            f"scope={creds.scope!r})"
        )

    @property
    def cache_file(self) -> str | None:
        """Path of this provider's token cache file, or None when memory-only."""
        return str(self._disk.path) if self._disk is not None else None

    def _open_disk_cache(
        self, cache_dir: str | os.PathLike[str] | None, *, disable: bool
    ) -> TokenFileCache | None:
        if disable:
            self._log.debug("OAuth token disk cache disabled")
            return None
        directory = resolve_token_cache_dir(cache_dir)
        disk = TokenFileCache(directory, self._credentials.cache_key())
        if not disk.prepare():
            self._log.warning("OAuth token cache dir %s not usable", directory)
            return None
        self._log.debug("OAuth token cache file %s", disk.path)
        return disk

    def _drop_disk_cache(self, error: OSError) -> None:
        disk = self._disk
        if disk is None:
            return
        self._disk = None
        disk.warn_unusable(error)
        self._log.warning(
            "OAuth token cache dir %s failed; memory only", disk.directory
        )

    def _lock_busy(self, disk: TokenFileCache) -> None:
        self._log.warning(
            "OAuth token cache lock %s busy for %.1fs; going on without it",
            disk.path.with_suffix(".lock"),
            disk.lock_wait_s,
        )

    def _form(self) -> dict[str, str]:
        form = self._credentials.form()
        if not self._credentials.audience:
            del form["audience"]
        return form

    def _record_failure(self, error: AuthError) -> None:
        self._state.fail(error, time.monotonic())
        self._log.error("OAuth token request failed: %s", error)

    def _accept(self, token: Token, source: str) -> Token:
        self._state.accept(token)
        self._log.debug(
            "OAuth token from %s, reused for %.1fs",
            source,
            token.refresh_at - time.time(),
        )
        return token

    def _exchange(self) -> Step:
        """Run one token acquisition with retries, as a sans-I/O generator."""
        creds = self._credentials
        delay = 0.0
        cause: Exception | None = None
        status: int | None = None
        attempts = 0
        for retry in range(self._retry.max_retries + 1):
            if retry:
                yield delay
            attempts += 1
            issued_at = time.time()
            self._log.debug(
                "OAuth token request: url=%s client_id=%s audience=%s attempt=%d",
                redact_url(creds.oauth_url),
                creds.client_id,
                creds.audience,
                attempts,
            )
            reply = yield None
            assert reply is not None, "the exchange expects a reply to a send"
            if isinstance(reply, httpx.TransportError):
                cause, status, retry_after = reply, None, None
                self._log.warning(
                    "OAuth token request failed with %s", type(reply).__name__
                )
            else:
                outcome = read_token_response(
                    status_code=reply.status_code,
                    body=reply.content,
                    retry_after=reply.headers.get("retry-after"),
                    url=creds.oauth_url,
                    issued_at=issued_at,
                    attempts=attempts,
                )
                if isinstance(outcome, Token):
                    return outcome
                cause = _status_error(reply, outcome)
                status, retry_after = outcome.status_code, outcome.retry_after_s
                self._log.warning(
                    "OAuth token endpoint answered HTTP %d", outcome.status_code
                )
            delay = self._retry.delay(retry, retry_after)
            if retry < self._retry.max_retries:
                self._log.debug("OAuth token request retry in %.3fs", delay)
        reason = "token request failed"
        if status is not None:
            reason = f"token endpoint answered HTTP {status}"
        elif cause is not None:
            reason = f"token request failed with {type(cause).__name__}"
        raise TokenRequestError(
            reason, url=creds.oauth_url, attempts=attempts, status_code=status
        ) from cause


def _status_error(reply: httpx.Response, outcome: RetryLater) -> httpx.HTTPStatusError:
    return httpx.HTTPStatusError(
        f"token endpoint answered HTTP {outcome.status_code}",
        request=reply.request,
        response=reply,
    )

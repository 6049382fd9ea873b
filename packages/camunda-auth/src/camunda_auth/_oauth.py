"""The OAuth 2.0 client-credentials provider for synchronous clients."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType

import httpx
from camunda_log import CamundaLogger, SdkLogger

from camunda_auth._base import REQUEST_HEADERS, OAuthProviderBase, Step
from camunda_auth._cache import TokenFileCache
from camunda_auth._errors import AuthError
from camunda_auth._retry import RetryPolicy
from camunda_auth._token import Token


class OAuthClientCredentialsAuthProvider(OAuthProviderBase):
    """Fetches, caches and refreshes OAuth client-credentials tokens (sync).

    Tokens are reused for ``max(80% L, L - 60 s)`` of their lifetime L and
    never after expiry; a response without a usable ``expires_in`` counts as
    60 s. Concurrent threads share one token request; processes sharing the
    cache directory share one too, through a file lock.

    Args:
        oauth_url: The token endpoint; requests go to exactly this URL.
        client_id: The OAuth client id.
        client_secret: The OAuth client secret; it never leaves the form body.
        audience: The ``audience`` form field (omitted when empty).
        cache_dir: Token cache directory; see ``resolve_token_cache_dir``.
        disk_cache_disable: Keep tokens in memory only.
        saas_401_cooldown_s: After a 401 from the token endpoint, calls within
            this many seconds raise the same error without a request.
        transport: The httpx transport for token requests.
        timeout: Token request timeout; 10 s when None.
        logger: Any logger the camunda-log facade accepts.
        scope: The ``scope`` form field, sent only when set.
        retry_policy: Retries on 429, 5xx and connection errors.
    """

    def __init__(
        self,
        *,
        oauth_url: str,
        client_id: str,
        client_secret: str,
        audience: str,
        cache_dir: str | os.PathLike[str] | None = None,
        disk_cache_disable: bool = False,
        saas_401_cooldown_s: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        timeout: float | httpx.Timeout | None = None,
        logger: CamundaLogger | SdkLogger | None = None,
        scope: str | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(
            oauth_url=oauth_url,
            client_id=client_id,
            client_secret=client_secret,
            audience=audience,
            cache_dir=cache_dir,
            disk_cache_disable=disk_cache_disable,
            saas_401_cooldown_s=saas_401_cooldown_s,
            timeout=timeout,
            logger=logger,
            scope=scope,
            retry_policy=retry_policy,
        )
        self._lock = threading.Lock()
        self._http = httpx.Client(
            transport=transport, timeout=self._timeout, follow_redirects=False
        )

    def get_headers(self) -> Mapping[str, str]:
        """The ``Authorization`` header with a valid token, fetching one if needed.

        Raises:
            AuthenticationError: The token endpoint rejected the credentials.
            TokenRequestError: No token after all retries.
        """
        token = self._state.fresh(time.time())
        if token is None:
            token = self._refresh()
        return token.headers()

    def invalidate(self, token: str | None = None) -> None:
        """Drop the cached token (memory and disk) if it is still ``token``.

        Args:
            token: The access token a server rejected; None drops any token.
        """
        with self._lock:
            if self._state.invalidate(token):
                self._log.debug("OAuth token dropped from memory")
            disk = self._disk
            if disk is None:
                return
            try:
                locked = disk.acquire_lock()
            except OSError as exc:
                self._drop_disk_cache(exc)
                return
            if not locked:
                self._lock_busy(disk)
                return
            try:
                if disk.remove_if(token):
                    self._log.debug("OAuth token dropped from disk")
            except OSError as exc:
                self._drop_disk_cache(exc)
            finally:
                disk.release_lock()

    def close(self) -> None:
        """Close the HTTP client used for token requests."""
        self._http.close()

    def __enter__(self) -> OAuthClientCredentialsAuthProvider:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _refresh(self) -> Token:
        seen_failures = self._state.failures
        with self._lock:
            token = self._state.fresh(time.time())
            if token is not None:
                return token
            earlier = self._state.failure_since(seen_failures)
            if earlier is None:
                earlier = self._state.cooling_down(time.monotonic())
            if earlier is not None:
                raise earlier
            try:
                return self._obtain()
            except AuthError as exc:
                self._record_failure(exc)
                raise

    def _obtain(self) -> Token:
        disk = self._disk
        if disk is None:
            return self._accept(self._fetch(), "token endpoint")
        token = self._read(disk)
        if token is not None:
            return self._accept(token, "disk cache")
        try:
            locked = disk.acquire_lock()
        except OSError as exc:
            self._drop_disk_cache(exc)
            return self._accept(self._fetch(), "token endpoint")
        if not locked:
            self._lock_busy(disk)
        try:
            token = self._read(disk)
            if token is not None:
                return self._accept(token, "disk cache")
            token = self._fetch()
            self._write(disk, token)
            return self._accept(token, "token endpoint")
        finally:
            if locked:
                disk.release_lock()

    def _read(self, disk: TokenFileCache) -> Token | None:
        token = disk.read()
        return token if token is not None and token.usable(time.time()) else None

    def _write(self, disk: TokenFileCache, token: Token) -> None:
        try:
            disk.write(token)
        except OSError as exc:
            self._drop_disk_cache(exc)

    def _fetch(self) -> Token:
        return _drive(self._exchange(), self._post)

    def _post(self) -> httpx.Response:
        return self._http.post(
            self._credentials.oauth_url,
            data=self._form(),
            headers=REQUEST_HEADERS,
        )


def _drive(exchange: Step, post: Callable[[], httpx.Response]) -> Token:
    """Run the exchange generator with blocking sends and sleeps."""
    try:
        step = next(exchange)
        while True:
            if step is not None:
                time.sleep(step)
                step = exchange.send(None)
                continue
            try:
                reply: httpx.Response | httpx.TransportError = post()
            except httpx.TransportError as exc:
                reply = exc
            step = exchange.send(reply)
    except StopIteration as done:
        token: Token = done.value
        return token

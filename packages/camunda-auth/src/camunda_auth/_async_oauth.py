"""The OAuth 2.0 client-credentials provider for asyncio clients."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from types import TracebackType

import httpx
from camunda_log import CamundaLogger, SdkLogger

from camunda_auth._base import REQUEST_HEADERS, OAuthProviderBase, Step
from camunda_auth._cache import TokenFileCache
from camunda_auth._errors import AuthError
from camunda_auth._retry import RetryPolicy
from camunda_auth._token import Token

_LOCK_POLL_S = 0.01


class AsyncOAuthClientCredentialsAuthProvider(OAuthProviderBase):
    """Fetches, caches and refreshes OAuth client-credentials tokens (asyncio).

    Same arguments and behaviour as ``OAuthClientCredentialsAuthProvider``
    (and the same cache files), except that ``transport`` is an
    ``httpx.AsyncBaseTransport``. Waiting for another coroutine's or another
    process's refresh never blocks the event loop: the file lock is polled
    without blocking and file I/O runs in worker threads.
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
        transport: httpx.AsyncBaseTransport | None = None,
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
        self._lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            transport=transport, timeout=self._timeout, follow_redirects=False
        )

    async def aget_headers(self) -> Mapping[str, str]:
        """The ``Authorization`` header with a valid token, fetching one if needed.

        Raises:
            AuthenticationError: The token endpoint rejected the credentials.
            TokenRequestError: No token after all retries.
        """
        token = self._state.fresh(time.time())
        if token is None:
            token = await self._refresh()
        return token.headers()

    def get_headers(self) -> Mapping[str, str]:
        """The headers of the token held in memory, or ``{}``; never does I/O."""
        token = self._state.fresh(time.time())
        return token.headers() if token is not None else {}

    async def ainvalidate(self, token: str | None = None) -> None:
        """Drop the cached token (memory and disk) if it is still ``token``.

        Args:
            token: The access token a server rejected; None drops any token.
        """
        async with self._lock:
            if self._state.invalidate(token):
                self._log.debug("OAuth token dropped from memory")
            disk = self._disk
            if disk is None:
                return
            try:
                locked = await _acquire(disk)
            except OSError as exc:
                self._drop_disk_cache(exc)
                return
            if not locked:
                self._lock_busy(disk)
                return
            try:
                if await asyncio.to_thread(disk.remove_if, token):
                    self._log.debug("OAuth token dropped from disk")
            except OSError as exc:
                self._drop_disk_cache(exc)
            finally:
                disk.release_lock()

    async def aclose(self) -> None:
        """Close the HTTP client used for token requests."""
        await self._http.aclose()

    async def __aenter__(self) -> AsyncOAuthClientCredentialsAuthProvider:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _refresh(self) -> Token:
        seen_failures = self._state.failures
        async with self._lock:
            token = self._state.fresh(time.time())
            if token is not None:
                return token
            earlier = self._state.failure_since(seen_failures)
            if earlier is None:
                earlier = self._state.cooling_down(time.monotonic())
            if earlier is not None:
                raise earlier
            try:
                return await self._obtain()
            except AuthError as exc:
                self._record_failure(exc)
                raise

    async def _obtain(self) -> Token:
        disk = self._disk
        if disk is None:
            return self._accept(await self._fetch(), "token endpoint")
        token = await self._read(disk)
        if token is not None:
            return self._accept(token, "disk cache")
        try:
            locked = await _acquire(disk)
        except OSError as exc:
            self._drop_disk_cache(exc)
            return self._accept(await self._fetch(), "token endpoint")
        if not locked:
            self._lock_busy(disk)
        try:
            token = await self._read(disk)
            if token is not None:
                return self._accept(token, "disk cache")
            token = await self._fetch()
            await self._write(disk, token)
            return self._accept(token, "token endpoint")
        finally:
            if locked:
                disk.release_lock()

    async def _read(self, disk: TokenFileCache) -> Token | None:
        token = await asyncio.to_thread(disk.read)
        return token if token is not None and token.usable(time.time()) else None

    async def _write(self, disk: TokenFileCache, token: Token) -> None:
        try:
            await asyncio.to_thread(disk.write, token)
        except OSError as exc:
            self._drop_disk_cache(exc)

    async def _fetch(self) -> Token:
        return await _adrive(self._exchange(), self._http, self._post_args())

    def _post_args(self) -> tuple[str, dict[str, str]]:
        return self._credentials.oauth_url, self._form()


async def _acquire(disk: TokenFileCache) -> bool:
    """Take the file lock by polling, so the event loop keeps running.

    Returns:
        False when another process held it for ``disk.lock_wait_s`` seconds.
    """
    deadline = time.monotonic() + disk.lock_wait_s
    # Another process holds it: there is nothing to await but time.
    while not disk.try_lock():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(_LOCK_POLL_S)
    return True


async def _adrive(
    exchange: Step, http: httpx.AsyncClient, post_args: tuple[str, dict[str, str]]
) -> Token:
    """Run the exchange generator with async sends and sleeps."""
    url, form = post_args
    try:
        step = next(exchange)
        while True:
            if step is not None:
                await asyncio.sleep(step)
                step = exchange.send(None)
                continue
            try:
                reply: httpx.Response | httpx.TransportError = await http.post(
                    url, data=form, headers=REQUEST_HEADERS
                )
            except httpx.TransportError as exc:
                reply = exc
            step = exchange.send(reply)
    except StopIteration as done:
        token: Token = done.value
        return token

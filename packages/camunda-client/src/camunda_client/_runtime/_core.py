"""The sync and async implementations of `_call`, layered by concern.

`_send_with_consistency` polls until a read shows the expected state,
`_send_with_retries` retries backpressure answers, `_send_gated` holds a
backpressure permit, and `_send_once` does the one HTTP exchange. Everything
that does no I/O lives in the sibling modules and in `_CoreBase`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import httpx

from camunda_client.errors import ApiError

from ._backpressure import (
    AsyncBackpressureGate,
    BackpressureGate,
    BackpressureSnapshot,
    BackpressureState,
)
from ._caller import AsyncCaller, SyncCaller
from ._consistency import ConsistencyOptions
from ._consistency_wait import ConsistencyWait
from ._http_log import (
    HttpLogger,
    NullHttpLogger,
    log_response,
    log_retry,
    log_transport_error,
)
from ._operation import MultipartFiles, Operation, Parser, PathParams, QueryParams, T
from ._pagination import CursorPager
from ._requests import RequestParts, request_parts
from ._responses import api_error, connection_error, is_success
from ._retry import backoff_s, is_backpressure, is_retryable, retry_after_s
from ._settings import RuntimeSettings


class _CoreBase:
    """State and decisions shared by the sync and async cores."""

    _settings: RuntimeSettings
    _log: HttpLogger

    def _init_core(
        self, settings: RuntimeSettings | None, logger: HttpLogger | None
    ) -> BackpressureState:
        self._settings = settings or RuntimeSettings()
        self._log = logger or NullHttpLogger()
        return BackpressureState(self._settings.backpressure_profile)

    @property
    def settings(self) -> RuntimeSettings:
        """The runtime settings this client was built with."""
        return self._settings

    def _parts(
        self,
        op: Operation,
        client_timeout: httpx.Timeout,
        *,
        path_params: PathParams | None,
        query: QueryParams | None,
        json: Any,
        files: MultipartFiles | None,
        form: Mapping[str, str] | None,
    ) -> RequestParts:
        return request_parts(
            op,
            self._settings,
            client_timeout,
            path_params=path_params,
            query=query,
            json=json,
            files=files,
            form=form,
        )

    def _checked(
        self, op: Operation, request: httpx.Request, response: httpx.Response
    ) -> httpx.Response:
        log_response(self._log, op.name, request, response)
        if not is_success(response.status_code):
            raise api_error(op, response)
        return response

    def _retry_pause_s(
        self, op: Operation, error: ApiError, retry: int
    ) -> float | None:
        settings = self._settings
        if retry >= settings.max_retries or not is_retryable(error):
            return None
        pause = backoff_s(
            retry,
            base_s=settings.retry_base_delay_s,
            max_s=settings.retry_max_delay_s,
            retry_after=retry_after_s(error.headers),
        )
        log_retry(
            self._log,
            op.name,
            error.status_code,
            retry + 1,
            settings.max_retries,
            pause,
        )
        return pause


def _is_gated(op: Operation) -> bool:
    return not (op.exempt_from_backpressure or op.long_poll)


class SyncClientCore(_CoreBase, SyncCaller):
    """The blocking runtime under `CamundaClient`, driving an `httpx.Client`."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        settings: RuntimeSettings | None = None,
        logger: HttpLogger | None = None,
    ) -> None:
        self._http = http
        self._gate = BackpressureGate(self._init_core(settings, logger))

    @property
    def backpressure(self) -> BackpressureSnapshot:
        """The current state of this client's backpressure gate."""
        return self._gate.snapshot()

    def _call(
        self,
        op: Operation,
        parse: Parser[T],
        *,
        path_params: PathParams | None = None,
        query: QueryParams | None = None,
        json: Any = None,
        files: MultipartFiles | None = None,
        form: Mapping[str, str] | None = None,
        consistency: ConsistencyOptions | None = None,
    ) -> T:
        parts = self._parts(
            op,
            self._http.timeout,
            path_params=path_params,
            query=query,
            json=json,
            files=files,
            form=form,
        )
        return self._send_with_consistency(op, parts, parse, consistency)

    def _paginate(
        self,
        op: Operation,
        parse_page: Parser[Any],
        *,
        json: Mapping[str, Any] | None,
        path_params: PathParams | None = None,
        query: QueryParams | None = None,
        page_size: int | None = None,
    ) -> Iterator[Any]:
        pager = CursorPager(json, page_size)
        while not pager.done:
            page = self._call(
                op, parse_page, path_params=path_params, query=query, json=pager.body()
            )
            yield from pager.items_of(page)

    def _send_with_consistency(
        self,
        op: Operation,
        parts: RequestParts,
        parse: Parser[T],
        consistency: ConsistencyOptions | None,
    ) -> T:
        if consistency is None or consistency.wait_up_to_ms <= 0:
            return parse(self._send_with_retries(op, parts))
        wait = ConsistencyWait(op, consistency)
        while True:
            try:
                response = self._send_with_retries(op, parts)
            except ApiError as error:
                if not wait.may_retry(error):
                    raise
            else:
                result = parse(response)
                if wait.satisfied(result, response.status_code):
                    return result
            pause = wait.next_pause_s()
            if pause is None:
                raise wait.timeout_error()
            time.sleep(pause)

    def _send_with_retries(self, op: Operation, parts: RequestParts) -> httpx.Response:
        retry = 0
        while True:
            try:
                return self._send_gated(op, parts)
            except ApiError as error:
                pause = self._retry_pause_s(op, error, retry)
                if pause is None:
                    raise
            retry += 1
            time.sleep(pause)

    def _send_gated(self, op: Operation, parts: RequestParts) -> httpx.Response:
        gated = _is_gated(op)
        if gated:
            self._gate.acquire()
        try:
            response = self._send_once(op, parts.build(self._http))
        except ApiError as error:
            if is_backpressure(error.status_code, error.content):
                self._gate.record(backpressure=True)
            raise
        finally:
            if gated:
                self._gate.release()
        self._gate.record(backpressure=False)
        return response

    def _send_once(self, op: Operation, request: httpx.Request) -> httpx.Response:
        try:
            response = self._http.send(request)
        except httpx.RequestError as exc:
            log_transport_error(self._log, op.name, request, exc)
            raise connection_error(op, exc) from exc
        return self._checked(op, request, response)


class AsyncClientCore(_CoreBase, AsyncCaller):
    """The asyncio runtime under `CamundaAsyncClient` (drives `httpx.AsyncClient`)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        settings: RuntimeSettings | None = None,
        logger: HttpLogger | None = None,
    ) -> None:
        self._http = http
        self._gate = AsyncBackpressureGate(self._init_core(settings, logger))

    @property
    def backpressure(self) -> BackpressureSnapshot:
        """The current state of this client's backpressure gate."""
        return self._gate.snapshot()

    async def _call(
        self,
        op: Operation,
        parse: Parser[T],
        *,
        path_params: PathParams | None = None,
        query: QueryParams | None = None,
        json: Any = None,
        files: MultipartFiles | None = None,
        form: Mapping[str, str] | None = None,
        consistency: ConsistencyOptions | None = None,
    ) -> T:
        parts = self._parts(
            op,
            self._http.timeout,
            path_params=path_params,
            query=query,
            json=json,
            files=files,
            form=form,
        )
        return await self._send_with_consistency(op, parts, parse, consistency)

    async def _apaginate(
        self,
        op: Operation,
        parse_page: Parser[Any],
        *,
        json: Mapping[str, Any] | None,
        path_params: PathParams | None = None,
        query: QueryParams | None = None,
        page_size: int | None = None,
    ) -> AsyncIterator[Any]:
        pager = CursorPager(json, page_size)
        while not pager.done:
            page = await self._call(
                op, parse_page, path_params=path_params, query=query, json=pager.body()
            )
            for item in pager.items_of(page):
                yield item

    async def _send_with_consistency(
        self,
        op: Operation,
        parts: RequestParts,
        parse: Parser[T],
        consistency: ConsistencyOptions | None,
    ) -> T:
        if consistency is None or consistency.wait_up_to_ms <= 0:
            return parse(await self._send_with_retries(op, parts))
        wait = ConsistencyWait(op, consistency)
        while True:
            try:
                response = await self._send_with_retries(op, parts)
            except ApiError as error:
                if not wait.may_retry(error):
                    raise
            else:
                result = parse(response)
                if wait.satisfied(result, response.status_code):
                    return result
            pause = wait.next_pause_s()
            if pause is None:
                raise wait.timeout_error()
            await asyncio.sleep(pause)

    async def _send_with_retries(
        self, op: Operation, parts: RequestParts
    ) -> httpx.Response:
        retry = 0
        while True:
            try:
                return await self._send_gated(op, parts)
            except ApiError as error:
                pause = self._retry_pause_s(op, error, retry)
                if pause is None:
                    raise
            retry += 1
            await asyncio.sleep(pause)

    async def _send_gated(self, op: Operation, parts: RequestParts) -> httpx.Response:
        gated = _is_gated(op)
        if gated:
            await self._gate.acquire()
        try:
            response = await self._send_once(op, parts.build(self._http))
        except ApiError as error:
            if is_backpressure(error.status_code, error.content):
                self._gate.record(backpressure=True)
            raise
        finally:
            if gated:
                self._gate.release()
        self._gate.record(backpressure=False)
        return response

    async def _send_once(self, op: Operation, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._http.send(request)
        except httpx.RequestError as exc:
            log_transport_error(self._log, op.name, request, exc)
            raise connection_error(op, exc) from exc
        return self._checked(op, request, response)

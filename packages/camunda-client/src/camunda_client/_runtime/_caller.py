"""Abstract callers that the generated operation mixins build on."""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from ._consistency import ConsistencyOptions
from ._operation import MultipartFiles, Operation, Parser, PathParams, QueryParams, T


class SyncCaller(abc.ABC):
    """Base of the generated sync operations; the runtime implements `_call`."""

    @abc.abstractmethod
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
        """Send `op` and return `parse(response)` for a success status.

        Raises:
            camunda_client.errors.CamundaError: On any failure, translated
                into the documented hierarchy.
        """

    @abc.abstractmethod
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
        """Yield every item of a search, page after page (cursor paging).

        `parse_page` returns the page model; the runtime reads its `items`
        and `page.end_cursor` attributes and stops on an empty page or a
        repeated cursor.
        """


class AsyncCaller(abc.ABC):
    """Base of the generated async operations; the runtime implements `_call`."""

    @abc.abstractmethod
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
        """Send `op` and return `parse(response)` for a success status.

        Raises:
            camunda_client.errors.CamundaError: On any failure, translated
                into the documented hierarchy.
        """

    @abc.abstractmethod
    def _apaginate(
        self,
        op: Operation,
        parse_page: Parser[Any],
        *,
        json: Mapping[str, Any] | None,
        path_params: PathParams | None = None,
        query: QueryParams | None = None,
        page_size: int | None = None,
    ) -> AsyncIterator[Any]:
        """Yield every item of a search, page after page (cursor paging)."""

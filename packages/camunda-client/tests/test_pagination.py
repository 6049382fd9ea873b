"""Auto-pagination follows endCursor until an empty page or a repeated cursor."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx
from camunda_client._runtime._core import AsyncClientCore, SyncClientCore


def pages_handler(pages: list[dict[str, Any]], seen: list[Any]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=pages[len(seen) - 1])

    return handler


PAGES = [
    {"items": [1, 2], "page": {"endCursor": "c1"}},
    {"items": [3], "page": {"endCursor": "c2"}},
    {"items": [], "page": {"endCursor": None}},
]


def test_iterates_every_page(kit: ModuleType) -> None:
    """All items arrive in order; each request carries the previous cursor."""
    seen: list[Any] = []
    http = httpx.Client(
        base_url="http://camunda.test/v2",
        transport=httpx.MockTransport(pages_handler(PAGES, seen)),
    )
    core = SyncClientCore(http)

    items = list(
        core._paginate(
            kit.SEARCH_INSTANCES,
            kit.parse_json,
            json={"filter": {"state": "ACTIVE"}, "page": {"from": 5}},
            page_size=2,
        )
    )

    assert [1, 2, 3] == items
    assert [
        {"filter": {"state": "ACTIVE"}, "page": {"limit": 2}},
        {"filter": {"state": "ACTIVE"}, "page": {"limit": 2, "after": "c1"}},
        {"filter": {"state": "ACTIVE"}, "page": {"limit": 2, "after": "c2"}},
    ] == seen


def test_repeated_cursor_stops(kit: ModuleType) -> None:
    """A server that returns the same cursor again cannot loop us forever."""
    seen: list[Any] = []
    pages = [{"items": [1], "page": {"endCursor": "same"}}] * 3
    http = httpx.Client(
        base_url="http://camunda.test/v2",
        transport=httpx.MockTransport(pages_handler(pages, seen)),
    )

    items = list(
        SyncClientCore(http)._paginate(kit.SEARCH_INSTANCES, kit.parse_json, json=None)
    )

    assert ([1, 1], 2) == (items, len(seen))


async def test_async_iterates_every_page(kit: ModuleType) -> None:
    """The async iterator yields the same items."""
    seen: list[Any] = []
    http = httpx.AsyncClient(
        base_url="http://camunda.test/v2",
        transport=httpx.MockTransport(pages_handler(PAGES, seen)),
    )
    core = AsyncClientCore(http)

    items = [
        i async for i in core._apaginate(kit.SEARCH_INSTANCES, kit.parse_json, json={})
    ]
    await http.aclose()

    assert ([1, 2, 3], 3) == (items, len(seen))

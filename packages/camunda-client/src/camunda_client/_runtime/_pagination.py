"""Cursor paging over search operations, free of I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast


class CursorPager:
    """Builds each page's request body and decides when the search is done."""

    def __init__(self, body: Mapping[str, Any] | None, page_size: int | None) -> None:
        self._body: dict[str, Any] = dict(body or {})
        page = cast("dict[str, Any]", dict(self._body.get("page") or {}))
        page.pop("from", None)
        page.pop("before", None)
        if page_size is not None:
            page["limit"] = page_size
        self._page = page
        self._seen: set[str] = set()
        self.done = False

    def body(self) -> dict[str, Any]:
        """Return the request body of the next page."""
        if self._page:
            return {**self._body, "page": dict(self._page)}
        return dict(self._body)

    def items_of(self, page_model: Any) -> list[Any]:
        """Return the page's items and move the cursor past them."""
        items = list(_get(page_model, "items") or [])
        cursor = _get(_get(page_model, "page"), "end_cursor", "endCursor")
        if not items or not isinstance(cursor, str) or cursor in self._seen:
            self.done = True
        else:
            self._seen.add(cursor)
            self._page["after"] = cursor
        return items


def _get(obj: Any, *names: str) -> Any:
    for name in names:
        if isinstance(obj, Mapping):
            value = cast("Mapping[str, Any]", obj).get(name)
        else:
            value = getattr(obj, name, None)
        if value is not None:
            return value
    return None

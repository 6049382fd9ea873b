"""Read projections with an optional lag, like secondary storage behind an exporter."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

__all__ = ["Projection"]

View = dict[str, Any]
Snapshot = tuple[float, Any]
Renderer = Callable[[Any], View]


class Projection:
    """Per-entity history of rendered views, read as of ``now - lag``.

    With no lag only the latest view is kept. With a lag, each key keeps the
    views written within the lag window plus the newest one older than it,
    so a read sees exactly what it would have seen ``lag`` ago: nothing for a
    record created since, and the old state for one changed since.

    Without lag the record itself is kept and rendered when read, which
    keeps commands cheap; with lag each change is rendered at once.

    Args:
        render: Turns a record into its wire view.
        lag_ms: How far reads trail writes, in real milliseconds.
        monotonic: Time source in seconds (injectable for tests).
    """

    def __init__(
        self,
        render: Renderer,
        lag_ms: int = 0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lag_s = lag_ms / 1000
        self._render = render
        self._monotonic = monotonic
        self._history: dict[str, dict[int, list[Snapshot]]] = {}

    def clear(self) -> None:
        """Forget every view."""
        self._history.clear()

    def write(self, entity: str, key: int, record: Any) -> None:
        """Record that ``entity`` ``key`` changed (a record or a ready view)."""
        now = self._monotonic()
        table = self._history.setdefault(entity, {})
        history = table.get(key)
        if self.lag_s <= 0:
            table[key] = [(now, record)]
            return
        view = self._view(record)
        if history is None:
            table[key] = [(now, view)]
            return
        history.append((now, view))
        cutoff = now - self.lag_s
        while len(history) > 1 and history[1][0] <= cutoff:
            del history[0]

    def delete(self, entity: str, key: int) -> None:
        """Forget one record (history retention ran out)."""
        self._history.get(entity, {}).pop(key, None)

    def read(self, entity: str, key: int) -> View | None:
        """The view of one record as a lagged reader sees it, or None."""
        history = self._history.get(entity, {}).get(key)
        if history is None:
            return None
        return self._visible(history, self._monotonic() - self.lag_s)

    def rows(self, entity: str) -> list[View]:
        """Every visible view of ``entity``, in creation order."""
        cutoff = self._monotonic() - self.lag_s
        table = self._history.get(entity, {})
        found: list[View] = []
        for history in table.values():
            view = self._visible(history, cutoff)
            if view is not None:
                found.append(view)
        return found

    def _visible(self, history: list[Snapshot], cutoff: float) -> View | None:
        if self.lag_s <= 0:
            return self._view(history[-1][1])
        visible: Any = None
        for written, stored in history:
            if written > cutoff:
                break
            visible = stored
        return None if visible is None else self._view(visible)

    def _view(self, stored: Any) -> View:
        if isinstance(stored, dict):
            return cast("View", stored)
        return self._render(stored)

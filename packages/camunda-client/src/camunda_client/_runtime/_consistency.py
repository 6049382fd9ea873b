"""Options for waiting on eventually-consistent reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs


@attrs.frozen
class ConsistencyOptions:
    """Poll an eventually-consistent read until it shows what you expect.

    Attributes:
        wait_up_to_ms: Time budget; ``0`` or less means a single call.
        poll_interval_ms: Pause between attempts (at least 10 ms).
        predicate: Called with the parsed result; the wait ends when it
            returns True. ``None`` means: a GET returned something, or a
            search returned at least one item.
    """

    wait_up_to_ms: int
    poll_interval_ms: int = 500
    predicate: Callable[[Any], bool] | None = None

"""The API's model classes, loaded on first use (same path as the reference SDK)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import camunda_client.models as _models

if TYPE_CHECKING:
    from camunda_client.models import *  # noqa: F403  # pyright: ignore[reportWildcardImportFromLibrary]

__all__: list[str] = []
__all__ += _models.__all__


def __getattr__(name: str) -> Any:
    value = getattr(_models, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

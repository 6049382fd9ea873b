"""The one exception the engine core raises for a rejected command or read."""

from __future__ import annotations

__all__ = [
    "EngineError",
    "already_exists",
    "invalid_argument",
    "invalid_state",
    "not_found",
]


class EngineError(Exception):
    """A command or read the engine rejects, shaped like a Zeebe rejection.

    Attributes:
        status: The HTTP status the REST layer answers with.
        title: The rejection type, for example ``NOT_FOUND``.
        detail: A human-readable explanation; never contains secrets.
    """

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail

    def __repr__(self) -> str:
        return f"EngineError({self.status}, {self.title!r}, {self.detail!r})"


def not_found(detail: str) -> EngineError:
    """Build a 404 NOT_FOUND rejection."""
    return EngineError(404, "NOT_FOUND", detail)


def invalid_state(detail: str) -> EngineError:
    """Build a 409 INVALID_STATE rejection."""
    return EngineError(409, "INVALID_STATE", detail)


def already_exists(detail: str) -> EngineError:
    """Build a 409 ALREADY_EXISTS rejection."""
    return EngineError(409, "ALREADY_EXISTS", detail)


def invalid_argument(detail: str) -> EngineError:
    """Build a 400 INVALID_ARGUMENT rejection."""
    return EngineError(400, "INVALID_ARGUMENT", detail)

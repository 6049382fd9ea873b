"""The logger protocol the SDK accepts and a logger that drops everything."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class CamundaLogger(Protocol):
    """What the SDK needs from a logger.

    A stdlib ``logging.Logger``, ``loguru.logger`` and any object with these
    four methods fit.
    """

    def debug(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log a debug message."""
        ...

    def info(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log an informational message."""
        ...

    def warning(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log a warning."""
        ...

    def error(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Log an error."""
        ...


class NullLogger:
    """A logger that discards every message."""

    __slots__ = ()

    def trace(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Discard a trace message."""

    def debug(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Discard a debug message."""

    def info(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Discard an informational message."""

    def warning(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Discard a warning."""

    def error(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        """Discard an error."""

    def __repr__(self) -> str:
        return "NullLogger()"

"""The few HTTP log lines the runtime writes; never headers, never secrets."""

from __future__ import annotations

from typing import Protocol

import httpx

# Trace logs show at most this many characters of an error body.
_MAX_BODY_CHARS = 500


class HttpLogger(Protocol):
    """The subset of camunda-log's `SdkLogger` the runtime uses."""

    def debug(self, msg: str, /, *args: object) -> None:
        """Log at debug level with lazy %-args."""
        ...

    def trace(self, msg: str, /, *args: object) -> None:
        """Log at trace level with lazy %-args."""
        ...


class NullHttpLogger:
    """Discards everything; the default when no logger is given."""

    def debug(self, msg: str, /, *args: object) -> None:
        """Discard a debug message."""

    def trace(self, msg: str, /, *args: object) -> None:
        """Discard a trace message."""


class _BodyPreview:
    """Renders a body excerpt only if a log line is really emitted."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    def __str__(self) -> str:
        text = self._content[: _MAX_BODY_CHARS * 4].decode("utf-8", "replace")
        if len(text) > _MAX_BODY_CHARS:
            return text[:_MAX_BODY_CHARS] + "\u2026"
        return text


def log_response(
    log: HttpLogger, name: str, request: httpx.Request, response: httpx.Response
) -> None:
    """Log one answered request; error bodies only at trace, truncated."""
    elapsed_ms = (
        response.elapsed.total_seconds() * 1000 if _has_elapsed(response) else 0
    )
    log.debug(
        "HTTP %s %s -> %d in %.1f ms [%s]",
        request.method,
        request.url.path,
        response.status_code,
        elapsed_ms,
        name,
    )
    if response.status_code >= 400:
        log.trace(
            "HTTP %d body [%s]: %s",
            response.status_code,
            name,
            _BodyPreview(response.content),
        )


def log_transport_error(
    log: HttpLogger, name: str, request: httpx.Request, exc: Exception
) -> None:
    """Log a request that got no answer."""
    log.debug(
        "HTTP %s %s failed [%s]: %s",
        request.method,
        request.url.path,
        name,
        type(exc).__name__,
    )


def log_retry(
    log: HttpLogger,
    name: str,
    status_code: int,
    retry: int,
    max_retries: int,
    pause_s: float,
) -> None:
    """Log a retry decision."""
    log.debug(
        "HTTP %d on %s, retry %d of %d in %.3f s",
        status_code,
        name,
        retry,
        max_retries,
        pause_s,
    )


def _has_elapsed(response: httpx.Response) -> bool:
    try:
        response.elapsed  # noqa: B018 - httpx raises until the body is closed
    except RuntimeError:
        return False
    return True

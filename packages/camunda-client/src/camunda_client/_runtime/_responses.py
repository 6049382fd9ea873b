"""Turn HTTP answers and transport failures into the documented errors."""

from __future__ import annotations

import json
from typing import Any, cast

import httpx

from camunda_client.errors import (
    ApiError,
    CamundaConnectionError,
    CamundaTimeoutError,
    error_class_for_status,
)

from ._operation import Operation


def is_success(status_code: int) -> bool:
    """Return True for any 2xx status (a server may pick another 2xx)."""
    return 200 <= status_code < 300


def parse_problem(content: bytes) -> dict[str, Any] | None:
    """Return the body as a JSON object, or None when it is not one."""
    if not content:
        return None
    try:
        value: Any = json.loads(content)
    except ValueError:
        return None
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def api_error(op: Operation, response: httpx.Response) -> ApiError:
    """Build the `ApiError` subclass for a read, non-success `response`."""
    cls = error_class_for_status(response.status_code)
    return cls(
        status_code=response.status_code,
        operation_id=op.operation_id,
        content=response.content,
        problem=parse_problem(response.content),
        headers=dict(response.headers),
    )


def connection_error(op: Operation, exc: httpx.RequestError) -> CamundaConnectionError:
    """Wrap a transport failure; the caller chains `exc` with ``from``."""
    cls = CamundaTimeoutError if isinstance(exc, httpx.TimeoutException) else None
    kind = type(exc).__name__
    detail = str(exc) or "no details"
    message = f"[{op.operation_id}] {kind}: {detail}"
    if cls is not None:
        return cls(message, operation_id=op.operation_id)
    return CamundaConnectionError(message, operation_id=op.operation_id)

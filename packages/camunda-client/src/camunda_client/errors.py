"""Every error the client raises, in one hierarchy rooted at `CamundaError`.

HTTP error statuses map to one class per status, whatever the operation
documents; network failures become `CamundaConnectionError` with the httpx
exception chained as the cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "CamundaError",
    "ApiError",
    "BadRequestError",
    "UnauthorizedError",
    "PaymentRequiredError",
    "ForbiddenError",
    "NotFoundError",
    "MethodNotAllowedError",
    "NotAcceptableError",
    "RequestTimeoutError",
    "ConflictError",
    "GoneError",
    "PreconditionFailedError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "UnprocessableEntityError",
    "TooManyRequestsError",
    "InternalServerErrorError",
    "NotImplementedError_",
    "BadGatewayError",
    "ServiceUnavailableError",
    "GatewayTimeoutError",
    "UnexpectedStatus",
    "CamundaConnectionError",
    "CamundaTimeoutError",
    "EventualConsistencyTimeoutError",
    "BackpressureQueueFull",
    "error_class_for_status",
]

# str(error) shows at most this many characters of the server's explanation.
_MAX_MESSAGE_CHARS = 300


def _shorten(text: str, limit: int = _MAX_MESSAGE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "\u2026"


class CamundaError(Exception):
    """Base class of every error raised by the Camunda client."""


class ApiError(CamundaError):
    """The server answered with an error status.

    Attributes:
        status_code: The HTTP status.
        title: The problem's ``title``, or None when the body had none.
        detail: The problem's ``detail``, or None when the body had none.
        problem: The body parsed as a JSON object, or None when it was not one.
        operation_id: The spec's operationId of the failed call.
        content: The raw response body.
        headers: The response headers, names in lower case.
    """

    def __init__(
        self,
        *,
        status_code: int,
        operation_id: str,
        content: bytes = b"",
        problem: dict[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.operation_id = operation_id
        self.content = content
        self.problem = problem
        self.title = _text_field(problem, "title")
        self.detail = _text_field(problem, "detail")
        super().__init__(self._summary())

    @property
    def parsed(self) -> Any:
        """The problem as a `camunda_client.models.ProblemDetail`, or None.

        Kept for code written against the reference SDK; `problem`, `title`
        and `detail` need no model import.
        """
        if self.problem is None:
            return None
        from camunda_client.models import ProblemDetail  # lazy: models load on use

        try:
            return ProblemDetail.from_dict(self.problem)
        except (TypeError, ValueError):
            return None

    def _summary(self) -> str:
        parts = [f"HTTP {self.status_code}"]
        if self.title:
            parts.append(_shorten(self.title, 80))
        parts.append(f"[{self.operation_id}]")
        summary = " ".join(parts)
        if self.detail:
            return f"{summary}: {_shorten(self.detail)}"
        if self.problem is None and self.content:
            body = self.content[: _MAX_MESSAGE_CHARS * 2].decode("utf-8", "replace")
            return f"{summary}: {_shorten(body)}"
        return summary

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = {
            "status_code": self.status_code,
            "operation_id": self.operation_id,
            "content": self.content,
            "problem": self.problem,
            "headers": self.headers,
        }
        return (_rebuild_api_error, (type(self), kwargs))


def _rebuild_api_error(cls: type[ApiError], kwargs: dict[str, Any]) -> ApiError:
    return cls(**kwargs)


def _text_field(problem: dict[str, Any] | None, key: str) -> str | None:
    if problem is None:
        return None
    value = problem.get(key)
    return value if isinstance(value, str) and value else None


class BadRequestError(ApiError):
    """HTTP 400."""


class UnauthorizedError(ApiError):
    """HTTP 401."""


class PaymentRequiredError(ApiError):
    """HTTP 402."""


class ForbiddenError(ApiError):
    """HTTP 403."""


class NotFoundError(ApiError):
    """HTTP 404."""


class MethodNotAllowedError(ApiError):
    """HTTP 405."""


class NotAcceptableError(ApiError):
    """HTTP 406."""


class RequestTimeoutError(ApiError):
    """HTTP 408 (the server gave up waiting; not a client-side timeout)."""


class ConflictError(ApiError):
    """HTTP 409."""


class GoneError(ApiError):
    """HTTP 410."""


class PreconditionFailedError(ApiError):
    """HTTP 412."""


class PayloadTooLargeError(ApiError):
    """HTTP 413."""


class UnsupportedMediaTypeError(ApiError):
    """HTTP 415."""


class UnprocessableEntityError(ApiError):
    """HTTP 422."""


class TooManyRequestsError(ApiError):
    """HTTP 429: the cluster applies backpressure."""


class InternalServerErrorError(ApiError):
    """HTTP 500."""


class NotImplementedError_(ApiError):  # noqa: N801, N818 - keeps the reference SDK's name
    """HTTP 501."""


class BadGatewayError(ApiError):
    """HTTP 502."""


class ServiceUnavailableError(ApiError):
    """HTTP 503."""


class GatewayTimeoutError(ApiError):
    """HTTP 504."""


class UnexpectedStatus(ApiError):  # noqa: N818 - keeps the reference SDK's name
    """Any other non-2xx status (3xx redirects, 418, 599, ...)."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    402: PaymentRequiredError,
    403: ForbiddenError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    406: NotAcceptableError,
    408: RequestTimeoutError,
    409: ConflictError,
    410: GoneError,
    412: PreconditionFailedError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableEntityError,
    429: TooManyRequestsError,
    500: InternalServerErrorError,
    501: NotImplementedError_,
    502: BadGatewayError,
    503: ServiceUnavailableError,
    504: GatewayTimeoutError,
}


def error_class_for_status(status_code: int) -> type[ApiError]:
    """Return the `ApiError` subclass raised for `status_code`."""
    return _BY_STATUS.get(status_code, UnexpectedStatus)


class CamundaConnectionError(CamundaError):
    """The request did not get an HTTP answer (connect, read, protocol error).

    The underlying httpx exception is chained as ``__cause__``.

    Attributes:
        operation_id: The spec's operationId of the failed call.
    """

    def __init__(self, message: str, *, operation_id: str) -> None:
        super().__init__(message)
        self.operation_id = operation_id

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_connection_error, (type(self), str(self), self.operation_id))


def _rebuild_connection_error(
    cls: type[CamundaConnectionError], message: str, operation_id: str
) -> CamundaConnectionError:
    return cls(message, operation_id=operation_id)


class CamundaTimeoutError(CamundaConnectionError):
    """The request timed out on the client side (connect, read, write or pool)."""


class EventualConsistencyTimeoutError(CamundaError):
    """A consistency wait ran out of time before the read showed the expected state.

    Attributes:
        attempts: How many times the read was sent.
        elapsed_ms: Time spent waiting, in milliseconds.
        last_status: The HTTP status of the last attempt (200 when the read
            succeeded but the predicate did not hold), or None.
        operation_id: The spec's operationId of the read.
    """

    def __init__(
        self,
        *,
        attempts: int,
        elapsed_ms: int,
        last_status: int | None,
        operation_id: str,
    ) -> None:
        self.attempts = attempts
        self.elapsed_ms = elapsed_ms
        self.last_status = last_status
        self.operation_id = operation_id
        super().__init__(
            f"[{operation_id}] consistency wait timed out after {elapsed_ms} ms "
            f"and {attempts} attempts (last status: {last_status})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        kwargs = {
            "attempts": self.attempts,
            "elapsed_ms": self.elapsed_ms,
            "last_status": self.last_status,
            "operation_id": self.operation_id,
        }
        return (_rebuild_consistency_error, (kwargs,))


def _rebuild_consistency_error(
    kwargs: dict[str, Any],
) -> EventualConsistencyTimeoutError:
    return EventualConsistencyTimeoutError(**kwargs)


class BackpressureQueueFull(CamundaError):  # noqa: N818 - keeps the reference SDK's name
    """Too many calls are already waiting for a backpressure permit."""

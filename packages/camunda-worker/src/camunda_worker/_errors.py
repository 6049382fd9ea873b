"""Exceptions a handler raises to choose how its job ends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class JobError(Exception):
    """Throw a BPMN error for the job; an error boundary event may catch it.

    Args:
        error_code: Matched against the ``errorCode`` of error events.
        message: Human-readable text stored with the error.
        variables: Variables set on the job's scope with the error.
    """

    def __init__(
        self,
        error_code: str,
        message: str = "",
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(error_code, message)
        self.error_code = error_code
        self.message = message
        self.variables = dict(variables) if variables is not None else None

    def __str__(self) -> str:
        return f"{self.error_code}: {self.message}" if self.message else self.error_code

    def __reduce__(
        self,
    ) -> tuple[type[JobError], tuple[str, str, dict[str, Any] | None]]:
        return (JobError, (self.error_code, self.message, self.variables))


class JobFailure(Exception):  # noqa: N818 - the reference SDK's name
    """Fail the job on purpose, with its retries and retry backoff under control.

    Args:
        message: The error message stored with the failure (and incident).
        retries: Retries left after this failure; ``None`` means the job's
            current retries minus one.
        retry_back_off: Milliseconds the engine waits before the job can be
            activated again.
        variables: Variables set on the job's scope with the failure.
    """

    def __init__(
        self,
        message: str,
        retries: int | None = None,
        retry_back_off: int = 0,
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retries = retries
        self.retry_back_off = retry_back_off
        self.variables = dict(variables) if variables is not None else None

    def __reduce__(
        self,
    ) -> tuple[type[JobFailure], tuple[str, int | None, int, dict[str, Any] | None]]:
        return (
            JobFailure,
            (self.message, self.retries, self.retry_back_off, self.variables),
        )

"""Turn what a handler returned or raised into the command that ends its job.

Nothing here does I/O: the worker sends the :class:`Ack` this module builds.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from typing import Any, Literal, cast

import attrs

from ._errors import JobError, JobFailure

AckKind = Literal["complete", "fail", "error"]
_MAX_MESSAGE_CHARS = 2000


@attrs.frozen
class Ack:
    """One command to send for a finished job.

    Attributes:
        kind: ``complete`` (POST .../completion), ``fail`` (.../failure) or
            ``error`` (.../error).
        body: The wire-format request body.
    """

    kind: AckKind
    body: dict[str, Any]


def for_result(result: Any, retries: int) -> Ack:
    """Build the completion for a handler's return value.

    A value that is not a mapping, a model or None, or whose variables are
    not JSON-serialisable, gives a failure instead: the job is never
    completed with variables silently dropped. Nothing a result does makes
    this function raise.
    """
    try:
        body = _completion_body(result)
        _check_serialisable(body)
    except _UnsendableResult as problem:
        return for_exception(problem, retries)
    except Exception as problem:  # noqa: BLE001 - any broken result fails the job
        reason = f"the handler's result could not be sent: {describe(problem)}"
        return for_exception(_UnsendableResult(reason), retries)
    return Ack("complete", body)


def for_exception(exc: BaseException, retries: int) -> Ack:
    """Build the failure or BPMN error for an exception the handler raised.

    A ``JobError`` or ``JobFailure`` with fields the API cannot take (an
    empty error code, non-integer retries) fails the job with a message
    saying so, instead of sending a request the engine would refuse.
    """
    try:
        if isinstance(exc, JobError):
            return _bpmn_error(exc, retries)
        if isinstance(exc, JobFailure):
            return _failure(exc, retries)
    except _UnsendableResult as problem:
        exc = problem
    message = str(exc) if isinstance(exc, _UnsendableResult) else describe(exc)
    body = {"retries": max(retries - 1, 0), "errorMessage": message, "retryBackOff": 0}
    return Ack("fail", body)


def fallback_for(ack: Ack, retries: int, reason: str) -> Ack | None:
    """What to send after the engine (or the client) refused `ack` for good.

    A refused completion or BPMN error becomes a failure that says why; a
    refused failure is retried once without its variables. ``None`` means
    there is nothing left to try.
    """
    if ack.kind in ("complete", "error"):
        refused = _UnsendableResult(f"the {_NOUN[ack.kind]} was refused: {reason}")
        return for_exception(refused, retries)
    if "variables" in ack.body:
        return Ack("fail", {k: v for k, v in ack.body.items() if k != "variables"})
    return None


def describe(exc: BaseException) -> str:
    """Give an exception as ``Type: message`` (the type alone when empty)."""
    name = type(exc).__name__
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not lose the job
        text = "<the exception's message could not be read>"
    return _clip(f"{name}: {text}" if text else name)


_NOUN = {"complete": "completion", "error": "BPMN error", "fail": "failure"}


def _bpmn_error(exc: JobError, retries: int) -> Ack:
    code: Any = exc.error_code
    if not isinstance(code, str) or not code.strip():
        raise _UnsendableResult(f"JobError needs a non-empty error_code, got {code!r}")
    body: dict[str, Any] = {"errorCode": code, "errorMessage": _text(exc.message)}
    return _with_variables(Ack("error", body), exc.variables, retries)


def _failure(exc: JobFailure, retries: int) -> Ack:
    left: Any = exc.retries if exc.retries is not None else max(retries - 1, 0)
    back_off: Any = exc.retry_back_off
    for name, value in (("retries", left), ("retry_back_off", back_off)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _UnsendableResult(
                f"JobFailure.{name} must be an integer >= 0, got {value!r}"
            )
    body = {
        "retries": left,
        "errorMessage": _text(exc.message),
        "retryBackOff": back_off,
    }
    return _with_variables(Ack("fail", body), exc.variables, retries)


def _text(message: Any) -> str:
    return _clip(message if isinstance(message, str) else repr(message))


class _UnsendableResult(Exception):  # noqa: N818 - never leaves this module
    """The handler's result cannot be sent as a completion."""


def _with_variables(ack: Ack, variables: dict[str, Any] | None, retries: int) -> Ack:
    if variables is None:
        return ack
    try:
        _check_serialisable({"variables": variables})
    except _UnsendableResult as problem:
        return for_exception(problem, retries)
    return Ack(ack.kind, {**ack.body, "variables": variables})


def _completion_body(result: Any) -> dict[str, Any]:
    if result is None:
        return {}
    if _is_completion_request(result):
        return dict(result.to_dict())
    return {"variables": _as_variables(result)}


def _is_completion_request(result: Any) -> bool:
    return type(result).__name__ == "JobCompletionRequest" and hasattr(
        result, "to_dict"
    )


def _as_variables(result: Any) -> dict[str, Any]:
    if isinstance(result, Mapping):
        return _string_keys(result)  # pyright: ignore[reportUnknownArgumentType]
    dump = getattr(result, "model_dump", None)
    if callable(dump):  # a pydantic model
        return _string_keys(dump(mode="json", by_alias=True))
    to_dict = getattr(result, "to_dict", None)
    if callable(to_dict):  # one of our attrs models
        return _string_keys(to_dict())
    if attrs.has(cast("type[Any]", type(result))):
        return _string_keys(attrs.asdict(result))
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return _string_keys(dataclasses.asdict(result))
    raise _UnsendableResult(
        f"the handler returned {type(result).__name__}; return a dict of "
        "variables, None, a JobCompletionRequest, or a pydantic/attrs/"
        "dataclass model"
    )


def _string_keys(values: Any) -> dict[str, Any]:
    if not isinstance(values, Mapping):
        raise _UnsendableResult(
            f"the handler's variables are a {type(values).__name__}, not a mapping"
        )
    mapping: Mapping[Any, Any] = values  # pyright: ignore[reportUnknownVariableType]
    bad = [key for key in mapping if not isinstance(key, str)]
    if bad:
        raise _UnsendableResult(f"variable names must be strings, got {bad[0]!r}")
    return dict(mapping)


def _check_serialisable(body: dict[str, Any]) -> None:
    try:
        json.dumps(body, allow_nan=False, default=_refuse)
    except (TypeError, ValueError, RecursionError) as problem:
        raise _UnsendableResult(
            f"the handler's result is not JSON-serialisable: {problem}"
        ) from None


def _refuse(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} is not allowed in JSON")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _clip(text: str) -> str:
    if len(text) <= _MAX_MESSAGE_CHARS:
        return text
    return text[: _MAX_MESSAGE_CHARS - 1] + "…"

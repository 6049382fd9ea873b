"""Error statuses, bodies and transport failures map to the documented classes."""

from __future__ import annotations

import pickle
import socket
from types import ModuleType
from typing import Any

import httpx
import pytest
from camunda_client import errors
from camunda_client._runtime._settings import RuntimeSettings

STATUS_CLASSES = [
    (400, errors.BadRequestError),
    (401, errors.UnauthorizedError),
    (402, errors.PaymentRequiredError),
    (403, errors.ForbiddenError),
    (404, errors.NotFoundError),
    (405, errors.MethodNotAllowedError),
    (406, errors.NotAcceptableError),
    (408, errors.RequestTimeoutError),
    (409, errors.ConflictError),
    (410, errors.GoneError),
    (412, errors.PreconditionFailedError),
    (413, errors.PayloadTooLargeError),
    (415, errors.UnsupportedMediaTypeError),
    (422, errors.UnprocessableEntityError),
    (429, errors.TooManyRequestsError),
    (500, errors.InternalServerErrorError),
    (501, errors.NotImplementedError_),
    (502, errors.BadGatewayError),
    (503, errors.ServiceUnavailableError),
    (504, errors.GatewayTimeoutError),
    (418, errors.UnexpectedStatus),
    (302, errors.UnexpectedStatus),
]

NO_RETRY = RuntimeSettings(max_retries=0)


@pytest.fixture
def settings() -> RuntimeSettings:
    return NO_RETRY


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
def test_status_maps_to_its_class(
    kit: ModuleType, server: Any, core: Any, status: int, cls: type
) -> None:
    """Each status raises its own class carrying the parsed problem."""
    server.script(kit.problem(status, "SOME_TITLE", "some detail"))

    with pytest.raises(errors.ApiError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    error = info.value
    assert cls is type(error)
    assert status == error.status_code
    assert "SOME_TITLE" == error.title
    assert "some detail" == error.detail
    assert "getTopology" == error.operation_id
    assert status == (error.problem or {})["status"]
    assert f"HTTP {status} SOME_TITLE [getTopology]: some detail" == str(error)


def test_non_json_body_keeps_status_and_text(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """A text/plain 500 still gives InternalServerErrorError with the raw text."""
    server.script(kit.Reply(500, b"upstream broke", {"Content-Type": "text/plain"}))

    with pytest.raises(errors.InternalServerErrorError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert (None, None, None) == (
        info.value.problem,
        info.value.title,
        info.value.detail,
    )
    assert b"upstream broke" == info.value.content
    assert "HTTP 500 [getTopology]: upstream broke" == str(info.value)


def test_empty_body_keeps_status(kit: ModuleType, server: Any, core: Any) -> None:
    """An empty 503 still gives ServiceUnavailableError."""
    server.script(kit.Reply(503, b"", {}))

    with pytest.raises(errors.ServiceUnavailableError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert (503, b"", None) == (
        info.value.status_code,
        info.value.content,
        info.value.problem,
    )
    assert "HTTP 503 [getTopology]" == str(info.value)


def test_json_array_body_is_not_a_problem(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """A JSON body that is not an object leaves problem None."""
    server.script(kit.Reply(400, b"[1, 2]"))

    with pytest.raises(errors.BadRequestError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert info.value.problem is None


def test_huge_detail_is_truncated_in_message(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """str(error) stays short even when the server explains at length."""
    server.script(kit.problem(400, "INVALID_ARGUMENT", "x" * 100_000))

    with pytest.raises(errors.BadRequestError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert 100_000 == len(info.value.detail or "")
    assert len("HTTP 400 INVALID_ARGUMENT [getTopology]: ") + 300 == len(
        str(info.value)
    )


def test_huge_text_body_is_truncated_in_message(
    kit: ModuleType, server: Any, core: Any
) -> None:
    """A long non-JSON body is cut in str(error) but kept whole in content."""
    server.script(
        kit.Reply(502, b"<html>" + b"y" * 50_000, {"Content-Type": "text/html"})
    )

    with pytest.raises(errors.BadGatewayError) as info:
        core._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert 50_006 == len(info.value.content)
    assert len("HTTP 502 [getTopology]: ") + 300 == len(str(info.value))


def test_error_pickles_with_its_fields() -> None:
    """An ApiError survives pickling (process-pool workers send them back)."""
    error = errors.NotFoundError(
        status_code=404,
        operation_id="getJob",
        content=b'{"title":"NOT_FOUND"}',
        problem={"title": "NOT_FOUND"},
        headers={"X-A": "1"},
    )

    copy = pickle.loads(pickle.dumps(error))

    assert errors.NotFoundError is type(copy)
    assert (404, "getJob", "NOT_FOUND", {"x-a": "1"}) == (
        copy.status_code,
        copy.operation_id,
        copy.title,
        copy.headers,
    )
    assert str(error) == str(copy)


def test_other_errors_pickle() -> None:
    """Connection and consistency errors survive pickling too."""
    timeout = errors.CamundaTimeoutError("slow", operation_id="getTopology")
    waited = errors.EventualConsistencyTimeoutError(
        attempts=3, elapsed_ms=120, last_status=404, operation_id="getJob"
    )

    timeout_copy = pickle.loads(pickle.dumps(timeout))
    waited_copy = pickle.loads(pickle.dumps(waited))

    assert ("slow", "getTopology") == (str(timeout_copy), timeout_copy.operation_id)
    assert (3, 120, 404, "getJob") == (
        waited_copy.attempts,
        waited_copy.elapsed_ms,
        waited_copy.last_status,
        waited_copy.operation_id,
    )


def _refused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_wrapped(kit: ModuleType) -> None:
    """A refused connection raises CamundaConnectionError chaining httpx's error."""
    client = kit.SyncCore(f"http://127.0.0.1:{_refused_port()}/v2", NO_RETRY)

    with pytest.raises(errors.CamundaConnectionError) as info:
        client._call(kit.GET_TOPOLOGY, kit.parse_json)
    client.close()

    assert errors.CamundaConnectionError is type(info.value)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert "getTopology" == info.value.operation_id


def test_read_timeout_is_wrapped(kit: ModuleType, server: Any) -> None:
    """A slow answer past the client timeout raises CamundaTimeoutError."""
    server.script(kit.Reply(delay_s=1.0))
    client = kit.SyncCore(server.url + "/v2", NO_RETRY, timeout=0.2)

    with pytest.raises(errors.CamundaTimeoutError) as info:
        client._call(kit.GET_TOPOLOGY, kit.parse_json)
    client.close()

    assert isinstance(info.value, errors.CamundaConnectionError)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


async def test_async_read_timeout_is_wrapped(kit: ModuleType, server: Any) -> None:
    """The async client wraps timeouts the same way."""
    server.script(kit.Reply(delay_s=1.0))
    client = kit.AsyncCore(server.url + "/v2", NO_RETRY, timeout=0.2)

    with pytest.raises(errors.CamundaTimeoutError) as info:
        await client._call(kit.GET_TOPOLOGY, kit.parse_json)
    await client.aclose()

    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


async def test_async_status_maps_to_class(
    kit: ModuleType, server: Any, acore: Any
) -> None:
    """The async client raises the same classes from the same answers."""
    server.script(kit.problem(409, "INVALID_STATE", "no"), kit.Reply(500, b"", {}))

    with pytest.raises(errors.ConflictError) as conflict:
        await acore._call(kit.GET_TOPOLOGY, kit.parse_json)
    with pytest.raises(errors.InternalServerErrorError) as internal:
        await acore._call(kit.GET_TOPOLOGY, kit.parse_json)

    assert ("INVALID_STATE", 500) == (conflict.value.title, internal.value.status_code)


def test_error_class_for_status_falls_back() -> None:
    """Unknown statuses map to UnexpectedStatus."""
    assert errors.UnexpectedStatus is errors.error_class_for_status(599)
    assert errors.ConflictError is errors.error_class_for_status(409)


def test_parsed_gives_the_problem_model() -> None:
    """`parsed` builds a ProblemDetail like the reference SDK; None without a body."""
    body = {"type": "about:blank", "title": "NOT_FOUND", "status": 404, "detail": "d"}
    error = errors.NotFoundError(status_code=404, operation_id="getJob", problem=body)
    empty = errors.NotFoundError(status_code=404, operation_id="getJob")

    assert ("NOT_FOUND", 404, "d") == (
        error.parsed.title,
        error.parsed.status,
        error.parsed.detail,
    )
    assert empty.parsed is None

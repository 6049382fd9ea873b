"""What a handler's return value or exception turns into on the wire."""

from __future__ import annotations

import dataclasses
import math
import pickle
from typing import Any

import attrs
import pydantic
import pytest
from camunda_worker import JobError, JobFailure
from camunda_worker._outcome import Ack, describe, for_exception, for_result


class Shipment(pydantic.BaseModel):
    tracking_id: str = pydantic.Field(alias="trackingId")
    weight: float


@attrs.define
class Invoice:
    number: int
    paid: bool


@dataclasses.dataclass
class Receipt:
    total: int


def test_dict_result_completes_with_variables() -> None:
    """A dict becomes the completion's variables."""
    ack = for_result({"approved": True, "amount": 12}, retries=3)

    assert Ack("complete", {"variables": {"approved": True, "amount": 12}}) == ack


def test_none_result_completes_without_body_fields() -> None:
    """None completes with an empty body."""
    assert Ack("complete", {}) == for_result(None, retries=3)


def test_empty_dict_result_completes_with_empty_variables() -> None:
    """An empty dict is sent as empty variables, not dropped."""
    assert Ack("complete", {"variables": {}}) == for_result({}, retries=3)


def test_pydantic_model_result_uses_aliases_and_json_mode() -> None:
    """A pydantic model is dumped by alias in JSON mode."""
    ack = for_result(Shipment(trackingId="T-1", weight=2.5), retries=3)

    assert {"variables": {"trackingId": "T-1", "weight": 2.5}} == ack.body


def test_attrs_and_dataclass_results_become_variables() -> None:
    """Attrs and dataclass instances are turned into dicts."""
    assert {"variables": {"number": 7, "paid": True}} == for_result(
        Invoice(7, paid=True), 1
    ).body
    assert {"variables": {"total": 99}} == for_result(Receipt(99), 1).body


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (
            [1, 2],
            (
                "the handler returned list; return a dict of variables, None, a "
                "JobCompletionRequest, or a pydantic/attrs/dataclass model"
            ),
        ),
        (
            {"when": object()},
            (
                "the handler's result is not JSON-serialisable: "
                "Object of type object is not JSON serializable"
            ),
        ),
        (
            {"ratio": math.nan},
            (
                "the handler's result is not JSON-serialisable: "
                "Out of range float values are not JSON compliant"
            ),
        ),
        ({1: "x"}, "variable names must be strings, got 1"),
    ],
)
def test_unsendable_results_fail_the_job_at_once(result: Any, message: str) -> None:
    """A result that cannot be sent fails the job with retries - 1."""
    ack = for_result(result, retries=3)

    assert (
        Ack("fail", {"retries": 2, "errorMessage": message, "retryBackOff": 0}) == ack
    )


def test_job_error_throws_bpmn_error_with_variables() -> None:
    """JobError sends its code, message and variables."""
    ack = for_exception(
        JobError("PAYMENT_FAILED", "card declined", {"reason": "limit"}), 3
    )

    expected = {
        "errorCode": "PAYMENT_FAILED",
        "errorMessage": "card declined",
        "variables": {"reason": "limit"},
    }
    assert Ack("error", expected) == ack


def test_job_failure_uses_given_retries_and_backoff() -> None:
    """JobFailure sends its own retries and backoff."""
    ack = for_exception(
        JobFailure("downstream busy", retries=5, retry_back_off=2000), 3
    )

    expected = {"retries": 5, "errorMessage": "downstream busy", "retryBackOff": 2000}
    assert Ack("fail", expected) == ack


def test_job_failure_without_retries_decrements() -> None:
    """JobFailure without retries uses the job's retries minus one."""
    ack = for_exception(JobFailure("nope", variables={"a": 1}), 3)

    expected = {
        "retries": 2,
        "errorMessage": "nope",
        "retryBackOff": 0,
        "variables": {"a": 1},
    }
    assert Ack("fail", expected) == ack


def test_other_exception_fails_with_type_and_message() -> None:
    """Any other exception fails with retries - 1 and 'Type: message'."""
    ack = for_exception(KeyError("customer"), 1)

    assert (
        Ack(
            "fail",
            {"retries": 0, "errorMessage": "KeyError: 'customer'", "retryBackOff": 0},
        )
        == ack
    )


def test_retries_never_go_below_zero() -> None:
    """A job with 0 retries left fails with 0, not -1."""
    assert 0 == for_exception(RuntimeError("x"), 0).body["retries"]


def test_empty_exception_message_names_the_type() -> None:
    """An exception with no text is described by its type."""
    assert "TimeoutError" == describe(TimeoutError())


def test_long_messages_are_clipped() -> None:
    """Error messages are cut to 2000 characters."""
    message = for_exception(ValueError("x" * 5000), 3).body["errorMessage"]

    assert 2000 == len(message)
    assert message.startswith("ValueError: xxx")
    assert message.endswith("…")


def test_exceptions_survive_pickling() -> None:
    """JobError and JobFailure keep every field across a process boundary."""
    error = pickle.loads(pickle.dumps(JobError("E1", "msg", {"v": 1})))
    failure = pickle.loads(pickle.dumps(JobFailure("m", 4, 100, {"w": 2})))

    assert ("E1", "msg", {"v": 1}) == (error.error_code, error.message, error.variables)
    assert ("m", 4, 100, {"w": 2}) == (
        failure.message,
        failure.retries,
        failure.retry_back_off,
        failure.variables,
    )

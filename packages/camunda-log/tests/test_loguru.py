"""Messages sent to loguru."""

from __future__ import annotations

from typing import Any

from camunda_log import SdkLogger
from loguru import logger


class _CountingStr:
    def __init__(self) -> None:
        self.calls = 0

    def __str__(self) -> str:
        self.calls += 1
        return "counted"


def test_percent_args_are_formatted(loguru_all: list[dict[str, Any]]) -> None:
    """Loguru receives the %-formatted text at the matching level."""
    log = SdkLogger(logger, "sdk: ")

    log.info("polled %d jobs", 3)
    log.trace("t %s", "x")
    log.warning("w")

    actual = [(r["level"].name, r["message"]) for r in loguru_all]
    assert actual == [
        ("INFO", "sdk: polled 3 jobs"),
        ("TRACE", "sdk: t x"),
        ("WARNING", "sdk: w"),
    ]


def test_braces_do_not_break_loguru(loguru_all: list[dict[str, Any]]) -> None:
    """Braces in the template or in an argument print literally."""
    log = SdkLogger(logger)

    log.info("payload %s", "{not_a_field}")
    log.info("dict {a} %d", 1)
    log.info("{}")

    assert [r["message"] for r in loguru_all] == [
        "payload {not_a_field}",
        "dict {a} 1",
        "{}",
    ]


def test_formatting_is_lazy(loguru_records: list[dict[str, Any]]) -> None:
    """Arguments are not rendered when no loguru sink takes the level."""
    value = _CountingStr()
    log = SdkLogger(logger)

    log.trace("value %s", value)
    log.info("value %s", value)

    assert (value.calls, [r["message"] for r in loguru_records]) == (
        1,
        ["value counted"],
    )


def test_sdk_level_gates_before_formatting(loguru_all: list[dict[str, Any]]) -> None:
    """A message above the SDK level is neither formatted nor sent."""
    value = _CountingStr()
    log = SdkLogger(logger, level="warn")

    log.info("value %s", value)

    assert (value.calls, loguru_all) == (0, [])


def test_native_bind(loguru_all: list[dict[str, Any]]) -> None:
    """Bind uses loguru's extra, without a text prefix, and spares the parent."""
    parent = SdkLogger(logger)
    child = parent.bind(job_type="t").bind(job_key="1")

    child.info("x")
    parent.info("y")

    actual = [(r["message"], r["extra"]) for r in loguru_all]
    assert actual == [("x", {"job_type": "t", "job_key": "1"}), ("y", {})]


def test_caller_is_recorded(loguru_all: list[dict[str, Any]]) -> None:
    """Loguru records the function that called the SDK logger."""
    SdkLogger(logger).error("e")

    assert loguru_all[0]["function"] == "test_caller_is_recorded"


def test_exc_info_becomes_exception(loguru_all: list[dict[str, Any]]) -> None:
    """exc_info=True attaches the current exception."""
    try:
        raise ValueError("bad")
    except ValueError:
        SdkLogger(logger).error("failed", exc_info=True)

    exception = loguru_all[0]["exception"]
    assert (exception.type, loguru_all[0]["message"]) == (ValueError, "failed")


def test_bad_args_fall_back(loguru_all: list[dict[str, Any]]) -> None:
    """Arguments that do not fit the template are appended, not lost."""
    SdkLogger(logger).info("n=%d", "x")

    assert [r["message"] for r in loguru_all] == ["n=%d ('x',)"]

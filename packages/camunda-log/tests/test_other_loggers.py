"""Duck-typed loggers, NullLogger and failure isolation."""

from __future__ import annotations

import logging
from typing import Any

from camunda_log import CamundaLogger, NullLogger, SdkLogger
from loguru import logger as loguru_logger


def test_duck_logger_gets_formatted_text(recording_logger: Any) -> None:
    """A duck-typed logger receives the formatted message and the kwargs."""
    log = SdkLogger(recording_logger, "sdk: ").bind(k="v")

    log.info("a %s %d", "b", 1, extra={"x": 1})
    log.warning("w")
    log.error("e")
    log.debug("d")

    assert recording_logger.calls == [
        ("info", "sdk: [k=v] a b 1", {"extra": {"x": 1}}),
        ("warning", "sdk: [k=v] w", {}),
        ("error", "sdk: [k=v] e", {}),
        ("debug", "sdk: [k=v] d", {}),
    ]


def test_trace_falls_back_to_debug(recording_logger: Any) -> None:
    """Trace goes to debug when the target has no trace method."""
    SdkLogger(recording_logger).trace("t %d", 1)

    assert recording_logger.calls == [("debug", "t 1", {})]


def test_trace_used_when_present(tracing_logger: Any) -> None:
    """Trace goes to the target's own trace when it has one."""
    SdkLogger(tracing_logger).trace("t %d", 1)

    assert tracing_logger.calls == [("trace", "t 1", {})]


def test_mapping_argument(recording_logger: Any) -> None:
    """A single mapping argument fills %(name)s fields, as in stdlib."""
    SdkLogger(recording_logger).info("%(a)s-%(b)s", {"a": 1, "b": 2})

    assert recording_logger.calls == [("info", "1-2", {})]


def test_bad_arguments_are_appended(recording_logger: Any) -> None:
    """Arguments that do not fit the template are appended, not lost."""
    SdkLogger(recording_logger).info("n=%d", "x")

    assert recording_logger.calls == [("info", "n=%d ('x',)", {})]


def test_no_args_keeps_percent(recording_logger: Any) -> None:
    """Without arguments the template is sent as is."""
    SdkLogger(recording_logger).info("100%")

    assert recording_logger.calls == [("info", "100%", {})]


def test_raising_logger_does_not_break_caller(raising_logger: Any) -> None:
    """Every method of a logger that raises is swallowed."""
    log = SdkLogger(raising_logger).bind(a=1)

    for method in (log.trace, log.debug, log.info, log.warning, log.error):
        method("x %s", 1)

    assert log.prefix == "[a=1] "


def test_null_logger_discards() -> None:
    """NullLogger has all five methods and returns None from each."""
    null = NullLogger()

    results = [
        null.trace("t"),
        null.debug("d"),
        null.info("i"),
        null.warning("w"),
        null.error("e"),
    ]

    assert (results, repr(null)) == ([None] * 5, "NullLogger()")


def test_sdk_logger_wrapping_sdk_logger(recording_logger: Any) -> None:
    """An SdkLogger target gets the template and args and applies its own prefix."""
    inner = SdkLogger(recording_logger, "in: ")
    outer = SdkLogger(inner, "out: ", level="info")

    outer.info("n=%d", 1)
    outer.debug("dropped")

    assert recording_logger.calls == [("info", "in: out: n=1", {})]


def test_protocol_matches_known_loggers() -> None:
    """stdlib, loguru, NullLogger and SdkLogger fit CamundaLogger; object does not."""
    candidates = [
        logging.getLogger("x"),
        loguru_logger,
        NullLogger(),
        SdkLogger(NullLogger()),
        object(),
    ]

    assert [isinstance(c, CamundaLogger) for c in candidates] == [
        True,
        True,
        True,
        True,
        False,
    ]


def test_repr(recording_logger: Any) -> None:
    """Repr shows the target, the rendered prefix and the level."""
    log = SdkLogger(NullLogger(), "p: ", level="Info").bind(a=1)

    assert repr(log) == "SdkLogger(NullLogger(), prefix='p: [a=1] ', level='info')"

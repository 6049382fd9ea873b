"""Messages sent to stdlib loggers."""

from __future__ import annotations

import logging

import pytest
from camunda_log import NullLogger, SdkLogger

Capture = tuple[logging.Logger, list[logging.LogRecord]]


def test_lazy_args_stay_unformatted(stdlib_logger: Capture) -> None:
    """The record keeps the template in msg and the arguments in args."""
    logger, records = stdlib_logger
    log = SdkLogger(logger)

    log.info("polled %d jobs of %s", 3, "t")

    record = records[0]
    assert (record.msg, record.args, record.getMessage()) == (
        "polled %d jobs of %s",
        (3, "t"),
        "polled 3 jobs of t",
    )


def test_methods_map_to_stdlib_levels(stdlib_logger: Capture) -> None:
    """Trace lands at DEBUG; the other methods at their own level."""
    logger, records = stdlib_logger
    log = SdkLogger(logger)

    log.trace("t")
    log.debug("d")
    log.info("i")
    log.warning("w")
    log.error("e")

    assert [(r.levelno, r.msg) for r in records] == [
        (logging.DEBUG, "t"),
        (logging.DEBUG, "d"),
        (logging.INFO, "i"),
        (logging.WARNING, "w"),
        (logging.ERROR, "e"),
    ]


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("silent", []),
        ("error", ["e"]),
        ("warn", ["w", "e"]),
        ("info", ["i", "w", "e"]),
        ("debug", ["d", "i", "w", "e"]),
        ("trace", ["t", "d", "i", "w", "e"]),
        ("silly", ["t", "d", "i", "w", "e"]),
        (None, ["t", "d", "i", "w", "e"]),
    ],
)
def test_sdk_level_gates_every_message(
    stdlib_logger: Capture, level: str | None, expected: list[str]
) -> None:
    """Only messages at or below the configured SDK level reach the logger."""
    logger, records = stdlib_logger
    log = SdkLogger(logger, level=level)

    log.trace("t")
    log.debug("d")
    log.info("i")
    log.warning("w")
    log.error("e")

    assert [r.msg for r in records] == expected


def test_bind_accumulates_prefix(stdlib_logger: Capture) -> None:
    """Binds accumulate into one [k=v ...] prefix in front of the template."""
    logger, records = stdlib_logger
    log = SdkLogger(logger).bind(job_type="t").bind(job_key=1)

    log.info("done %s", "ok")

    record = records[0]
    assert (record.msg, record.args, record.getMessage()) == (
        "[job_type=t job_key=1] done %s",
        ("ok",),
        "[job_type=t job_key=1] done ok",
    )


def test_bind_leaves_parent_unchanged(stdlib_logger: Capture) -> None:
    """A bound child never changes its parent."""
    logger, records = stdlib_logger
    parent = SdkLogger(logger, "sdk: ")
    child = parent.bind(a=1)
    child.bind(b=2)

    parent.info("p")
    child.info("c")

    assert ([r.msg for r in records], parent.prefix, child.prefix) == (
        ["sdk: p", "sdk: [a=1] c"],
        "sdk: ",
        "sdk: [a=1] ",
    )


def test_rebinding_a_key_overrides(stdlib_logger: Capture) -> None:
    """Binding the same key again replaces its value."""
    logger, records = stdlib_logger

    SdkLogger(logger).bind(a=1).bind(a=2).info("x")

    assert [r.getMessage() for r in records] == ["[a=2] x"]


def test_percent_in_prefix_survives(stdlib_logger: Capture) -> None:
    """A % in bound context prints as is, with and without arguments."""
    logger, records = stdlib_logger
    log = SdkLogger(logger).bind(rate="5%")

    log.info("plain")
    log.info("n=%d", 1)

    assert [r.getMessage() for r in records] == [
        "[rate=5%] plain",
        "[rate=5%] n=1",
    ]


def test_exc_info_is_forwarded(stdlib_logger: Capture) -> None:
    """Keyword arguments such as exc_info reach the stdlib logger."""
    logger, records = stdlib_logger
    log = SdkLogger(logger)

    try:
        raise ValueError("bad")
    except ValueError:
        log.error("failed %s", "x", exc_info=True)  # noqa: G201 - no exception()

    record = records[0]
    assert record.exc_info is not None
    assert (record.exc_info[0], record.getMessage()) == (ValueError, "failed x")


def test_logger_adapter_is_a_stdlib_target(
    stdlib_logger: Capture,
) -> None:
    """A LoggerAdapter also gets the unformatted template and arguments."""
    logger, records = stdlib_logger
    log = SdkLogger(logging.LoggerAdapter(logger, {"tag": "x"}))

    log.warning("n=%d", 5)

    record = records[0]
    assert (record.msg, record.args, record.__dict__["tag"]) == ("n=%d", (5,), "x")


def test_enabled_asks_sdk_level_and_stdlib(
    stdlib_logger: Capture,
) -> None:
    """enabled() is False when either the SDK level or the stdlib level drops."""
    logger, _ = stdlib_logger
    logger.setLevel(logging.WARNING)
    log = SdkLogger(logger, level="info")

    actual = [log.enabled(n) for n in ("error", "warning", "warn", "info", "debug")]

    assert actual == [True, True, True, False, False]


def test_enabled_sdk_level_limits_trace(
    stdlib_logger: Capture,
) -> None:
    """At SDK level debug, trace is disabled even when stdlib takes DEBUG."""
    logger, _ = stdlib_logger
    log = SdkLogger(logger, level="DEBUG")

    assert (log.enabled("debug"), log.enabled("TRACE")) == (True, False)


def test_enabled_is_false_for_null_logger() -> None:
    """A NullLogger target is never enabled."""
    assert SdkLogger(NullLogger()).enabled("error") is False


def test_enabled_rejects_bad_level() -> None:
    """enabled() names an unknown level."""
    with pytest.raises(ValueError, match="unknown log level 'nope'"):
        SdkLogger(NullLogger()).enabled("nope")


class _BrokenStdlibLogger(logging.Logger):
    def info(self, msg: object, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        raise RuntimeError("broken")


def test_raising_stdlib_logger_does_not_break_caller() -> None:
    """A stdlib logger that raises is ignored."""
    log = SdkLogger(_BrokenStdlibLogger("broken"))

    log.info("x %s", 1)

    assert log.level is None

"""create_logger and pickling."""

from __future__ import annotations

import logging
import pickle
import sys
from typing import Any

import pytest
from camunda_log import NullLogger, SdkLogger, create_logger
from loguru import logger as loguru_logger


def test_default_is_loguru() -> None:
    """With no logger and loguru installed, loguru's logger is the target."""
    log = create_logger()

    assert (log.logger is loguru_logger, log.level) == (True, None)


def test_default_without_loguru(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without loguru, the default target is a NullLogger."""
    monkeypatch.setitem(sys.modules, "loguru", None)

    log = create_logger(level="debug")

    assert (type(log.logger), log.level, log.enabled("error")) == (
        NullLogger,
        "debug",
        False,
    )


def test_sdk_logger_returned_as_is() -> None:
    """An SdkLogger without a new level comes back unchanged."""
    log = SdkLogger(NullLogger(), level="info")

    assert create_logger(log) is log


def test_sdk_logger_rewrapped_with_level(recording_logger: Any) -> None:
    """A new level re-wraps the SdkLogger, keeping target and prefix."""
    original = SdkLogger(recording_logger, "p: ", level="error").bind(a=1)

    rewrapped = create_logger(original, level="DEBUG")
    rewrapped.debug("x")
    original.debug("y")

    assert (rewrapped.level, original.level, rewrapped.logger is recording_logger) == (
        "debug",
        "error",
        True,
    )
    assert recording_logger.calls == [("debug", "p: [a=1] x", {})]


def test_wraps_stdlib_logger_with_level() -> None:
    """A plain logger is wrapped with the given level."""
    target = logging.getLogger("camunda-log-test.create")

    log = create_logger(target, level="WARN")

    assert (log.logger is target, log.level) == (True, "warn")


def test_create_logger_rejects_bad_level() -> None:
    """create_logger names an unknown level."""
    with pytest.raises(ValueError, match="unknown log level 'verbose'"):
        create_logger(NullLogger(), level="verbose")


def test_pickle_keeps_stdlib_target(
    stdlib_logger: tuple[logging.Logger, list[logging.LogRecord]],
) -> None:
    """A pickled logger with a stdlib target keeps target, prefix, context, level."""
    logger, records = stdlib_logger
    log = SdkLogger(logger, "p: ", level="info").bind(a=1)

    copy = pickle.loads(pickle.dumps(log))
    copy.info("n=%d", 2)
    copy.debug("dropped")

    assert (copy.logger is logger, copy.level, copy.prefix) == (
        True,
        "info",
        "p: [a=1] ",
    )
    assert [r.getMessage() for r in records] == ["p: [a=1] n=2"]


def test_pickle_degrades_unpicklable_target(unpicklable_logger: Any) -> None:
    """A target that cannot be pickled becomes a NullLogger."""
    log = SdkLogger(unpicklable_logger, "p: ", level="trace").bind(a=1)

    copy = pickle.loads(pickle.dumps(log))

    assert (type(copy.logger), copy.level, copy.prefix) == (
        NullLogger,
        "trace",
        "p: [a=1] ",
    )


def test_pickle_null_logger() -> None:
    """A NullLogger target survives pickling as a NullLogger."""
    copy = pickle.loads(pickle.dumps(SdkLogger(NullLogger(), level="error")))

    assert (type(copy.logger), copy.level) == (NullLogger, "error")

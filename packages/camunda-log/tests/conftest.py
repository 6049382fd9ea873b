"""Shared fixtures for camunda-log tests."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from loguru import logger as loguru_logger


class ListHandler(logging.Handler):
    """A stdlib handler that keeps every record it receives."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class RecordingLogger:
    """A duck-typed logger that keeps (method, message, kwargs) triples."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def debug(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("debug", msg, kwargs))

    def info(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("info", msg, kwargs))

    def warning(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("warning", msg, kwargs))

    def error(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("error", msg, kwargs))


class TracingLogger(RecordingLogger):
    """A duck-typed logger that also has trace."""

    def trace(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("trace", msg, kwargs))


class UnpicklableLogger(RecordingLogger):
    """A duck-typed logger holding a lock, so it cannot be pickled."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()


class RaisingLogger:
    """A logger whose every method raises."""

    def _boom(self, msg: str, /, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("logger is broken")

    debug = info = warning = error = trace = _boom


@pytest.fixture
def stdlib_logger() -> Iterator[tuple[logging.Logger, list[logging.LogRecord]]]:
    """A fresh stdlib logger at DEBUG with a list handler, not propagating."""
    logger = logging.getLogger(f"camunda-log-test.{uuid.uuid4().hex}")
    handler = ListHandler()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, handler.records
    logger.removeHandler(handler)


@pytest.fixture
def loguru_records() -> Iterator[list[Any]]:
    """Add a loguru sink at INFO that keeps records; only it is removed after."""
    records: list[Any] = []
    sink_id = loguru_logger.add(
        lambda m: records.append(m.record), level="INFO", format="{message}"
    )
    yield records
    loguru_logger.remove(sink_id)


@pytest.fixture
def loguru_all() -> Iterator[list[Any]]:
    """Add a loguru sink at TRACE that keeps records; only it is removed after."""
    records: list[Any] = []
    sink_id = loguru_logger.add(
        lambda m: records.append(m.record), level="TRACE", format="{message}"
    )
    yield records
    loguru_logger.remove(sink_id)


@pytest.fixture
def recording_logger() -> RecordingLogger:
    """A duck-typed logger without trace."""
    return RecordingLogger()


@pytest.fixture
def tracing_logger() -> TracingLogger:
    """A duck-typed logger with trace."""
    return TracingLogger()


@pytest.fixture
def raising_logger() -> RaisingLogger:
    """A logger whose every method raises."""
    return RaisingLogger()


@pytest.fixture
def unpicklable_logger() -> UnpicklableLogger:
    """A logger that pickle refuses."""
    return UnpicklableLogger()

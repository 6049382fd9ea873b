"""Typing checks for the public API (checked by pyright, never run)."""

from __future__ import annotations

import logging

from camunda_log import CamundaLogger, LogLevel, NullLogger, SdkLogger, create_logger
from loguru import logger as loguru_logger


def _accepts(logger: CamundaLogger) -> None:
    logger.info("x %s", 1)


def check() -> None:
    _accepts(logging.getLogger("x"))
    _accepts(loguru_logger)
    _accepts(NullLogger())
    _accepts(SdkLogger(NullLogger()))
    log: SdkLogger = create_logger(logging.getLogger("x"), level="info")
    child: SdkLogger = log.bind(job_key="1")
    level: LogLevel | None = child.level
    enabled: bool = child.enabled("debug")
    child.trace("t %d", 1)
    del level, enabled

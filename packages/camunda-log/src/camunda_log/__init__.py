"""Pluggable logger facade for the Camunda 8 Python SDK.

Pass a stdlib logger, loguru's logger or any object with ``debug``, ``info``,
``warning`` and ``error`` methods; the SDK wraps it in an `SdkLogger` that
applies ``CAMUNDA_SDK_LOG_LEVEL`` to every message it emits.
"""

from __future__ import annotations

from camunda_log._levels import LOG_LEVELS, LogLevel, level_enabled, parse_log_level
from camunda_log._protocol import CamundaLogger, NullLogger
from camunda_log._sdk_logger import SdkLogger, create_logger

__all__ = [
    "CamundaLogger",
    "NullLogger",
    "SdkLogger",
    "create_logger",
    "LogLevel",
    "LOG_LEVELS",
    "parse_log_level",
    "level_enabled",
]

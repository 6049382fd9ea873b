"""Level names, their order and the gating rule."""

from __future__ import annotations

import pytest
from camunda_log import (
    LOG_LEVELS,
    NullLogger,
    SdkLogger,
    level_enabled,
    parse_log_level,
)


def test_level_order() -> None:
    """Levels run from silent to silly."""
    assert LOG_LEVELS == ("silent", "error", "warn", "info", "debug", "trace", "silly")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("INFO", "info"), (" Warn ", "warn"), ("warning", "warn"), ("SiLLy", "silly")],
)
def test_parse_is_case_insensitive(raw: str, expected: str) -> None:
    """Level names ignore case and blanks, and warning means warn."""
    assert parse_log_level(raw) == expected


def test_parse_rejects_unknown_level() -> None:
    """An unknown level names itself and the allowed values."""
    with pytest.raises(ValueError, match="unknown log level") as info:
        parse_log_level("loud")

    assert str(info.value) == (
        "unknown log level 'loud'; "
        "allowed: silent, error, warn, info, debug, trace, silly"
    )


@pytest.mark.parametrize(
    ("configured", "passing"),
    [
        ("silent", []),
        ("error", ["error"]),
        ("warn", ["error", "warn"]),
        ("info", ["error", "warn", "info"]),
        ("debug", ["error", "warn", "info", "debug"]),
        ("trace", ["error", "warn", "info", "debug", "trace"]),
        ("silly", ["error", "warn", "info", "debug", "trace", "silly"]),
        (None, ["error", "warn", "info", "debug", "trace", "silly"]),
    ],
)
def test_level_enabled_matrix(configured: str | None, passing: list[str]) -> None:
    """A message passes iff the configured level is at least its level."""
    candidates = ["error", "warn", "info", "debug", "trace", "silly"]

    actual = [name for name in candidates if level_enabled(configured, name)]

    assert actual == passing


def test_level_enabled_accepts_method_name() -> None:
    """The method name warning gates like warn."""
    assert (level_enabled("warn", "warning"), level_enabled("error", "warning")) == (
        True,
        False,
    )


def test_sdk_logger_rejects_bad_level() -> None:
    """SdkLogger refuses an unknown level at construction."""
    with pytest.raises(ValueError, match="unknown log level 'LOUD'"):
        SdkLogger(NullLogger(), level="LOUD")


@pytest.mark.parametrize(("raw", "expected"), [("DEBUG", "debug"), (None, None)])
def test_sdk_logger_level_property(raw: str | None, expected: str | None) -> None:
    """The level property is the canonical name or None."""
    assert SdkLogger(NullLogger(), level=raw).level == expected

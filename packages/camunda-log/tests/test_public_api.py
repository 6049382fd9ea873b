"""The public surface of camunda_log."""

from __future__ import annotations

import camunda_log


def test_all_lists_public_names() -> None:
    """__all__ holds exactly the intended public names."""
    assert camunda_log.__all__ == [
        "CamundaLogger",
        "NullLogger",
        "SdkLogger",
        "create_logger",
        "LogLevel",
        "LOG_LEVELS",
        "parse_log_level",
        "level_enabled",
    ]


def test_all_names_resolve() -> None:
    """Every name in __all__ is importable."""
    missing = [n for n in camunda_log.__all__ if not hasattr(camunda_log, n)]

    assert missing == []

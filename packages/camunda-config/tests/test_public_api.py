"""The public surface of camunda_config."""

from __future__ import annotations

import camunda_config
from camunda_config import ConfigurationError, ConfigurationWarning


def test_all_lists_public_names() -> None:
    """__all__ holds exactly the intended public names."""
    assert camunda_config.__all__ == [
        "CamundaSdkConfigPartial",
        "CamundaSdkConfiguration",
        "ConfigurationResolver",
        "ResolvedCamundaSdkConfiguration",
        "read_environment",
        "ConfigurationError",
        "ConfigurationWarning",
        "CONFIG_KEYS",
        "ConfigKey",
        "describe_keys",
    ]


def test_all_names_resolve() -> None:
    """Every name in __all__ is importable."""
    assert [n for n in camunda_config.__all__ if not hasattr(camunda_config, n)] == []


def test_exception_bases() -> None:
    """The error is a ValueError and the warning a UserWarning."""
    assert (
        issubclass(ConfigurationError, ValueError),
        issubclass(ConfigurationWarning, UserWarning),
    ) == (True, True)

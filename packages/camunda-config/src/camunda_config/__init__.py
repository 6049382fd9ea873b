"""Configuration resolution for the Camunda 8 Python SDK.

Every variable is declared once in `CONFIG_KEYS`; `ConfigurationResolver`
merges a ``.env`` file, the process environment and explicit values (in that
order of precedence) into a validated `CamundaSdkConfiguration`, and records
where each value came from.
"""

from __future__ import annotations

from camunda_config._errors import ConfigurationError, ConfigurationWarning
from camunda_config._keys import CONFIG_KEYS, ConfigKey, describe_keys
from camunda_config._model import CamundaSdkConfiguration
from camunda_config._partial import CamundaSdkConfigPartial
from camunda_config._resolver import (
    ConfigurationResolver,
    ResolvedCamundaSdkConfiguration,
    read_environment,
)

__all__ = [
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

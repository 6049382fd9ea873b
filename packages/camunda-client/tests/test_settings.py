"""Runtime settings come from the resolved configuration, once."""

from __future__ import annotations

from typing import Any

from camunda_client._client import resolve_configuration
from camunda_client._runtime._settings import RuntimeSettings


def settings_from(**values: str) -> RuntimeSettings:
    explicit: Any = {"CAMUNDA_REST_ADDRESS": "http://127.0.0.1:1", **values}
    return RuntimeSettings.from_configuration(resolve_configuration(explicit))


def test_defaults_follow_the_configuration_defaults() -> None:
    """30 s timeout, 3 retries, 100 ms base, 5 s cap, BALANCED, no tenant."""
    assert RuntimeSettings(30.0, 3, 0.1, 5.0, "BALANCED", None, None) == settings_from()


def test_explicit_values_are_converted() -> None:
    """Milliseconds become seconds and the tenants a tuple."""
    settings = settings_from(
        CAMUNDA_SDK_HTTP_TIMEOUT_MS="1500",
        CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES="0",
        CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS="250",
        CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS="1500",
        CAMUNDA_SDK_BACKPRESSURE_PROFILE="LEGACY",
        CAMUNDA_TENANT_ID="t1",
        CAMUNDA_TENANT_IDS="a, b",
    )

    assert RuntimeSettings(1.5, 0, 0.25, 1.5, "LEGACY", "t1", ("a", "b")) == settings
    assert ["a", "b"] == settings.default_tenant_ids()


def test_single_tenant_feeds_activation() -> None:
    """Without CAMUNDA_TENANT_IDS, activation falls back to the single tenant."""
    settings = settings_from(CAMUNDA_TENANT_ID="solo")

    assert ["solo"] == settings.default_tenant_ids()


def test_resolved_configuration_is_kept() -> None:
    """Passing an already resolved configuration returns that very object."""
    config = resolve_configuration({"CAMUNDA_REST_ADDRESS": "http://127.0.0.1:1"})

    assert config is resolve_configuration(config)

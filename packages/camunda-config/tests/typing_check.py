"""Typing checks for the public API (checked by pyright, never run)."""

from __future__ import annotations

from camunda_config import (
    CamundaSdkConfigPartial,
    CamundaSdkConfiguration,
    ConfigurationResolver,
    ResolvedCamundaSdkConfiguration,
    read_environment,
)
from pydantic import SecretStr


def check() -> None:
    explicit: CamundaSdkConfigPartial = {
        "CAMUNDA_REST_ADDRESS": "http://localhost:8080",
        "CAMUNDA_SDK_HTTP_TIMEOUT_MS": 1000,
        "CAMUNDA_TENANT_IDS": ["a"],
        "CAMUNDA_CLIENT_SECRET": SecretStr("s"),
    }
    resolved: ResolvedCamundaSdkConfiguration = ConfigurationResolver(
        read_environment(), explicit
    ).resolve()
    config: CamundaSdkConfiguration = resolved.effective
    address: str = config.CAMUNDA_REST_ADDRESS
    timeout: int = config.CAMUNDA_SDK_HTTP_TIMEOUT_MS
    secret: SecretStr | None = config.CAMUNDA_CLIENT_SECRET
    tenants: list[str] | None = config.CAMUNDA_TENANT_IDS
    grace: float | None = config.CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS
    source: str = resolved.sources["CAMUNDA_REST_ADDRESS"]
    del address, timeout, secret, tenants, grace, source

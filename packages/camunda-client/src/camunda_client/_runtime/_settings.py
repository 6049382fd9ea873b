"""The runtime's own settings, read once from the resolved configuration."""

from __future__ import annotations

from typing import Any, Literal

import attrs

BackpressureProfile = Literal["BALANCED", "LEGACY"]


@attrs.frozen
class RuntimeSettings:
    """What the transport layers need, decoupled from the configuration model.

    Attributes:
        timeout_s: Default request timeout in seconds (None: no timeout).
        max_retries: Retries after a backpressure answer (0 turns retry off).
        retry_base_delay_s: First backoff ceiling; it doubles per retry.
        retry_max_delay_s: Upper bound of any single backoff, Retry-After too.
        backpressure_profile: ``"BALANCED"`` gates calls, ``"LEGACY"`` only
            observes.
        tenant_id: Default ``tenantId`` for operations that take one.
        tenant_ids: Default ``tenantIds`` for job activation.
    """

    timeout_s: float | None = 30.0
    max_retries: int = 3
    retry_base_delay_s: float = 0.1
    retry_max_delay_s: float = 5.0
    backpressure_profile: BackpressureProfile = "BALANCED"
    tenant_id: str | None = None
    tenant_ids: tuple[str, ...] | None = None

    @classmethod
    def from_configuration(cls, config: Any) -> RuntimeSettings:
        """Read the settings from a resolved `CamundaSdkConfiguration`."""
        tenant_ids = config.CAMUNDA_TENANT_IDS
        return cls(
            timeout_s=_ms_to_s(config.CAMUNDA_SDK_HTTP_TIMEOUT_MS),
            max_retries=max(0, int(config.CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES)),
            retry_base_delay_s=config.CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS / 1000,
            retry_max_delay_s=config.CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS / 1000,
            backpressure_profile=config.CAMUNDA_SDK_BACKPRESSURE_PROFILE,
            tenant_id=config.CAMUNDA_TENANT_ID or None,
            tenant_ids=tuple(tenant_ids) if tenant_ids else None,
        )

    def default_tenant_ids(self) -> list[str] | None:
        """Return the tenants job activation defaults to, if any."""
        if self.tenant_ids:
            return list(self.tenant_ids)
        if self.tenant_id:
            return [self.tenant_id]
        return None


def _ms_to_s(value: int | None) -> float | None:
    if value is None or value <= 0:
        return None
    return value / 1000

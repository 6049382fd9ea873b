"""Typed sync and async client for the Camunda 8 Orchestration Cluster REST API v2.

Names load on first use (PEP 562), so ``import camunda_client`` stays cheap;
the models live in `camunda_client.models`, the errors in
`camunda_client.errors` and the `UNSET` sentinel in `camunda_client.types`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camunda_client._client import CamundaAsyncClient, CamundaClient
    from camunda_client._runtime._backpressure import BackpressureSnapshot
    from camunda_client._runtime._consistency import ConsistencyOptions
    from camunda_client._runtime._deploy import ExtendedDeploymentResult
    from camunda_client._runtime._retry import instant_retries
    from camunda_client.errors import (
        ApiError,
        BackpressureQueueFull,
        CamundaConnectionError,
        CamundaError,
        CamundaTimeoutError,
        EventualConsistencyTimeoutError,
    )

__all__ = [
    # clients
    "CamundaClient",
    "CamundaAsyncClient",
    # call options and results
    "ConsistencyOptions",
    "ExtendedDeploymentResult",
    "BackpressureSnapshot",
    # testing
    "instant_retries",
    # errors (all of them in camunda_client.errors)
    "CamundaError",
    "ApiError",
    "CamundaConnectionError",
    "CamundaTimeoutError",
    "EventualConsistencyTimeoutError",
    "BackpressureQueueFull",
]

_WHERE = {
    "CamundaClient": "camunda_client._client",
    "CamundaAsyncClient": "camunda_client._client",
    "ConsistencyOptions": "camunda_client._runtime._consistency",
    "ExtendedDeploymentResult": "camunda_client._runtime._deploy",
    "BackpressureSnapshot": "camunda_client._runtime._backpressure",
    "instant_retries": "camunda_client._runtime._retry",
    "CamundaError": "camunda_client.errors",
    "ApiError": "camunda_client.errors",
    "CamundaConnectionError": "camunda_client.errors",
    "CamundaTimeoutError": "camunda_client.errors",
    "EventualConsistencyTimeoutError": "camunda_client.errors",
    "BackpressureQueueFull": "camunda_client.errors",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        msg = f"module 'camunda_client' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

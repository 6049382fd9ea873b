"""Runtime names at the reference SDK's ``camunda_orchestration_sdk.runtime`` path.

Everything here is also importable from the package itself; names load on
first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camunda_auth import (
        AsyncAuthProvider,
        AsyncOAuthClientCredentialsAuthProvider,
        AuthProvider,
        BasicAuthProvider,
        NullAuthProvider,
        OAuthClientCredentialsAuthProvider,
        inject_auth_event_hooks,
    )
    from camunda_client import (
        BackpressureQueueFull,
        ConsistencyOptions,
        EventualConsistencyTimeoutError,
    )
    from camunda_config import ConfigurationResolver, read_environment
    from camunda_log import CamundaLogger, NullLogger, SdkLogger, create_logger
    from camunda_worker import (
        ExecutionHint,
        HintedCallable,
        JobContext,
        JobError,
        JobFailure,
        JobWorker,
        WorkerConfig,
    )

__all__ = [
    "AuthProvider",
    "AsyncAuthProvider",
    "NullAuthProvider",
    "BasicAuthProvider",
    "OAuthClientCredentialsAuthProvider",
    "AsyncOAuthClientCredentialsAuthProvider",
    "inject_auth_event_hooks",
    "BackpressureQueueFull",
    "ConsistencyOptions",
    "EventualConsistencyTimeoutError",
    "ConfigurationResolver",
    "read_environment",
    "CamundaLogger",
    "NullLogger",
    "SdkLogger",
    "create_logger",
    "JobWorker",
    "WorkerConfig",
    "JobContext",
    "JobError",
    "JobFailure",
    "ExecutionHint",
    "HintedCallable",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module("camunda_orchestration_sdk"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

"""Camunda 8 Orchestration Cluster SDK: client, job worker, auth, config, logging.

This meta-package holds no logic. It re-exports the public names of
camunda_log, camunda_config, camunda_auth, camunda_client and camunda_worker,
and every model class of `camunda_client.models`, all loaded on first use
(PEP 562): ``import camunda_orchestration_sdk`` imports nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from camunda_auth import (
        AsyncAuthProvider,
        AsyncOAuthClientCredentialsAuthProvider,
        AuthenticationError,
        AuthError,
        AuthProvider,
        BasicAuthProvider,
        CacheWarning,
        CamundaAuth,
        NullAuthProvider,
        OAuthClientCredentialsAuthProvider,
        RetryPolicy,
        TokenRequestError,
        default_token_cache_dir,
        inject_auth_event_hooks,
        resolve_token_cache_dir,
    )
    from camunda_client import (
        ApiError,
        BackpressureQueueFull,
        BackpressureSnapshot,
        CamundaClient,
        CamundaConnectionError,
        CamundaError,
        CamundaTimeoutError,
        ConsistencyOptions,
        EventualConsistencyTimeoutError,
        ExtendedDeploymentResult,
        instant_retries,
    )
    from camunda_client.models import *  # noqa: F403  # pyright: ignore[reportWildcardImportFromLibrary]
    from camunda_config import (
        CONFIG_KEYS,
        CamundaSdkConfigPartial,
        CamundaSdkConfiguration,
        ConfigKey,
        ConfigurationError,
        ConfigurationResolver,
        ConfigurationWarning,
        ResolvedCamundaSdkConfiguration,
        describe_keys,
        read_environment,
    )
    from camunda_log import (
        LOG_LEVELS,
        CamundaLogger,
        LogLevel,
        NullLogger,
        SdkLogger,
        create_logger,
        level_enabled,
        parse_log_level,
    )
    from camunda_worker import (
        CamundaAsyncClient,
        ExecutionHint,
        ExecutionStrategy,
        HintedCallable,
        JobContext,
        JobError,
        JobFailure,
        JobVariables,
        JobWorker,
        WorkerConfig,
        WorkerSettings,
        WorkerStats,
    )

    from . import errors as errors
    from . import models as models
    from . import runtime as runtime
    from . import types as types

# Where each name comes from; the first package that has it wins.
_SOURCES: dict[str, tuple[str, ...]] = {
    "camunda_log": (
        "CamundaLogger",
        "NullLogger",
        "SdkLogger",
        "create_logger",
        "LogLevel",
        "LOG_LEVELS",
        "parse_log_level",
        "level_enabled",
    ),
    "camunda_config": (
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
    ),
    "camunda_auth": (
        "AuthProvider",
        "AsyncAuthProvider",
        "NullAuthProvider",
        "BasicAuthProvider",
        "OAuthClientCredentialsAuthProvider",
        "AsyncOAuthClientCredentialsAuthProvider",
        "CamundaAuth",
        "inject_auth_event_hooks",
        "default_token_cache_dir",
        "resolve_token_cache_dir",
        "RetryPolicy",
        "AuthError",
        "AuthenticationError",
        "TokenRequestError",
        "CacheWarning",
    ),
    "camunda_client": (
        "CamundaClient",
        "ConsistencyOptions",
        "ExtendedDeploymentResult",
        "BackpressureSnapshot",
        # camunda_client's switch also makes camunda_auth's token retries instant
        "instant_retries",
        "CamundaError",
        "ApiError",
        "CamundaConnectionError",
        "CamundaTimeoutError",
        "EventualConsistencyTimeoutError",
        "BackpressureQueueFull",
    ),
    "camunda_worker": (
        "JobWorker",
        "WorkerConfig",
        "WorkerSettings",
        "WorkerStats",
        "JobContext",
        "JobVariables",
        "JobError",
        "JobFailure",
        "ExecutionHint",
        "ExecutionStrategy",
        "HintedCallable",
    ),
}
# The worker's async client adds create_job_worker/run_workers; fall back to
# the plain client when the worker package does not offer it.
_PREFERRED = {"CamundaAsyncClient": ("camunda_worker", "camunda_client")}
_SUBMODULES = ("errors", "models", "runtime", "types")

_WHERE: dict[str, tuple[str, ...]] = {
    name: (module,) for module, names in _SOURCES.items() for name in names
}
_WHERE.update(_PREFERRED)

__all__ = [
    "CamundaClient",
    "CamundaAsyncClient",
    "ConsistencyOptions",
    "ExtendedDeploymentResult",
    "BackpressureSnapshot",
    "instant_retries",
    "CamundaError",
    "ApiError",
    "CamundaConnectionError",
    "CamundaTimeoutError",
    "EventualConsistencyTimeoutError",
    "BackpressureQueueFull",
    "JobWorker",
    "WorkerConfig",
    "WorkerSettings",
    "WorkerStats",
    "JobContext",
    "JobVariables",
    "JobError",
    "JobFailure",
    "ExecutionHint",
    "ExecutionStrategy",
    "HintedCallable",
    "AuthProvider",
    "AsyncAuthProvider",
    "NullAuthProvider",
    "BasicAuthProvider",
    "OAuthClientCredentialsAuthProvider",
    "AsyncOAuthClientCredentialsAuthProvider",
    "CamundaAuth",
    "inject_auth_event_hooks",
    "default_token_cache_dir",
    "resolve_token_cache_dir",
    "RetryPolicy",
    "AuthError",
    "AuthenticationError",
    "TokenRequestError",
    "CacheWarning",
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
    "CamundaLogger",
    "NullLogger",
    "SdkLogger",
    "create_logger",
    "LogLevel",
    "LOG_LEVELS",
    "parse_log_level",
    "level_enabled",
]


if TYPE_CHECKING:
    # Type checkers see every model as exported too; at run time the model
    # names are served lazily by __getattr__ and listed by __dir__.
    import camunda_client.models as _client_models

    __all__ += _client_models.__all__


def _load(name: str) -> Any:
    for module_name in _WHERE[name]:
        module = importlib.import_module(module_name)
        if hasattr(module, name):
            return getattr(module, name)
    msg = f"none of {_WHERE[name]} provides {name!r}"
    raise AttributeError(msg)


def _model_names() -> list[str]:
    models_module = importlib.import_module("camunda_client.models")
    return list(models_module.__all__)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = _load(name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    elif not name.startswith("_") and name in _model_names():
        value = getattr(importlib.import_module("camunda_client.models"), name)
    else:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES, *_model_names()})

"""What a worker is told to do, and how unset fields get their defaults."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import attrs

from ._hints import StrategyChoice

DEFAULT_MAX_CONCURRENT_JOBS = 10
DEFAULT_REQUEST_TIMEOUT_MS = 0
DEFAULT_WORKER_NAME = "camunda-python-sdk-worker"
DEFAULT_SHUTDOWN_GRACE_SECONDS = 10.0


@dataclass
class WorkerConfig:
    """Settings of one job worker.

    Fields left as ``None`` take the matching ``CAMUNDA_WORKER_*`` value of
    the client's configuration, then the built-in default.

    Attributes:
        job_type: The job type to work on.
        job_timeout_milliseconds: How long an activated job stays reserved
            for this worker (``CAMUNDA_WORKER_TIMEOUT``; required somewhere).
        request_timeout_milliseconds: The activation long-poll timeout;
            0 asks for the server's default, a negative value disables long
            polling (``CAMUNDA_WORKER_REQUEST_TIMEOUT``, default 0).
        max_concurrent_jobs: Jobs handled at once
            (``CAMUNDA_WORKER_MAX_CONCURRENT_JOBS``, default 10).
        execution_strategy: ``auto``, ``async``, ``thread`` or ``process``.
        fetch_variables: Variable names to fetch; ``None`` fetches all.
        worker_name: Sent as the activating worker's name
            (``CAMUNDA_WORKER_NAME``, default ``camunda-python-sdk-worker``).
        tenant_ids: Tenants to activate jobs for; ``None`` uses the client's
            default tenants.
        shutdown_grace_seconds: How long ``stop()`` waits for jobs in flight
            before cancelling them (``CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS``,
            default 10).
        startup_jitter_max_seconds: Upper bound of a random delay before the
            first poll (``CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS``,
            default 0).
    """

    job_type: str
    job_timeout_milliseconds: int | None = None
    request_timeout_milliseconds: int | None = None
    max_concurrent_jobs: int | None = None
    execution_strategy: StrategyChoice = "auto"
    fetch_variables: Sequence[str] | None = None
    worker_name: str | None = None
    tenant_ids: Sequence[str] | None = None
    shutdown_grace_seconds: float | None = None
    startup_jitter_max_seconds: float | None = None


@attrs.frozen
class WorkerSettings:
    """A :class:`WorkerConfig` with every default filled in and checked."""

    job_type: str
    job_timeout_ms: int
    request_timeout_ms: int
    max_concurrent_jobs: int
    execution_strategy: StrategyChoice
    fetch_variables: tuple[str, ...] | None
    worker_name: str
    tenant_ids: tuple[str, ...] | None
    shutdown_grace_seconds: float
    startup_jitter_max_seconds: float


def resolve_settings(config: WorkerConfig, configuration: Any = None) -> WorkerSettings:
    """Fill the unset fields of `config` from the client configuration.

    Args:
        config: The worker's own settings.
        configuration: The client's resolved ``CamundaSdkConfiguration`` (or
            None), read for its ``CAMUNDA_WORKER_*`` fields.

    Raises:
        ValueError: A value is missing or out of range; the message names it.
    """
    job_type: Any = config.job_type
    if not isinstance(job_type, str) or not job_type.strip():
        raise ValueError(
            f"WorkerConfig.job_type must be a non-empty string, got {config.job_type!r}"
        )

    def pick(value: Any, key: str, default: Any) -> Any:
        if value is not None:
            return value
        from_config = getattr(configuration, key, None)
        return default if from_config is None else from_config

    if isinstance(config.fetch_variables, str):
        raise TypeError(
            "WorkerConfig.fetch_variables must be a list of names, "
            f"got the string {config.fetch_variables!r}"
        )
    timeout = pick(config.job_timeout_milliseconds, "CAMUNDA_WORKER_TIMEOUT", None)
    if timeout is None:
        raise ValueError(
            "WorkerConfig.job_timeout_milliseconds is not set and neither is "
            "CAMUNDA_WORKER_TIMEOUT; set one to the milliseconds a job stays "
            "reserved for this worker"
        )
    return WorkerSettings(
        job_type=config.job_type,
        job_timeout_ms=_positive_int("job_timeout_milliseconds", timeout),
        request_timeout_ms=_int(
            "request_timeout_milliseconds",
            pick(
                config.request_timeout_milliseconds,
                "CAMUNDA_WORKER_REQUEST_TIMEOUT",
                DEFAULT_REQUEST_TIMEOUT_MS,
            ),
        ),
        max_concurrent_jobs=_positive_int(
            "max_concurrent_jobs",
            pick(
                config.max_concurrent_jobs,
                "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS",
                DEFAULT_MAX_CONCURRENT_JOBS,
            ),
        ),
        execution_strategy=config.execution_strategy,
        fetch_variables=None
        if config.fetch_variables is None
        else tuple(config.fetch_variables),
        worker_name=str(
            pick(config.worker_name, "CAMUNDA_WORKER_NAME", DEFAULT_WORKER_NAME)
        ),
        tenant_ids=_tenant_ids(config.tenant_ids, configuration),
        shutdown_grace_seconds=_non_negative_float(
            "shutdown_grace_seconds",
            pick(
                config.shutdown_grace_seconds,
                "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS",
                DEFAULT_SHUTDOWN_GRACE_SECONDS,
            ),
        ),
        startup_jitter_max_seconds=_non_negative_float(
            "startup_jitter_max_seconds",
            pick(
                config.startup_jitter_max_seconds,
                "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS",
                0.0,
            ),
        ),
    )


def _tenant_ids(
    explicit: Sequence[str] | None, configuration: Any
) -> tuple[str, ...] | None:
    if explicit is not None:
        return tuple(explicit)
    return None if configuration is None else _configured_tenants(configuration)


def _configured_tenants(configuration: Any) -> tuple[str, ...] | None:
    many = getattr(configuration, "CAMUNDA_TENANT_IDS", None)
    if many:
        return tuple(many)
    one = getattr(configuration, "CAMUNDA_TENANT_ID", None)
    return (one,) if one else None


def _int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"WorkerConfig.{name} must be an integer, got {value!r}")
    return value


def _positive_int(name: str, value: Any) -> int:
    number = _int(name, value)
    if number <= 0:
        raise ValueError(f"WorkerConfig.{name} must be greater than 0, got {value!r}")
    return number


def _non_negative_float(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"WorkerConfig.{name} must be a number >= 0, got {value!r}")
    return float(value)

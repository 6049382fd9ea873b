"""How worker settings are resolved and how strategies are chosen."""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any

import pytest
from camunda_worker import ExecutionHint, JobContext, WorkerConfig
from camunda_worker._config import resolve_settings
from camunda_worker._hints import choose_strategy


def _configuration(**values: Any) -> SimpleNamespace:
    return SimpleNamespace(**values)


def test_explicit_fields_win_over_configuration() -> None:
    """Fields set on WorkerConfig beat CAMUNDA_WORKER_* values."""
    configuration = _configuration(
        CAMUNDA_WORKER_TIMEOUT=1000,
        CAMUNDA_WORKER_MAX_CONCURRENT_JOBS=3,
        CAMUNDA_WORKER_NAME="from-env",
    )
    config = WorkerConfig("pay", job_timeout_milliseconds=5000, max_concurrent_jobs=7)

    settings = resolve_settings(config, configuration)

    assert (5000, 7, "from-env") == (
        settings.job_timeout_ms,
        settings.max_concurrent_jobs,
        settings.worker_name,
    )


def test_defaults_fill_what_nobody_set() -> None:
    """Unset fields take the built-in defaults."""
    settings = resolve_settings(WorkerConfig("pay", job_timeout_milliseconds=100), None)

    assert (0, 10, "camunda-python-sdk-worker", 10.0, 0.0, None, None) == (
        settings.request_timeout_ms,
        settings.max_concurrent_jobs,
        settings.worker_name,
        settings.shutdown_grace_seconds,
        settings.startup_jitter_max_seconds,
        settings.fetch_variables,
        settings.tenant_ids,
    )


def test_tenants_come_from_configuration() -> None:
    """CAMUNDA_TENANT_IDS, then CAMUNDA_TENANT_ID, give the default tenants."""
    many = _configuration(CAMUNDA_TENANT_IDS=["a", "b"], CAMUNDA_TENANT_ID="c")
    one = _configuration(CAMUNDA_TENANT_IDS=None, CAMUNDA_TENANT_ID="c")
    config = WorkerConfig("t", job_timeout_milliseconds=1)

    assert ("a", "b") == resolve_settings(config, many).tenant_ids
    assert ("c",) == resolve_settings(config, one).tenant_ids


def test_missing_job_timeout_names_both_places() -> None:
    """Without a job timeout anywhere, the error says where to set it."""
    with pytest.raises(
        ValueError,
        match="job_timeout_milliseconds is not set and neither is CAMUNDA_WORKER_TIME",
    ):
        resolve_settings(WorkerConfig("pay"), None)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            WorkerConfig("", job_timeout_milliseconds=1),
            "job_type must be a non-empty string, got ''",
        ),
        (
            WorkerConfig("t", job_timeout_milliseconds=0),
            "job_timeout_milliseconds must be greater than 0, got 0",
        ),
        (
            WorkerConfig("t", job_timeout_milliseconds=1, max_concurrent_jobs=-2),
            "max_concurrent_jobs must be greater than 0, got -2",
        ),
        (
            WorkerConfig("t", job_timeout_milliseconds=1, shutdown_grace_seconds=-1),
            "shutdown_grace_seconds must be a number >= 0, got -1",
        ),
    ],
)
def test_bad_values_are_named(config: WorkerConfig, message: str) -> None:
    """A bad value raises an error naming the field and the value."""
    with pytest.raises(ValueError, match=message):
        resolve_settings(config, None)


def test_fetch_variables_as_string_is_refused() -> None:
    """A single string for fetch_variables is a mistake, not a list of letters."""
    with pytest.raises(
        TypeError, match="fetch_variables must be a list of names, got the string 'abc'"
    ):
        resolve_settings(
            WorkerConfig("t", job_timeout_milliseconds=1, fetch_variables="abc"), None
        )


def sync_handler(job: JobContext) -> None:
    return None


async def async_handler(job: JobContext) -> None:
    return None


def test_auto_picks_async_for_coroutines_and_thread_otherwise() -> None:
    """auto: coroutine functions (also behind partial) run async, others in threads."""
    assert "async" == choose_strategy(async_handler, "auto")
    assert "async" == choose_strategy(functools.partial(async_handler), "auto")
    assert "thread" == choose_strategy(sync_handler, "auto")


def test_prefer_hint_steers_auto() -> None:
    """ExecutionHint.prefer decides what auto picks."""

    @ExecutionHint.prefer("process")
    def heavy(job: JobContext) -> None:
        return None

    assert "process" == choose_strategy(heavy, "auto")
    assert "thread" == choose_strategy(heavy, "thread")


def test_permit_hint_refuses_other_strategies() -> None:
    """A configured strategy outside the permitted set is refused."""

    @ExecutionHint.permit("thread")
    def blocking(job: JobContext) -> None:
        return None

    assert "thread" == choose_strategy(blocking, "thread")
    with pytest.raises(
        ValueError,
        match="permits only thread, but the worker is configured with 'async'",
    ):
        choose_strategy(blocking, "async")


def test_unknown_strategy_is_named() -> None:
    """An unknown strategy name lists the allowed ones."""
    with pytest.raises(
        ValueError,
        match="unknown execution_strategy 'fibers'; allowed: auto, async, thread, proc",
    ):
        choose_strategy(sync_handler, "fibers")
    with pytest.raises(ValueError, match="unknown execution strategy 'gpu'"):
        ExecutionHint.prefer("gpu")  # type: ignore[arg-type]

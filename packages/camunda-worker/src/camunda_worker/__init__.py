"""Job workers for the Camunda 8 Orchestration Cluster REST API.

A worker long-polls for jobs of one type, runs your handler for each one
and completes, fails or errors the job by what the handler did.
"""

from __future__ import annotations

from ._client import CamundaAsyncClient
from ._config import WorkerConfig, WorkerSettings
from ._context import JobContext, JobVariables
from ._errors import JobError, JobFailure
from ._hints import ExecutionHint, ExecutionStrategy, HintedCallable
from ._stats import WorkerStats
from ._worker import JobWorker

__all__ = [
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
    "CamundaAsyncClient",
]

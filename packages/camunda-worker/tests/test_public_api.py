"""The package's public surface is exactly what it means to export."""

from __future__ import annotations

import camunda_worker


def test_all_lists_the_public_names() -> None:
    """__all__ names every public name and nothing else."""
    expected = {
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
    }
    public = {name for name in vars(camunda_worker) if not name.startswith("_")}

    assert expected == set(camunda_worker.__all__)
    assert set() == public - expected - {"annotations"}

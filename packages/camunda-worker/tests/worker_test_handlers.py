"""Module-level handlers for the process strategy (children must import them)."""

from __future__ import annotations

import os
from typing import Any

from camunda_worker import JobContext, JobError, JobFailure


def double_amount(job: JobContext) -> dict[str, Any]:
    return {"doubled": job.variables["amount"] * 2, "pid": os.getpid()}


def throw_declined(job: JobContext) -> None:
    raise JobError("DECLINED", "card declined", {"reason": "limit"})


def fail_busy(job: JobContext) -> None:
    raise JobFailure("busy", retries=7, retry_back_off=1500)


def crash(job: JobContext) -> None:
    raise ValueError("bad input " + str(job.variables["amount"]))


def die(job: JobContext) -> None:
    os._exit(3)


def exit_now(job: JobContext) -> None:
    raise SystemExit(3)

"""The three calls a worker makes, and how their errors are classified."""

from __future__ import annotations

from typing import Any

from camunda_auth import AuthError
from camunda_client.errors import ApiError, CamundaConnectionError

from ._outcome import Ack

# Statuses after which an acknowledgement can never succeed: the job is
# gone (404), finished or owned elsewhere (409), or the body is refused (400).
_FINAL_ACK_STATUSES = frozenset({400, 404, 409})


class AckRejectedError(Exception):
    """The engine refused an acknowledgement for good."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(
            f"HTTP {status_code}: {detail}" if detail else f"HTTP {status_code}"
        )
        self.status_code = status_code


class JobClient:
    """Activation and acknowledgement through a ``CamundaAsyncClient``."""

    def __init__(self, client: Any) -> None:
        self._client = client

    async def activate(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Activate jobs; return them in wire format."""
        result = await self._client.activate_jobs(data=body)
        return [job.to_dict() for job in result.jobs]

    async def acknowledge(self, job_key: str, ack: Ack) -> None:
        """Send the completion, failure or BPMN error of a job.

        Raises:
            AckRejectedError: The engine refused it for good.
        """
        try:
            if ack.kind == "complete":
                await self._client.complete_job(job_key, data=ack.body)
            elif ack.kind == "fail":
                await self._client.fail_job(job_key, data=ack.body)
            else:
                await self._client.throw_job_error(job_key, data=ack.body)
        except ApiError as exc:
            if exc.status_code in _FINAL_ACK_STATUSES:
                raise AckRejectedError(
                    exc.status_code, exc.detail or exc.title or ""
                ) from exc
            raise


def is_transient(exc: BaseException) -> bool:
    """Tell whether retrying the same call later may succeed."""
    if isinstance(exc, CamundaConnectionError):
        return True
    if isinstance(exc, ApiError):
        return exc.status_code == 429 or exc.status_code >= 500
    return isinstance(exc, AuthError)  # the token endpoint may come back

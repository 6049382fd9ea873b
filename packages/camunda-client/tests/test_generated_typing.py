"""Static typing checks of the generated API: pyright reads them, pytest runs one.

The ``check_*`` functions are never called; pyright verifies every
``assert_type`` and every ``# pyright: ignore`` that marks a call which must
be rejected (with ``reportUnnecessaryTypeIgnoreComment`` the ignore would
itself fail if the call were accepted).
"""

# pyright: reportUnnecessaryTypeIgnoreComment=true

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from camunda_client.models import (
    ActivatedJobResult,
    CreateDeploymentData,
    JobActivationResult,
    JobCompletionRequest,
    JobKindEnum,
    ProcessInstanceCreationInstructionByKey,
    ProcessInstanceResult,
    TopologyResponse,
)
from camunda_client.types import Unset

if TYPE_CHECKING:
    from camunda_client._generated._async_ops import AsyncOperations
    from camunda_client._generated._sync_ops import SyncOperations
    from typing_extensions import assert_type


def check_sync(client: SyncOperations) -> None:
    assert_type(client.get_topology(), TopologyResponse)
    assert_type(
        client.activate_jobs(data={"type": "t", "timeout": 1, "maxJobsToActivate": 1}),
        JobActivationResult,
    )
    assert_type(client.complete_job(1, data=JobCompletionRequest()), None)
    assert_type(client.get_process_definition_xml("1"), str | None)
    assert_type(client.get_document("d"), bytes)
    assert_type(client.search_process_instances_iter(), Iterator[ProcessInstanceResult])
    client.complete_job(1, data=TopologyResponse.from_dict({}))  # pyright: ignore[reportArgumentType]
    client.get_topology(bogus=1)  # pyright: ignore[reportCallIssue]
    client.create_deployment(data=CreateDeploymentData(resources=[b"<bpmn/>"]))


async def check_async(client: AsyncOperations) -> None:
    assert_type(await client.get_topology(), TopologyResponse)
    assert_type(
        client.search_process_instances_iter(), AsyncIterator[ProcessInstanceResult]
    )


def check_models(job: ActivatedJobResult) -> None:
    assert_type(job.job_key, str)
    assert_type(job.kind, JobKindEnum)
    assert_type(JobCompletionRequest().variables, dict[str, Any] | None | Unset)
    ProcessInstanceCreationInstructionByKey(process_definition_key=1)
    ProcessInstanceCreationInstructionByKey(process_definition_key=1.5)  # pyright: ignore[reportArgumentType]


def test_typing_checks_are_importable() -> None:
    """The module imports at runtime, so pyright and pytest see the same file."""
    assert ["check_async", "check_models", "check_sync"] == sorted(
        n for n in globals() if n.startswith("check_")
    )

"""Checked by pyright, never run: the public API reads as documented."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from camunda_client import (
        BackpressureSnapshot,
        CamundaAsyncClient,
        CamundaClient,
        ConsistencyOptions,
        ExtendedDeploymentResult,
        instant_retries,
    )
    from camunda_client.errors import ApiError, NotFoundError
    from camunda_client.models import TopologyResponse

    def sync_usage(client: CamundaClient) -> None:
        topology: TopologyResponse = client.get_topology()
        snapshot: BackpressureSnapshot = client.backpressure
        deployed: ExtendedDeploymentResult = client.deploy_resources_from_files(
            ["a.bpmn"], tenant_id="t"
        )
        with instant_retries():
            client.get_process_instance(
                "1", consistency=ConsistencyOptions(wait_up_to_ms=1000)
            )
        try:
            client.get_process_instance(2)
        except NotFoundError as error:
            status: int = error.status_code
            title: str | None = error.title
            del status, title
        except ApiError:
            pass
        del topology, snapshot, deployed

    async def async_usage(client: CamundaAsyncClient) -> None:
        topology: TopologyResponse = await client.get_topology()
        async for item in client.search_process_instances_iter(page_size=10):
            del item
        await client.aclose()
        del topology

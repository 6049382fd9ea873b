"""The request-body contract check itself: it sees SDK traffic and flags bad bodies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from camunda_client.errors import ApiError
from camunda_testkit.contract import SpecContract
from camunda_worker import CamundaAsyncClient

if TYPE_CHECKING:
    from conftest import ContractRecorder, Scenario, Target


@pytest.fixture
def spec(spec_contract: SpecContract | None) -> SpecContract:
    """The spec; the contract tests skip without it."""
    if spec_contract is None:
        pytest.skip("../shared/spec is absent: no contract to check against")
    return spec_contract


async def test_hook_flags_a_body_the_spec_rejects(
    spec: SpecContract, camunda_target: Target, private_contract: ContractRecorder
) -> None:
    """A tenant id off the spec's pattern is recorded as a publishMessage violation."""
    recorder = private_contract
    sdk = CamundaAsyncClient(
        camunda_target.settings(), event_hooks={"request": [recorder.ahook]}
    )
    try:
        with pytest.raises(ApiError) as raised:
            await sdk.publish_message(
                data={"name": "m", "correlationKey": "k", "tenantId": "no tenant!"}
            )
    finally:
        await sdk.aclose()

    assert 400 == raised.value.status_code
    assert 1 == recorder.checked
    assert ["publishMessage"] == [v.split(":", 1)[0] for v in recorder.violations]


async def test_hook_sees_json_bodies_and_skips_multipart(
    spec: SpecContract, scenario: Scenario, contract: ContractRecorder
) -> None:
    """Deploying (multipart) is not checked; creating an instance (JSON) is."""
    process_id = scenario.name("contract")
    before = dict(contract.operations)

    await scenario.deploy(
        {"c.bpmn": scenario.service_tasks_bpmn(process_id, [scenario.name("none")])}
    )
    await scenario.start(process_id)
    added = {
        name: count - before.get(name, 0)
        for name, count in contract.operations.items()
        if count != before.get(name, 0)
    }

    assert {"createProcessInstance": 1} == added

"""Typing checks of the contract API (checked by pyright, never run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from camunda_testkit.contract import SpecContract


def _use(contract: SpecContract, body: dict[str, Any]) -> None:
    path: Path | None = SpecContract.default_path()
    loaded: SpecContract = SpecContract.load(path or "spec.json")
    ids: list[str] = loaded.operation_ids
    method_and_path: tuple[str, str] = contract.operation(ids[0])
    schema: dict[str, Any] | None = contract.request_schema("activateJobs")
    request_errors: list[str] = contract.validate_request("activateJobs", body)
    response_errors: list[str] = contract.validate_response("getTopology", 200, body)
    found: str | None = contract.find_operation("POST", "/v2/jobs/1/completion")
    sample: dict[str, Any] | None = contract.sample_request("activateJobs")
    parameters: dict[str, dict[str, Any]] = contract.sample_parameters("completeJob")
    concrete: str = contract.sample_path("completeJob")
    del method_and_path, schema, request_errors, response_errors, found
    del sample, parameters, concrete

"""Deploy resources from files: read them, then hand one multipart body over."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

FilePath = str | os.PathLike[str]
# Multipart parts as the runtime sends them.
Parts = list[tuple[str, tuple[str, bytes, str]]]


def read_resources(files: Iterable[FilePath]) -> Parts:
    """Read every file into a ``resources`` multipart part (blocking I/O)."""
    parts: Parts = []
    for file in files:
        path = Path(file)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        parts.append(("resources", (path.name, path.read_bytes(), content_type)))
    if not parts:
        msg = "deploy_resources_from_files needs at least one file"
        raise ValueError(msg)
    return parts


def tenant_form(tenant_id: str | None) -> dict[str, str] | None:
    """Return the form fields for an explicit tenant (None: client default)."""
    return {"tenantId": tenant_id} if tenant_id else None


@attrs.frozen
class ExtendedDeploymentResult:
    """A deployment result with the deployed artefacts sorted by kind.

    Attributes:
        result: The `DeploymentResult` as the server sent it.
        deployment_key: The deployment's key.
        tenant_id: The tenant deployed to.
        processes: The deployed process definitions.
        decisions: The deployed decision definitions.
        decision_requirements: The deployed decision requirements graphs.
        forms: The deployed forms.
        resources: Other deployed resources.
    """

    result: Any
    deployment_key: str
    tenant_id: str
    processes: list[Any]
    decisions: list[Any]
    decision_requirements: list[Any]
    forms: list[Any]
    resources: list[Any]

    @classmethod
    def from_result(cls, result: Any) -> ExtendedDeploymentResult:
        """Sort the `deployments` entries of a `DeploymentResult` by kind."""
        by_kind: dict[str, list[Any]] = {
            "process_definition": [],
            "decision_definition": [],
            "decision_requirements": [],
            "form": [],
            "resource": [],
        }
        entries: list[Any] = list(result.deployments or [])
        for entry in entries:
            for kind, found in by_kind.items():
                value = getattr(entry, kind, None)
                if value:
                    found.append(value)
        return cls(
            result=result,
            deployment_key=result.deployment_key,
            tenant_id=result.tenant_id,
            processes=by_kind["process_definition"],
            decisions=by_kind["decision_definition"],
            decision_requirements=by_kind["decision_requirements"],
            forms=by_kind["form"],
            resources=by_kind["resource"],
        )

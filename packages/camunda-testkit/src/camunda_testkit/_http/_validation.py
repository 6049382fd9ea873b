"""Optional spec checks of requests (400) and responses (500 self-check)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from camunda_testkit.contract import SpecContract


@dataclass(frozen=True)
class SpecChecks:
    """Validate bodies against the OpenAPI document with H7's contract module."""

    contract: SpecContract

    @classmethod
    def load(cls, spec_path: str) -> SpecChecks:
        """Load the spec (cached per path)."""
        return cls(SpecContract.load(spec_path))

    def request_error(self, operation_id: str, body: bytes) -> str | None:
        """Describe why a JSON request body breaks the spec, or None."""
        decoded = _decode(body)
        if decoded is _NOT_JSON:
            return None
        errors = self.contract.validate_request(operation_id, decoded)
        return "; ".join(errors) if errors else None

    def response_error(self, operation_id: str, status: int, body: bytes) -> str | None:
        """Describe why a response breaks the spec, or None."""
        decoded = _decode(body)
        if decoded is _NOT_JSON:
            decoded = body.decode("utf-8", "replace")
        errors = self.contract.validate_response(operation_id, status, decoded)
        return "; ".join(errors) if errors else None


_NOT_JSON: Any = object()


def _decode(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON

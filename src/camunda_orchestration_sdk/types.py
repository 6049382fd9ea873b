"""The `UNSET` sentinel and small value types (same path as the reference SDK)."""

from __future__ import annotations

from camunda_client.types import UNSET, File, FileContent, Unset

__all__ = ["UNSET", "File", "FileContent", "Unset"]

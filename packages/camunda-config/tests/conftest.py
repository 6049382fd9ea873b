"""Shared fixtures for camunda-config tests."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from camunda_config import ConfigurationResolver, ResolvedCamundaSdkConfiguration

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]


@pytest.fixture
def resolve() -> Resolve:
    """Resolve from an environment mapping and optional explicit values."""

    def _resolve(
        environment: Mapping[str, str] | None = None,
        explicit: Mapping[str, object] | None = None,
    ) -> ResolvedCamundaSdkConfiguration:
        return ConfigurationResolver(environment or {}, explicit).resolve()

    return _resolve


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Remove every CAMUNDA_/ZEEBE_ variable and work in an empty folder."""
    for name in list(os.environ):
        if name.startswith(("CAMUNDA_", "ZEEBE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path

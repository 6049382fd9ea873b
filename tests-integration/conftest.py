"""Shared fixtures for the cross-package integration tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The workspace root (the folder holding the meta-package pyproject)."""
    return Path(__file__).resolve().parent.parent

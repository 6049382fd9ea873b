"""Shared fixtures for the FEEL tests."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

FIXED_NOW = datetime(2026, 3, 14, 15, 9, 26, tzinfo=timezone.utc)


@pytest.fixture
def fixed_now() -> datetime:
    """A pinned current time for now() and today()."""
    return FIXED_NOW

"""The public surface of camunda_testkit."""

from __future__ import annotations

import camunda_testkit
import pytest


def test_all_lists_the_intended_names() -> None:
    """__all__ is exactly the intended public API."""
    expected = [
        "DevEngine",
        "AuthMode",
        "Faults",
        "FaultRule",
        "RecordedRequest",
        "Engine",
        "EngineError",
    ]

    assert expected == camunda_testkit.__all__


def test_every_public_name_resolves() -> None:
    """Each name in __all__ loads from its private module."""
    values = [getattr(camunda_testkit, name) for name in camunda_testkit.__all__]

    assert all(value is not None for value in values)
    assert "DevEngine" == camunda_testkit.DevEngine.__name__


def test_unknown_name_raises_attribute_error() -> None:
    """A name outside the API is an AttributeError, not an import error."""
    with pytest.raises(AttributeError, match="no_such_name"):
        camunda_testkit.no_such_name  # noqa: B018

"""Unknown variables warn with the closest known name and never fail."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from camunda_config import ConfigurationWarning, ResolvedCamundaSdkConfiguration

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]


def test_typo_in_environment(resolve: Resolve) -> None:
    """A misspelt variable gets one warning naming the closest key."""
    with pytest.warns(ConfigurationWarning) as record:
        resolved = resolve({"CAMUNDA_REST_ADRESS": "http://x"})

    assert [str(w.message) for w in record] == [
        (
            "unknown configuration key CAMUNDA_REST_ADRESS (from environment) is "
            "ignored; did you mean CAMUNDA_REST_ADDRESS?"
        )
    ]
    assert resolved.effective.CAMUNDA_REST_ADDRESS == "http://localhost:8080/v2"


def test_unrelated_name(resolve: Resolve) -> None:
    """A name close to nothing says so."""
    with pytest.warns(ConfigurationWarning) as record:
        resolve({"CAMUNDA_FOO": "1"})

    assert [str(w.message) for w in record] == [
        (
            "unknown configuration key CAMUNDA_FOO (from environment) is ignored; "
            "it is not a known variable"
        )
    ]


def test_typo_in_explicit(resolve: Resolve) -> None:
    """Unknown explicit keys warn too, whatever their prefix."""
    with pytest.warns(ConfigurationWarning) as record:
        resolve({}, {"CAMUNDA_CLIENT_SECRETT": "s", "worker_name": "w"})

    assert [str(w.message) for w in record] == [
        (
            "unknown configuration key CAMUNDA_CLIENT_SECRETT (from explicit) is "
            "ignored; did you mean CAMUNDA_CLIENT_SECRET?"
        ),
        (
            "unknown configuration key worker_name (from explicit) is ignored; "
            "did you mean CAMUNDA_WORKER_NAME?"
        ),
    ]


def test_warning_points_at_caller(resolve: Resolve) -> None:
    """The warning is attributed to code outside camunda_config."""
    with pytest.warns(ConfigurationWarning) as record:
        resolve({"CAMUNDA_FOO": "1"})

    assert record[0].filename.endswith("conftest.py")


def test_known_tooling_flags_are_quiet(
    recwarn: pytest.WarningsRecorder, resolve: Resolve
) -> None:
    """Loader and tooling flags and non-CAMUNDA variables raise no warning."""
    resolve({"CAMUNDA_INTEGRATION_REAL": "1", "ZEEBE_ADDRESS": "x", "HOME": "/"})

    assert [str(w.message) for w in recwarn] == []

"""A password written into an address is masked wherever the value is shown."""

from __future__ import annotations

import subprocess
import sys

import pytest
from camunda_config import ConfigurationError, ConfigurationResolver


def test_error_masks_the_password_in_an_address() -> None:
    """An invalid address with user:password shows the password masked."""
    resolver = ConfigurationResolver(
        {"CAMUNDA_REST_ADDRESS": "ftp://user:hunter2@host"}
    )

    with pytest.raises(ConfigurationError) as error:
        resolver.resolve()

    assert "hunter2" not in str(error.value)
    assert "ftp://user:********@host" in str(error.value)


def test_cli_masks_the_password_in_an_address() -> None:
    """Python -m camunda_config prints addresses with the password masked."""
    env = {"CAMUNDA_REST_ADDRESS": "http://user:hunter2@host:8080"}

    out = subprocess.run(
        [sys.executable, "-m", "camunda_config"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "hunter2" not in out
    assert "http://user:********@host:8080/v2" in out

"""Constructing CamundaSdkConfiguration directly validates like the resolver."""

from __future__ import annotations

import pytest
from camunda_config import CamundaSdkConfiguration, ConfigurationResolver
from pydantic import ValidationError


def test_defaults_match_resolver() -> None:
    """A bare model equals the resolution of an empty environment."""
    assert CamundaSdkConfiguration() == ConfigurationResolver({}).resolve().effective


def test_direct_normalises_and_infers() -> None:
    """Direct construction normalises the address, fills aliases, infers auth."""
    config = CamundaSdkConfiguration(
        CAMUNDA_REST_ADDRESS="http://h:1/",
        CAMUNDA_CLIENT_AUTH_CLIENTID="id",
        CAMUNDA_CLIENT_SECRET="s",  # pyright: ignore[reportArgumentType]
        CAMUNDA_AUTH_STRATEGY="oauth",  # pyright: ignore[reportArgumentType]
    )

    assert (
        config.CAMUNDA_REST_ADDRESS,
        config.ZEEBE_REST_ADDRESS,
        config.CAMUNDA_CLIENT_ID,
        config.CAMUNDA_AUTH_STRATEGY,
    ) == ("http://h:1/v2", "http://h:1/v2", "id", "OAUTH")


def test_direct_rejects_bad_value() -> None:
    """A bad value fails with pydantic's error carrying our message."""
    with pytest.raises(ValidationError, match="CAMUNDA_SDK_HTTP_TIMEOUT_MS='x'"):
        CamundaSdkConfiguration(CAMUNDA_SDK_HTTP_TIMEOUT_MS="x")  # pyright: ignore[reportArgumentType]


def test_direct_forbids_unknown_fields() -> None:
    """Unknown fields are refused (extra='forbid')."""
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        CamundaSdkConfiguration(CAMUNDA_REST_ADRESS="http://h")  # pyright: ignore[reportCallIssue]

"""mTLS settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from camunda_config import ConfigurationError, ResolvedCamundaSdkConfiguration

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]


@pytest.mark.parametrize(
    ("environment", "missing", "present"),
    [
        ({"CAMUNDA_MTLS_CERT": "CERT"}, "CAMUNDA_MTLS_KEY", "CAMUNDA_MTLS_CERT"),
        ({"CAMUNDA_MTLS_CERT_PATH": "/c.pem"}, "CAMUNDA_MTLS_KEY", "CAMUNDA_MTLS_CERT"),
        ({"CAMUNDA_MTLS_KEY": "KEY"}, "CAMUNDA_MTLS_CERT", "CAMUNDA_MTLS_KEY"),
        ({"CAMUNDA_MTLS_KEY_PATH": "/k.pem"}, "CAMUNDA_MTLS_CERT", "CAMUNDA_MTLS_KEY"),
    ],
)
def test_half_pair_fails(
    resolve: Resolve, environment: dict[str, str], missing: str, present: str
) -> None:
    """A certificate without a key, or the reverse, fails naming the gap."""
    with pytest.raises(ConfigurationError) as info:
        resolve(environment)

    assert (info.value.variable, str(info.value)) == (
        missing,
        (
            f"{missing} (or {missing}_PATH) is not set but {present} "
            f"(or {present}_PATH) is; allowed: both halves of the mTLS pair or neither"
        ),
    )


def test_passphrase_without_key(resolve: Resolve) -> None:
    """A key passphrase without a key fails, masked."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_MTLS_KEY_PASSPHRASE": "pass-1"})

    assert str(info.value) == (
        "CAMUNDA_MTLS_KEY_PASSPHRASE='********' is set without a client key; "
        "allowed: only together with CAMUNDA_MTLS_KEY or CAMUNDA_MTLS_KEY_PATH"
    )


def test_complete_settings(resolve: Resolve) -> None:
    """Inline and path variants mix; a CA alone is fine."""
    config = resolve(
        {
            "CAMUNDA_MTLS_CERT": "-----BEGIN CERTIFICATE-----",
            "CAMUNDA_MTLS_KEY_PATH": "/keys/k.pem",
            "CAMUNDA_MTLS_KEY_PASSPHRASE": "pass-1",
            "CAMUNDA_MTLS_CA_PATH": "/ca.pem",
        }
    ).effective

    assert config.CAMUNDA_MTLS_KEY_PASSPHRASE is not None
    assert (
        config.CAMUNDA_MTLS_CERT,
        config.CAMUNDA_MTLS_KEY_PATH,
        config.CAMUNDA_MTLS_CA_PATH,
        config.CAMUNDA_MTLS_KEY_PASSPHRASE.get_secret_value(),
    ) == ("-----BEGIN CERTIFICATE-----", "/keys/k.pem", "/ca.pem", "pass-1")


def test_ca_only(resolve: Resolve) -> None:
    """A custom CA without a client pair is valid."""
    config = resolve({"CAMUNDA_MTLS_CA": "-----BEGIN CERTIFICATE-----"}).effective

    assert config.CAMUNDA_MTLS_CA == "-----BEGIN CERTIFICATE-----"

"""Auth strategy inference, requirements and credential aliases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from camunda_config import (
    ConfigurationError,
    ConfigurationWarning,
    ResolvedCamundaSdkConfiguration,
)

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]

OAUTH = {"CAMUNDA_CLIENT_ID": "id-1", "CAMUNDA_CLIENT_SECRET": "oauth-secret-1"}
BASIC = {"CAMUNDA_BASIC_AUTH_USERNAME": "demo", "CAMUNDA_BASIC_AUTH_PASSWORD": "pw-1"}


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "NONE"),
        (OAUTH, "OAUTH"),
        (BASIC, "BASIC"),
        ({**OAUTH, "CAMUNDA_AUTH_STRATEGY": "NONE"}, "NONE"),
        ({**OAUTH, **BASIC, "CAMUNDA_AUTH_STRATEGY": "basic"}, "BASIC"),
        ({"CAMUNDA_AUTH_STRATEGY": "oauth", **OAUTH}, "OAUTH"),
        ({"CAMUNDA_AUTH_STRATEGY": " Basic ", **BASIC}, "BASIC"),
    ],
)
def test_strategy(resolve: Resolve, environment: dict[str, str], expected: str) -> None:
    """The strategy is inferred from complete credentials or taken in any case."""
    config = resolve(environment).effective

    assert config.CAMUNDA_AUTH_STRATEGY == expected


def test_blank_client_id_means_none(resolve: Resolve) -> None:
    """An empty client id gives NONE, with a warning about the lone secret."""
    with pytest.warns(ConfigurationWarning, match="CAMUNDA_CLIENT_SECRET is set"):
        config = resolve(
            {"CAMUNDA_CLIENT_ID": "", "CAMUNDA_CLIENT_SECRET": "s"}
        ).effective

    assert config.CAMUNDA_AUTH_STRATEGY == "NONE"


def test_both_credential_sets_without_strategy(resolve: Resolve) -> None:
    """OAuth and Basic credentials without an explicit strategy fail."""
    with pytest.raises(ConfigurationError) as info:
        resolve({**OAUTH, **BASIC})

    assert (info.value.variable, str(info.value)) == (
        "CAMUNDA_AUTH_STRATEGY",
        (
            "CAMUNDA_AUTH_STRATEGY is not set, but both OAuth (CAMUNDA_CLIENT_ID, "
            "CAMUNDA_CLIENT_SECRET) and Basic (CAMUNDA_BASIC_AUTH_USERNAME, "
            "CAMUNDA_BASIC_AUTH_PASSWORD) credentials are; "
            "allowed: set CAMUNDA_AUTH_STRATEGY to OAUTH or BASIC"
        ),
    )


def test_unknown_strategy(resolve: Resolve) -> None:
    """An unknown strategy names the allowed ones."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_AUTH_STRATEGY": "kerberos"})

    assert str(info.value) == (
        "CAMUNDA_AUTH_STRATEGY='kerberos' is invalid; "
        "allowed: one of NONE, OAUTH, BASIC (any case)"
    )


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        (
            {"CAMUNDA_AUTH_STRATEGY": "BASIC", "CAMUNDA_BASIC_AUTH_USERNAME": "u"},
            "CAMUNDA_BASIC_AUTH_PASSWORD",
        ),
        (
            {"CAMUNDA_AUTH_STRATEGY": "BASIC", "CAMUNDA_BASIC_AUTH_PASSWORD": "p"},
            "CAMUNDA_BASIC_AUTH_USERNAME",
        ),
        (
            {"CAMUNDA_AUTH_STRATEGY": "OAUTH", "CAMUNDA_CLIENT_SECRET": "s"},
            "CAMUNDA_CLIENT_ID",
        ),
        (
            {"CAMUNDA_AUTH_STRATEGY": "OAUTH", "CAMUNDA_CLIENT_ID": "i"},
            "CAMUNDA_CLIENT_SECRET",
        ),
    ],
)
def test_strategy_requirements(
    resolve: Resolve, environment: dict[str, str], missing: str
) -> None:
    """BASIC needs username and password; OAUTH needs client id and secret."""
    strategy = environment["CAMUNDA_AUTH_STRATEGY"]

    with pytest.raises(ConfigurationError) as info:
        resolve(environment)

    assert (info.value.variable, str(info.value)) == (
        missing,
        (
            f"{missing} is not set; allowed: a non-empty value, "
            f"required when CAMUNDA_AUTH_STRATEGY={strategy}"
        ),
    )


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (
            {"CAMUNDA_CLIENT_ID": "i"},
            "CAMUNDA_CLIENT_ID is set but CAMUNDA_CLIENT_SECRET is not",
        ),
        (
            {"CAMUNDA_BASIC_AUTH_PASSWORD": "p"},
            "CAMUNDA_BASIC_AUTH_PASSWORD is set but CAMUNDA_BASIC_AUTH_USERNAME is not",
        ),
    ],
)
def test_half_credentials_warn(
    resolve: Resolve, environment: dict[str, str], message: str
) -> None:
    """Half a credential pair without a strategy warns and sends nothing."""
    with pytest.warns(ConfigurationWarning) as record:
        config = resolve(environment).effective

    assert [str(w.message) for w in record] == [
        f"{message}; no credentials are sent (CAMUNDA_AUTH_STRATEGY=NONE)"
    ]
    assert config.CAMUNDA_AUTH_STRATEGY == "NONE"


def test_client_aliases_populate_both(resolve: Resolve) -> None:
    """The CLIENT_AUTH_* aliases fill the canonical names and vice versa."""
    config = resolve(
        {
            "CAMUNDA_CLIENT_AUTH_CLIENTID": "alias-id",
            "CAMUNDA_CLIENT_AUTH_CLIENTSECRET": "alias-secret",
        }
    ).effective

    assert config.CAMUNDA_CLIENT_SECRET is not None
    assert config.CAMUNDA_CLIENT_AUTH_CLIENTSECRET is not None
    assert (
        config.CAMUNDA_CLIENT_ID,
        config.CAMUNDA_CLIENT_AUTH_CLIENTID,
        config.CAMUNDA_CLIENT_SECRET.get_secret_value(),
        config.CAMUNDA_CLIENT_AUTH_CLIENTSECRET.get_secret_value(),
        config.CAMUNDA_AUTH_STRATEGY,
    ) == ("alias-id", "alias-id", "alias-secret", "alias-secret", "OAUTH")


def test_explicit_alias_beats_environment(resolve: Resolve) -> None:
    """An explicit value wins over the environment even under the other name."""
    resolved = resolve(OAUTH, {"CAMUNDA_CLIENT_AUTH_CLIENTID": "explicit-id"})

    assert (
        resolved.effective.CAMUNDA_CLIENT_ID,
        resolved.effective.CAMUNDA_CLIENT_AUTH_CLIENTID,
        resolved.sources["CAMUNDA_CLIENT_ID"],
        resolved.sources["CAMUNDA_CLIENT_SECRET"],
    ) == ("explicit-id", "explicit-id", "explicit", "environment")


@pytest.mark.parametrize(
    ("canonical", "alias", "first", "second", "shown"),
    [
        (
            "CAMUNDA_REST_ADDRESS",
            "ZEEBE_REST_ADDRESS",
            "http://a",
            "http://b",
            ("'http://a'", "'http://b'"),
        ),
        ("CAMUNDA_CLIENT_ID", "CAMUNDA_CLIENT_AUTH_CLIENTID", "a", "b", ("'a'", "'b'")),
        (
            "CAMUNDA_CLIENT_SECRET",
            "CAMUNDA_CLIENT_AUTH_CLIENTSECRET",
            "s1",
            "s2",
            ("'********'", "'********'"),
        ),
    ],
)
def test_conflicting_aliases(
    resolve: Resolve,
    canonical: str,
    alias: str,
    first: str,
    second: str,
    shown: tuple[str, str],
) -> None:
    """Two different values for an alias pair in one source fail, masked."""
    with pytest.raises(ConfigurationError) as info:
        resolve({}, {canonical: first, alias: second})

    assert (info.value.variable, str(info.value)) == (
        canonical,
        (
            f"{canonical}={shown[0]} and {alias}={shown[1]} conflict in the "
            "explicit configuration; allowed: set one of them, or both to the "
            "same value"
        ),
    )


def test_conflicting_aliases_in_environment(resolve: Resolve) -> None:
    """The error names the source where the conflict sits."""
    with pytest.raises(ConfigurationError, match="conflict in the environment;"):
        resolve({"CAMUNDA_CLIENT_ID": "a", "CAMUNDA_CLIENT_AUTH_CLIENTID": "b"})

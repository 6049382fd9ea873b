"""Secrets never show in reprs, strings, errors or chained causes."""

from __future__ import annotations

import traceback
from collections.abc import Callable

import pytest
from camunda_config import (
    CamundaSdkConfiguration,
    ConfigurationError,
    ConfigurationWarning,
    ResolvedCamundaSdkConfiguration,
)
from pydantic import ValidationError

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]

SECRET = "Sup3r-S3cret-Value"
SECRET_KEYS = [
    "CAMUNDA_CLIENT_SECRET",
    "CAMUNDA_CLIENT_AUTH_CLIENTSECRET",
    "CAMUNDA_BASIC_AUTH_PASSWORD",
    "CAMUNDA_MTLS_KEY",
    "CAMUNDA_MTLS_KEY_PASSPHRASE",
]
VALID = {
    "CAMUNDA_AUTH_STRATEGY": "OAUTH",
    "CAMUNDA_CLIENT_ID": "id",
    "CAMUNDA_CLIENT_SECRET": SECRET,
    "CAMUNDA_BASIC_AUTH_USERNAME": "user",
    "CAMUNDA_BASIC_AUTH_PASSWORD": SECRET,
    "CAMUNDA_MTLS_CERT": "CERT",
    "CAMUNDA_MTLS_KEY": SECRET,
    "CAMUNDA_MTLS_KEY_PASSPHRASE": SECRET,
}


def _full_text(exc: BaseException) -> str:
    """Render the exception with everything chained to it."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def test_reprs_and_strs_mask(resolve: Resolve) -> None:
    """No repr or str of the resolution or its parts shows a secret."""
    resolved = resolve(VALID, dict(VALID))

    texts = [
        repr(resolved),
        str(resolved),
        repr(resolved.effective),
        str(resolved.effective),
        repr(resolved.environment),
        str(resolved.environment),
        repr(resolved.explicit),
        str(resolved.explicit),
    ]

    assert [SECRET in text for text in texts] == [False] * len(texts)
    assert resolved.effective.CAMUNDA_MTLS_KEY is not None
    assert resolved.effective.CAMUNDA_MTLS_KEY.get_secret_value() == SECRET


@pytest.mark.parametrize("name", SECRET_KEYS)
def test_bad_secret_value_is_masked(resolve: Resolve, name: str) -> None:
    """A secret of the wrong type fails with a masked value and no chained cause."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_AUTH_STRATEGY": "NONE"}, {name: [SECRET]})

    assert (str(info.value), info.value.__cause__, info.value.__context__) == (
        f"{name}='********' is invalid; allowed: a string",
        None,
        None,
    )
    assert SECRET not in _full_text(info.value)


@pytest.mark.parametrize(
    ("environment", "explicit"),
    [
        (
            {"CAMUNDA_CLIENT_SECRET": SECRET, "CAMUNDA_CLIENT_AUTH_CLIENTSECRET": "x"},
            {},
        ),
        (
            {},
            {"CAMUNDA_CLIENT_SECRET": SECRET, "CAMUNDA_CLIENT_AUTH_CLIENTSECRET": "x"},
        ),
        ({"CAMUNDA_MTLS_KEY_PASSPHRASE": SECRET}, {}),
        ({"CAMUNDA_AUTH_STRATEGY": "BASIC", "CAMUNDA_BASIC_AUTH_PASSWORD": SECRET}, {}),
        ({"CAMUNDA_AUTH_STRATEGY": "OAUTH", "CAMUNDA_CLIENT_SECRET": SECRET}, {}),
        ({"CAMUNDA_MTLS_KEY": SECRET}, {}),
        ({**VALID, "CAMUNDA_SDK_LOG_LEVEL": "loud"}, {}),
    ],
)
def test_errors_never_carry_secrets(
    resolve: Resolve, environment: dict[str, str], explicit: dict[str, object]
) -> None:
    """Every validation failure near a secret keeps it out of the whole chain."""
    with pytest.raises(ConfigurationError) as info:
        resolve(environment, explicit)

    assert (info.value.__cause__, info.value.__context__) == (None, None)
    assert SECRET not in _full_text(info.value)


def test_alias_conflict_in_explicit_is_masked(resolve: Resolve) -> None:
    """Two different explicit secrets conflict without showing either."""
    with pytest.raises(ConfigurationError) as info:
        resolve(
            {},
            {"CAMUNDA_CLIENT_SECRET": SECRET, "CAMUNDA_CLIENT_AUTH_CLIENTSECRET": "x"},
        )

    assert SECRET not in str(info.value)
    assert "'********'" in str(info.value)


def test_direct_construction_hides_input() -> None:
    """Building the model directly never echoes a secret in pydantic's error."""
    with pytest.raises(ValidationError) as info:
        CamundaSdkConfiguration(
            CAMUNDA_AUTH_STRATEGY="NONE",
            CAMUNDA_BASIC_AUTH_PASSWORD=[SECRET],  # pyright: ignore[reportArgumentType]
        )

    assert SECRET not in str(info.value)
    assert SECRET not in repr(info.value.errors(include_input=False))


def test_direct_construction_unknown_key_hides_input() -> None:
    """An unknown field does not echo its value."""
    with pytest.raises(ValidationError) as info:
        CamundaSdkConfiguration(CAMUNDA_CLIENT_SECRETS=SECRET)  # pyright: ignore[reportCallIssue]

    assert SECRET not in str(info.value)


def test_warnings_never_carry_secrets(resolve: Resolve) -> None:
    """A misspelt secret variable warns by name only."""
    with pytest.warns(ConfigurationWarning) as record:
        resolve({"CAMUNDA_CLIENT_SECRETT": SECRET, "CAMUNDA_CLIENT_SECRET": SECRET})

    assert [SECRET in str(w.message) for w in record] == [False, False]

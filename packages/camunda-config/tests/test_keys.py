"""The key table is the single declaration behind model, typed dict and docs."""

from __future__ import annotations

import re
import typing

from camunda_config import (
    CONFIG_KEYS,
    CamundaSdkConfigPartial,
    CamundaSdkConfiguration,
    describe_keys,
)
from pydantic import SecretStr


def _model_names() -> list[str]:
    return [key.name for key in CONFIG_KEYS if key.in_model]


def test_model_fields_follow_the_table() -> None:
    """The model has one field per model key, in table order."""
    assert list(CamundaSdkConfiguration.model_fields) == _model_names()


def test_model_defaults_follow_the_table() -> None:
    """Each field's default is the table's default."""
    defaults = {
        name: field.default
        for name, field in CamundaSdkConfiguration.model_fields.items()
    }

    assert defaults == {k.name: k.default for k in CONFIG_KEYS if k.in_model}


def test_model_descriptions_follow_the_table() -> None:
    """Each field's description is the table's meaning."""
    descriptions = {
        name: field.description
        for name, field in CamundaSdkConfiguration.model_fields.items()
    }

    assert descriptions == {k.name: k.meaning for k in CONFIG_KEYS if k.in_model}


def test_partial_keys_follow_the_table() -> None:
    """The typed dict has every model key plus the .env loader flag."""
    keys = list(typing.get_type_hints(CamundaSdkConfigPartial))

    assert keys == [*_model_names(), "CAMUNDA_LOAD_ENVFILE"]


def test_partial_doc_is_generated() -> None:
    """The typed dict's docstring lists each key with its meaning."""
    doc = CamundaSdkConfigPartial.__doc__ or ""

    assert "    CAMUNDA_TOKEN_SCOPE: Scope requested with the token.\n" in doc
    assert len(re.findall(r"^    [A-Z_]+: ", doc, re.MULTILINE)) == 37


def test_secret_fields_are_secret_str() -> None:
    """Exactly the secret keys are typed SecretStr in the model."""
    secret_fields = [
        name
        for name, field in CamundaSdkConfiguration.model_fields.items()
        if field.annotation == (SecretStr | None)
    ]

    assert secret_fields == [k.name for k in CONFIG_KEYS if k.secret]
    assert secret_fields == [
        "CAMUNDA_CLIENT_SECRET",
        "CAMUNDA_CLIENT_AUTH_CLIENTSECRET",
        "CAMUNDA_BASIC_AUTH_PASSWORD",
        "CAMUNDA_MTLS_KEY",
        "CAMUNDA_MTLS_KEY_PASSPHRASE",
    ]


def test_every_key_has_a_meaning() -> None:
    """No key is declared without a meaning."""
    assert [k.name for k in CONFIG_KEYS if not k.meaning.strip()] == []


def test_describe_keys_markdown() -> None:
    """describe_keys renders a Markdown table with one row per key."""
    lines = describe_keys().splitlines()

    assert lines[:3] == [
        "| Variable | Type | Default | Meaning |",
        "| --- | --- | --- | --- |",
        (
            "| `CAMUNDA_REST_ADDRESS` | URL | `http://localhost:8080/v2` | "
            "REST API base URL; /v2 is appended unless present. |"
        ),
    ]
    assert len(lines) == len(CONFIG_KEYS) + 2
    assert "| `CAMUNDA_AUTH_STRATEGY` | NONE, OAUTH, BASIC | `NONE` |" in lines[5]
    assert "| `CAMUNDA_SDK_HTTP_TIMEOUT_MS` | int >= 1 | `30000` |" in describe_keys()
    assert "| `CAMUNDA_CLIENT_SECRET` | str (secret) |  |" in describe_keys()
    assert "| `CAMUNDA_REST_ADDRESS_EXACT` | bool | `false` |" in describe_keys()

"""The typed dict of explicit configuration values."""

from __future__ import annotations

from os import PathLike
from typing import TypedDict

from pydantic import SecretStr

from camunda_config._keys import CONFIG_KEYS, KEYS_BY_NAME

_Secret = str | SecretStr
_Path = str | PathLike[str]


class CamundaSdkConfigPartial(TypedDict, total=False):
    """Explicit configuration values, keyed by variable name (docs generated)."""

    CAMUNDA_REST_ADDRESS: str
    ZEEBE_REST_ADDRESS: str
    CAMUNDA_REST_ADDRESS_EXACT: str | bool
    CAMUNDA_AUTH_STRATEGY: str
    CAMUNDA_CLIENT_ID: str
    CAMUNDA_CLIENT_SECRET: _Secret
    CAMUNDA_CLIENT_AUTH_CLIENTID: str
    CAMUNDA_CLIENT_AUTH_CLIENTSECRET: _Secret
    CAMUNDA_OAUTH_URL: str
    CAMUNDA_TOKEN_AUDIENCE: str
    CAMUNDA_TOKEN_SCOPE: str
    CAMUNDA_BASIC_AUTH_USERNAME: str
    CAMUNDA_BASIC_AUTH_PASSWORD: _Secret
    CAMUNDA_TOKEN_CACHE_DIR: _Path
    CAMUNDA_TOKEN_DISK_CACHE_DISABLE: str | bool
    CAMUNDA_SDK_LOG_LEVEL: str
    CAMUNDA_SDK_BACKPRESSURE_PROFILE: str
    CAMUNDA_SDK_HTTP_TIMEOUT_MS: str | int
    CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES: str | int
    CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS: str | int
    CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS: str | int
    CAMUNDA_TENANT_ID: str
    CAMUNDA_TENANT_IDS: str | list[str]
    CAMUNDA_WORKER_TIMEOUT: str | int
    CAMUNDA_WORKER_MAX_CONCURRENT_JOBS: str | int
    CAMUNDA_WORKER_REQUEST_TIMEOUT: str | int
    CAMUNDA_WORKER_NAME: str
    CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS: str | float
    CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS: str | float
    CAMUNDA_MTLS_CERT_PATH: _Path
    CAMUNDA_MTLS_KEY_PATH: _Path
    CAMUNDA_MTLS_CA_PATH: _Path
    CAMUNDA_MTLS_CERT: str
    CAMUNDA_MTLS_KEY: _Secret
    CAMUNDA_MTLS_CA: str
    CAMUNDA_MTLS_KEY_PASSPHRASE: _Secret
    CAMUNDA_LOAD_ENVFILE: _Path


def _document() -> str:
    lines = [
        "Explicit configuration values, keyed by variable name.",
        "",
        "Values may be text, as in the environment, or typed Python values.",
        "",
        "Keys:",
    ]
    lines += [f"    {key.name}: {key.meaning}" for key in CONFIG_KEYS if key.in_model]
    lines.append(
        f"    CAMUNDA_LOAD_ENVFILE: {KEYS_BY_NAME['CAMUNDA_LOAD_ENVFILE'].meaning}"
    )
    return "\n".join(lines) + "\n"


CamundaSdkConfigPartial.__doc__ = _document()

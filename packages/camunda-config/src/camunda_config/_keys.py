"""The one table of every environment variable the SDK reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "str", "secret", "url", "bool", "int", "float", "choice", "csv", "path", "flag"
]

DEFAULT_REST_ADDRESS = "http://localhost:8080/v2"


@dataclass(frozen=True)
class ConfigKey:
    """One environment variable: its name, type, default and meaning.

    Attributes:
        name: The variable name, which is also the configuration field name.
        kind: How the raw text is parsed.
        default: The value used when nothing sets the variable.
        meaning: One sentence saying what the variable does.
        choices: The allowed values of a ``choice`` variable, canonical case.
        minimum: The smallest allowed value of a number.
        alias_of: For an alias, the name of the variable it mirrors.
        in_model: False for loader and tooling flags that never reach the
            configuration model.
    """

    name: str
    kind: Kind
    default: object
    meaning: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    alias_of: str | None = None
    in_model: bool = True

    @property
    def secret(self) -> bool:
        """Whether the value is masked everywhere it could be shown."""
        return self.kind == "secret"

    @property
    def type_label(self) -> str:
        """A short human description of the accepted values."""
        if self.kind == "choice":
            return ", ".join(self.choices)
        if self.kind in ("int", "float") and self.minimum is not None:
            number = int(self.minimum) if self.kind == "int" else self.minimum
            return f"{self.kind} >= {number}"
        return _TYPE_LABELS[self.kind]

    def allowed(self) -> str:
        """Describe the allowed values, for error messages."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices) + " (any case)"
        if self.kind == "bool":
            return "true/false, 1/0, yes/no or on/off"
        if self.kind == "int":
            floor = "" if self.minimum is None else f" >= {int(self.minimum)}"
            return f"a whole number{floor}"
        if self.kind == "float":
            floor = "" if self.minimum is None else f" >= {self.minimum:g}"
            return f"a number{floor}"
        if self.kind == "url":
            return "an http:// or https:// URL with a host"
        if self.kind == "csv":
            return "a comma-separated list"
        return "a string"


_TYPE_LABELS: dict[str, str] = {
    "str": "str",
    "secret": "str (secret)",
    "url": "URL",
    "bool": "bool",
    "int": "int",
    "float": "float",
    "csv": "comma-separated list",
    "path": "path",
    "flag": "true or path",
}

_LOG_LEVELS = ("silent", "error", "warn", "info", "debug", "trace", "silly")

CONFIG_KEYS: tuple[ConfigKey, ...] = (
    # Connection
    ConfigKey(
        "CAMUNDA_REST_ADDRESS",
        "url",
        DEFAULT_REST_ADDRESS,
        "REST API base URL; /v2 is appended unless present.",
    ),
    ConfigKey(
        "ZEEBE_REST_ADDRESS",
        "url",
        DEFAULT_REST_ADDRESS,
        "Alias of CAMUNDA_REST_ADDRESS; both always hold the same value.",
        alias_of="CAMUNDA_REST_ADDRESS",
    ),
    ConfigKey(
        "CAMUNDA_REST_ADDRESS_EXACT",
        "bool",
        False,  # noqa: FBT003 - a table entry, not a flag argument
        "Use the address verbatim: no /v2 appended, nothing trimmed.",
    ),
    # Auth
    ConfigKey(
        "CAMUNDA_AUTH_STRATEGY",
        "choice",
        "NONE",
        "How requests authenticate; inferred from the credentials when unset.",
        choices=("NONE", "OAUTH", "BASIC"),
    ),
    ConfigKey("CAMUNDA_CLIENT_ID", "str", None, "OAuth client id."),
    ConfigKey("CAMUNDA_CLIENT_SECRET", "secret", None, "OAuth client secret."),
    ConfigKey(
        "CAMUNDA_CLIENT_AUTH_CLIENTID",
        "str",
        None,
        "Alias of CAMUNDA_CLIENT_ID.",
        alias_of="CAMUNDA_CLIENT_ID",
    ),
    ConfigKey(
        "CAMUNDA_CLIENT_AUTH_CLIENTSECRET",
        "secret",
        None,
        "Alias of CAMUNDA_CLIENT_SECRET.",
        alias_of="CAMUNDA_CLIENT_SECRET",
    ),
    ConfigKey(
        "CAMUNDA_OAUTH_URL",
        "url",
        "https://login.cloud.camunda.io/oauth/token",
        "OAuth token endpoint.",
    ),
    ConfigKey(
        "CAMUNDA_TOKEN_AUDIENCE",
        "str",
        "zeebe.camunda.io",
        "Audience requested with the OAuth token.",
    ),
    ConfigKey("CAMUNDA_TOKEN_SCOPE", "str", None, "Scope requested with the token."),
    ConfigKey("CAMUNDA_BASIC_AUTH_USERNAME", "str", None, "User name for Basic auth."),
    ConfigKey(
        "CAMUNDA_BASIC_AUTH_PASSWORD", "secret", None, "Password for Basic auth."
    ),
    ConfigKey(
        "CAMUNDA_TOKEN_CACHE_DIR",
        "path",
        None,
        "Directory of the OAuth token disk cache; unset uses a per-user default.",
    ),
    ConfigKey(
        "CAMUNDA_TOKEN_DISK_CACHE_DISABLE",
        "bool",
        False,  # noqa: FBT003 - a table entry, not a flag argument
        "Turn the token disk cache off even when a directory is set.",
    ),
    # Logging and resilience
    ConfigKey(
        "CAMUNDA_SDK_LOG_LEVEL",
        "choice",
        "error",
        "Level that gates every message the SDK logs.",
        choices=_LOG_LEVELS,
    ),
    ConfigKey(
        "CAMUNDA_SDK_BACKPRESSURE_PROFILE",
        "choice",
        "BALANCED",
        "How the client throttles itself under server backpressure.",
        choices=("BALANCED", "LEGACY"),
    ),
    ConfigKey(
        "CAMUNDA_SDK_HTTP_TIMEOUT_MS",
        "int",
        30000,
        "Timeout of one HTTP request, in milliseconds.",
        minimum=1,
    ),
    ConfigKey(
        "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES",
        "int",
        3,
        "Retries of a request that failed transiently; 0 turns retries off.",
        minimum=0,
    ),
    ConfigKey(
        "CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS",
        "int",
        100,
        "First retry delay in milliseconds; it grows exponentially, with jitter.",
        minimum=0,
    ),
    ConfigKey(
        "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS",
        "int",
        5000,
        "Upper bound of one retry delay, in milliseconds.",
        minimum=0,
    ),
    # Tenancy
    ConfigKey(
        "CAMUNDA_TENANT_ID", "str", None, "Default tenant id sent with requests."
    ),
    ConfigKey(
        "CAMUNDA_TENANT_IDS",
        "csv",
        None,
        "Tenant ids a worker activates jobs for; defaults to CAMUNDA_TENANT_ID.",
    ),
    # Job worker
    ConfigKey(
        "CAMUNDA_WORKER_TIMEOUT",
        "int",
        None,
        "How long an activated job stays reserved for a worker, in milliseconds.",
        minimum=1,
    ),
    ConfigKey(
        "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS",
        "int",
        None,
        "Jobs a worker handles at once (worker default 10).",
        minimum=1,
    ),
    ConfigKey(
        "CAMUNDA_WORKER_REQUEST_TIMEOUT",
        "int",
        None,
        "Long-poll timeout in milliseconds; 0 means the server default.",
    ),
    ConfigKey(
        "CAMUNDA_WORKER_NAME",
        "str",
        None,
        "Worker name sent on activation (worker default camunda-python-sdk-worker).",
    ),
    ConfigKey(
        "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS",
        "float",
        None,
        "Upper bound of a random delay before a worker's first poll.",
        minimum=0,
    ),
    ConfigKey(
        "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS",
        "float",
        None,
        "How long stop() waits for in-flight jobs (worker default 10).",
        minimum=0,
    ),
    # mTLS
    ConfigKey(
        "CAMUNDA_MTLS_CERT_PATH", "path", None, "PEM file of the client certificate."
    ),
    ConfigKey("CAMUNDA_MTLS_KEY_PATH", "path", None, "PEM file of the client key."),
    ConfigKey("CAMUNDA_MTLS_CA_PATH", "path", None, "PEM file of an extra trusted CA."),
    ConfigKey(
        "CAMUNDA_MTLS_CERT",
        "str",
        None,
        "Client certificate as inline PEM; wins over the _PATH variant.",
    ),
    ConfigKey(
        "CAMUNDA_MTLS_KEY",
        "secret",
        None,
        "Client key as inline PEM; wins over the _PATH variant.",
    ),
    ConfigKey(
        "CAMUNDA_MTLS_CA",
        "str",
        None,
        "Extra trusted CA as inline PEM; wins over the _PATH variant.",
    ),
    ConfigKey(
        "CAMUNDA_MTLS_KEY_PASSPHRASE",
        "secret",
        None,
        "Passphrase of an encrypted client key.",
    ),
    # Loader and tooling flags
    ConfigKey(
        "CAMUNDA_LOAD_ENVFILE",
        "flag",
        None,
        "Load a .env file: true/1/yes reads ./.env, false/0/no/off none, "
        "anything else is its path.",
        in_model=False,
    ),
    ConfigKey(
        "CAMUNDA_INTEGRATION_REAL",
        "bool",
        None,
        "Run the integration tests against a real cluster (tests only).",
        in_model=False,
    ),
)
"""Every variable, declared once."""

KEYS_BY_NAME: dict[str, ConfigKey] = {key.name: key for key in CONFIG_KEYS}
MODEL_KEYS: tuple[ConfigKey, ...] = tuple(key for key in CONFIG_KEYS if key.in_model)
SECRET_NAMES: frozenset[str] = frozenset(k.name for k in CONFIG_KEYS if k.secret)
ALIASES: dict[str, str] = {
    key.name: key.alias_of for key in CONFIG_KEYS if key.alias_of is not None
}
"""Alias name to canonical name."""


def describe_keys() -> str:
    """Render the variable table as Markdown (name, type, default, meaning).

    Returns:
        A Markdown table, one row per variable, secrets marked.
    """
    lines = [
        "| Variable | Type | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for key in CONFIG_KEYS:
        default = "" if key.default is None else f"`{_show_default(key.default)}`"
        lines.append(f"| `{key.name}` | {key.type_label} | {default} | {key.meaning} |")
    return "\n".join(lines) + "\n"


def _show_default(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

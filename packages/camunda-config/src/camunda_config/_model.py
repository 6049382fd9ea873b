"""The validated configuration model."""

from __future__ import annotations

from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator
from pydantic.functional_validators import field_validator
from pydantic_core.core_schema import ValidationInfo

from camunda_config._errors import ConfigurationError, show_value, warn
from camunda_config._keys import ALIASES, DEFAULT_REST_ADDRESS, KEYS_BY_NAME
from camunda_config._parse import (
    is_blank,
    normalise_rest_address,
    parse_bool,
    parse_url,
    parse_value,
)

AuthStrategy = Literal["NONE", "OAUTH", "BASIC"]
SdkLogLevel = Literal["silent", "error", "warn", "info", "debug", "trace", "silly"]
BackpressureProfile = Literal["BALANCED", "LEGACY"]


def _field(name: str) -> Any:
    key = KEYS_BY_NAME[name]
    return Field(default=key.default, description=key.meaning)


class CamundaSdkConfiguration(BaseModel):
    """The effective SDK configuration; field names are the variable names.

    Build it with `ConfigurationResolver` to get precedence, the ``.env`` file
    and provenance; constructing it directly validates the same way.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    CAMUNDA_REST_ADDRESS: str = _field("CAMUNDA_REST_ADDRESS")
    ZEEBE_REST_ADDRESS: str = _field("ZEEBE_REST_ADDRESS")
    CAMUNDA_REST_ADDRESS_EXACT: bool = _field("CAMUNDA_REST_ADDRESS_EXACT")
    CAMUNDA_AUTH_STRATEGY: AuthStrategy = _field("CAMUNDA_AUTH_STRATEGY")
    CAMUNDA_CLIENT_ID: str | None = _field("CAMUNDA_CLIENT_ID")
    CAMUNDA_CLIENT_SECRET: SecretStr | None = _field("CAMUNDA_CLIENT_SECRET")
    CAMUNDA_CLIENT_AUTH_CLIENTID: str | None = _field("CAMUNDA_CLIENT_AUTH_CLIENTID")
    CAMUNDA_CLIENT_AUTH_CLIENTSECRET: SecretStr | None = _field(
        "CAMUNDA_CLIENT_AUTH_CLIENTSECRET"
    )
    CAMUNDA_OAUTH_URL: str = _field("CAMUNDA_OAUTH_URL")
    CAMUNDA_TOKEN_AUDIENCE: str = _field("CAMUNDA_TOKEN_AUDIENCE")
    CAMUNDA_TOKEN_SCOPE: str | None = _field("CAMUNDA_TOKEN_SCOPE")
    CAMUNDA_BASIC_AUTH_USERNAME: str | None = _field("CAMUNDA_BASIC_AUTH_USERNAME")
    CAMUNDA_BASIC_AUTH_PASSWORD: SecretStr | None = _field(
        "CAMUNDA_BASIC_AUTH_PASSWORD"
    )
    CAMUNDA_TOKEN_CACHE_DIR: str | None = _field("CAMUNDA_TOKEN_CACHE_DIR")
    CAMUNDA_TOKEN_DISK_CACHE_DISABLE: bool = _field("CAMUNDA_TOKEN_DISK_CACHE_DISABLE")
    CAMUNDA_SDK_LOG_LEVEL: SdkLogLevel = _field("CAMUNDA_SDK_LOG_LEVEL")
    CAMUNDA_SDK_BACKPRESSURE_PROFILE: BackpressureProfile = _field(
        "CAMUNDA_SDK_BACKPRESSURE_PROFILE"
    )
    CAMUNDA_SDK_HTTP_TIMEOUT_MS: int = _field("CAMUNDA_SDK_HTTP_TIMEOUT_MS")
    CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES: int = _field(
        "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES"
    )
    CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS: int = _field(
        "CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS"
    )
    CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS: int = _field(
        "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS"
    )
    CAMUNDA_TENANT_ID: str | None = _field("CAMUNDA_TENANT_ID")
    CAMUNDA_TENANT_IDS: list[str] | None = _field("CAMUNDA_TENANT_IDS")
    CAMUNDA_WORKER_TIMEOUT: int | None = _field("CAMUNDA_WORKER_TIMEOUT")
    CAMUNDA_WORKER_MAX_CONCURRENT_JOBS: int | None = _field(
        "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS"
    )
    CAMUNDA_WORKER_REQUEST_TIMEOUT: int | None = _field(
        "CAMUNDA_WORKER_REQUEST_TIMEOUT"
    )
    CAMUNDA_WORKER_NAME: str | None = _field("CAMUNDA_WORKER_NAME")
    CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS: float | None = _field(
        "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS"
    )
    CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS: float | None = _field(
        "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS"
    )
    CAMUNDA_MTLS_CERT_PATH: str | None = _field("CAMUNDA_MTLS_CERT_PATH")
    CAMUNDA_MTLS_KEY_PATH: str | None = _field("CAMUNDA_MTLS_KEY_PATH")
    CAMUNDA_MTLS_CA_PATH: str | None = _field("CAMUNDA_MTLS_CA_PATH")
    CAMUNDA_MTLS_CERT: str | None = _field("CAMUNDA_MTLS_CERT")
    CAMUNDA_MTLS_KEY: SecretStr | None = _field("CAMUNDA_MTLS_KEY")
    CAMUNDA_MTLS_CA: str | None = _field("CAMUNDA_MTLS_CA")
    CAMUNDA_MTLS_KEY_PASSPHRASE: SecretStr | None = _field(
        "CAMUNDA_MTLS_KEY_PASSPHRASE"
    )

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        raw = cast("dict[object, object]", data)
        values = {str(k): v for k, v in raw.items() if not is_blank(v)}
        values = collapse_aliases(values, "the configuration")
        _normalise_address(values)
        _infer_strategy(values)
        if "CAMUNDA_TENANT_IDS" not in values and "CAMUNDA_TENANT_ID" in values:
            values["CAMUNDA_TENANT_IDS"] = values["CAMUNDA_TENANT_ID"]
        return values

    @field_validator("*", mode="before")
    @classmethod
    def _parse(cls, value: object, info: ValidationInfo) -> object:
        assert info.field_name is not None
        return parse_value(KEYS_BY_NAME[info.field_name], value)

    @model_validator(mode="after")
    def _check(self) -> CamundaSdkConfiguration:
        _check_strategy(self)
        _check_mtls(self)
        _check_retry_delays(self)
        return self


def collapse_aliases(values: dict[str, object], where: str) -> dict[str, object]:
    """Fold each alias into its canonical key, refusing conflicting values.

    Args:
        values: Non-blank raw values of one source.
        where: The source's name, used in the error message.

    Returns:
        A copy where every alias pair holds one value under both names.

    Raises:
        ConfigurationError: If an alias and its canonical key differ.
    """
    result = dict(values)
    for alias, canonical in ALIASES.items():
        if alias not in result:
            if canonical in result:
                result[alias] = result[canonical]
            continue
        # Validate each name on its own so errors name what the user set.
        if canonical in result:
            parse_value(KEYS_BY_NAME[canonical], result[canonical])
        parse_value(KEYS_BY_NAME[alias], result[alias])
        if canonical in result and _comparable(canonical, result[canonical]) != (
            _comparable(alias, result[alias])
        ):
            msg = (
                f"{canonical}={show_value(canonical, result[canonical])} and "
                f"{alias}={show_value(alias, result[alias])} conflict in {where}; "
                "allowed: set one of them, or both to the same value"
            )
            raise ConfigurationError(msg, variable=canonical)
        result[canonical] = result[alias]
    return result


def _comparable(name: str, value: object) -> object:
    if isinstance(value, SecretStr):
        return value.get_secret_value().strip()
    if isinstance(value, str):
        text = value.strip()
        if name in ("CAMUNDA_REST_ADDRESS", "ZEEBE_REST_ADDRESS"):
            return text.rstrip("/").removesuffix("/v2")
        return text
    return value


def _normalise_address(values: dict[str, object]) -> None:
    name = "CAMUNDA_REST_ADDRESS"
    exact_key = KEYS_BY_NAME["CAMUNDA_REST_ADDRESS_EXACT"]
    exact = parse_bool(exact_key, values.get(exact_key.name, False))
    raw = values.get(name, DEFAULT_REST_ADDRESS)
    address = normalise_rest_address(parse_url(KEYS_BY_NAME[name], raw), exact=exact)
    values[name] = address
    values["ZEEBE_REST_ADDRESS"] = address


def _infer_strategy(values: dict[str, object]) -> None:
    if "CAMUNDA_AUTH_STRATEGY" in values:
        return
    oauth = "CAMUNDA_CLIENT_ID" in values and "CAMUNDA_CLIENT_SECRET" in values
    basic = (
        "CAMUNDA_BASIC_AUTH_USERNAME" in values
        and "CAMUNDA_BASIC_AUTH_PASSWORD" in values
    )
    if oauth and basic:
        msg = (
            "CAMUNDA_AUTH_STRATEGY is not set, but both OAuth (CAMUNDA_CLIENT_ID, "
            "CAMUNDA_CLIENT_SECRET) and Basic (CAMUNDA_BASIC_AUTH_USERNAME, "
            "CAMUNDA_BASIC_AUTH_PASSWORD) credentials are; "
            "allowed: set CAMUNDA_AUTH_STRATEGY to OAUTH or BASIC"
        )
        raise ConfigurationError(msg, variable="CAMUNDA_AUTH_STRATEGY")
    if oauth or basic:
        values["CAMUNDA_AUTH_STRATEGY"] = "OAUTH" if oauth else "BASIC"
        return
    _warn_half_credentials(values)


def _warn_half_credentials(values: dict[str, object]) -> None:
    pairs = (
        ("CAMUNDA_CLIENT_ID", "CAMUNDA_CLIENT_SECRET"),
        ("CAMUNDA_BASIC_AUTH_USERNAME", "CAMUNDA_BASIC_AUTH_PASSWORD"),
    )
    for first, second in pairs:
        if (first in values) != (second in values):
            present, missing = (first, second) if first in values else (second, first)
            warn(
                f"{present} is set but {missing} is not; "
                "no credentials are sent (CAMUNDA_AUTH_STRATEGY=NONE)"
            )


def _check_strategy(config: CamundaSdkConfiguration) -> None:
    strategy = config.CAMUNDA_AUTH_STRATEGY
    required: tuple[str, ...] = ()
    if strategy == "OAUTH":
        required = ("CAMUNDA_CLIENT_ID", "CAMUNDA_CLIENT_SECRET")
    elif strategy == "BASIC":
        required = ("CAMUNDA_BASIC_AUTH_USERNAME", "CAMUNDA_BASIC_AUTH_PASSWORD")
    for name in required:
        if getattr(config, name) is None:
            msg = (
                f"{name} is not set; allowed: a non-empty value, "
                f"required when CAMUNDA_AUTH_STRATEGY={strategy}"
            )
            raise ConfigurationError(msg, variable=name)


def _check_mtls(config: CamundaSdkConfiguration) -> None:
    has_cert = config.CAMUNDA_MTLS_CERT is not None or (
        config.CAMUNDA_MTLS_CERT_PATH is not None
    )
    has_key = config.CAMUNDA_MTLS_KEY is not None or (
        config.CAMUNDA_MTLS_KEY_PATH is not None
    )
    if has_cert != has_key:
        missing = "CAMUNDA_MTLS_KEY" if has_cert else "CAMUNDA_MTLS_CERT"
        present = "CAMUNDA_MTLS_CERT" if has_cert else "CAMUNDA_MTLS_KEY"
        msg = (
            f"{missing} (or {missing}_PATH) is not set but {present} "
            f"(or {present}_PATH) is; allowed: both halves of the mTLS pair or neither"
        )
        raise ConfigurationError(msg, variable=missing)
    if config.CAMUNDA_MTLS_KEY_PASSPHRASE is not None and not has_key:
        name = "CAMUNDA_MTLS_KEY_PASSPHRASE"
        msg = (
            f"{name}={show_value(name, '')} is set without a client key; allowed: "
            "only together with CAMUNDA_MTLS_KEY or CAMUNDA_MTLS_KEY_PATH"
        )
        raise ConfigurationError(msg, variable=name)


def _check_retry_delays(config: CamundaSdkConfiguration) -> None:
    base = config.CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS
    cap = config.CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS
    if cap < base:
        name = "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS"
        msg = (
            f"{name}={show_value(name, str(cap))} is invalid; allowed: a whole "
            f"number >= CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS ({base})"
        )
        raise ConfigurationError(msg, variable=name)

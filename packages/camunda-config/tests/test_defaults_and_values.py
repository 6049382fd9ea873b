"""Defaults and per-variable parsing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from camunda_config import ConfigurationError, ResolvedCamundaSdkConfiguration

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]


def test_defaults(resolve: Resolve) -> None:
    """An empty environment gives the documented defaults, all from default."""
    resolved = resolve({})

    assert resolved.effective.model_dump() == {
        "CAMUNDA_REST_ADDRESS": "http://localhost:8080/v2",
        "ZEEBE_REST_ADDRESS": "http://localhost:8080/v2",
        "CAMUNDA_REST_ADDRESS_EXACT": False,
        "CAMUNDA_AUTH_STRATEGY": "NONE",
        "CAMUNDA_CLIENT_ID": None,
        "CAMUNDA_CLIENT_SECRET": None,
        "CAMUNDA_CLIENT_AUTH_CLIENTID": None,
        "CAMUNDA_CLIENT_AUTH_CLIENTSECRET": None,
        "CAMUNDA_OAUTH_URL": "https://login.cloud.camunda.io/oauth/token",
        "CAMUNDA_TOKEN_AUDIENCE": "zeebe.camunda.io",
        "CAMUNDA_TOKEN_SCOPE": None,
        "CAMUNDA_BASIC_AUTH_USERNAME": None,
        "CAMUNDA_BASIC_AUTH_PASSWORD": None,
        "CAMUNDA_TOKEN_CACHE_DIR": None,
        "CAMUNDA_TOKEN_DISK_CACHE_DISABLE": False,
        "CAMUNDA_SDK_LOG_LEVEL": "error",
        "CAMUNDA_SDK_BACKPRESSURE_PROFILE": "BALANCED",
        "CAMUNDA_SDK_HTTP_TIMEOUT_MS": 30000,
        "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES": 3,
        "CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS": 100,
        "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS": 5000,
        "CAMUNDA_TENANT_ID": None,
        "CAMUNDA_TENANT_IDS": None,
        "CAMUNDA_WORKER_TIMEOUT": None,
        "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS": None,
        "CAMUNDA_WORKER_REQUEST_TIMEOUT": None,
        "CAMUNDA_WORKER_NAME": None,
        "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS": None,
        "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS": None,
        "CAMUNDA_MTLS_CERT_PATH": None,
        "CAMUNDA_MTLS_KEY_PATH": None,
        "CAMUNDA_MTLS_CA_PATH": None,
        "CAMUNDA_MTLS_CERT": None,
        "CAMUNDA_MTLS_KEY": None,
        "CAMUNDA_MTLS_CA": None,
        "CAMUNDA_MTLS_KEY_PASSPHRASE": None,
    }
    assert set(resolved.sources.values()) == {"default"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://h:8080", "http://h:8080/v2"),
        ("  http://h:8080/  ", "http://h:8080/v2"),
        ("https://h/v2", "https://h/v2"),
        ("https://h/v2/", "https://h/v2"),
        ("https://h/base/", "https://h/base/v2"),
    ],
)
def test_address_normalisation(resolve: Resolve, raw: str, expected: str) -> None:
    """The address is stripped, trailing / removed and /v2 appended once."""
    config = resolve({"CAMUNDA_REST_ADDRESS": raw}).effective

    assert (config.CAMUNDA_REST_ADDRESS, config.ZEEBE_REST_ADDRESS) == (
        expected,
        expected,
    )


def test_address_exact(resolve: Resolve) -> None:
    """With CAMUNDA_REST_ADDRESS_EXACT the address is used verbatim."""
    config = resolve(
        {"CAMUNDA_REST_ADDRESS": "http://h:1/api/", "CAMUNDA_REST_ADDRESS_EXACT": "yes"}
    ).effective

    assert (config.CAMUNDA_REST_ADDRESS, config.CAMUNDA_REST_ADDRESS_EXACT) == (
        "http://h:1/api/",
        True,
    )


def test_zeebe_alias_feeds_both(resolve: Resolve) -> None:
    """ZEEBE_REST_ADDRESS alone sets both names, with the same source."""
    resolved = resolve({"ZEEBE_REST_ADDRESS": "http://z:1"})

    assert (
        resolved.effective.CAMUNDA_REST_ADDRESS,
        resolved.effective.ZEEBE_REST_ADDRESS,
        resolved.sources["CAMUNDA_REST_ADDRESS"],
        resolved.sources["ZEEBE_REST_ADDRESS"],
    ) == ("http://z:1/v2", "http://z:1/v2", "environment", "environment")


def test_equivalent_aliases_do_not_conflict(resolve: Resolve) -> None:
    """Both address names with the same address (with and without /v2) agree."""
    config = resolve(
        {"CAMUNDA_REST_ADDRESS": "http://h:1/v2", "ZEEBE_REST_ADDRESS": "http://h:1/"}
    ).effective

    assert config.CAMUNDA_REST_ADDRESS == "http://h:1/v2"


@pytest.mark.parametrize(
    "raw",
    ["localhost:8080", "http://", "ftp://h/x", "h/v2", "http://[::1", "http://h:x"],
)
def test_address_needs_scheme_and_host(resolve: Resolve, raw: str) -> None:
    """An address without http(s) scheme or host fails, naming it."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_REST_ADDRESS": raw})

    assert (info.value.variable, str(info.value)) == (
        "CAMUNDA_REST_ADDRESS",
        (
            f"CAMUNDA_REST_ADDRESS={raw!r} is invalid; "
            "allowed: an http:// or https:// URL with a host"
        ),
    )


def test_oauth_url_validated(resolve: Resolve) -> None:
    """The OAuth URL must be an http(s) URL too."""
    with pytest.raises(ConfigurationError, match=r"^CAMUNDA_OAUTH_URL='login' is"):
        resolve({"CAMUNDA_OAUTH_URL": "login"})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Info", "info"), ("WARN", "warn"), ("warning", "warn"), ("silly", "silly")],
)
def test_log_level_case_insensitive(resolve: Resolve, raw: str, expected: str) -> None:
    """The log level ignores case."""
    config = resolve({"CAMUNDA_SDK_LOG_LEVEL": raw}).effective

    assert config.CAMUNDA_SDK_LOG_LEVEL == expected


def test_bad_log_level(resolve: Resolve) -> None:
    """An unknown log level names the allowed ones."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_SDK_LOG_LEVEL": "loud"})

    assert str(info.value) == (
        "CAMUNDA_SDK_LOG_LEVEL='loud' is invalid; allowed: one of silent, error, "
        "warn, info, debug, trace, silly (any case)"
    )


def test_backpressure_profile(resolve: Resolve) -> None:
    """The backpressure profile ignores case and rejects unknown values."""
    config = resolve({"CAMUNDA_SDK_BACKPRESSURE_PROFILE": "legacy"}).effective

    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_SDK_BACKPRESSURE_PROFILE": "FAST"})

    assert config.CAMUNDA_SDK_BACKPRESSURE_PROFILE == "LEGACY"
    assert str(info.value) == (
        "CAMUNDA_SDK_BACKPRESSURE_PROFILE='FAST' is invalid; "
        "allowed: one of BALANCED, LEGACY (any case)"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("1", True),
        ("YES", True),
        ("on", True),
        ("False", False),
        ("0", False),
        ("no", False),
        ("off", False),
    ],
)
def test_bools(resolve: Resolve, raw: str, expected: bool) -> None:
    """Booleans accept true/false, 1/0, yes/no, on/off in any case."""
    config = resolve({"CAMUNDA_TOKEN_DISK_CACHE_DISABLE": raw}).effective

    assert config.CAMUNDA_TOKEN_DISK_CACHE_DISABLE is expected


def test_bad_bool(resolve: Resolve) -> None:
    """A bad boolean names the accepted spellings."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_TOKEN_DISK_CACHE_DISABLE": "maybe"})

    assert str(info.value) == (
        "CAMUNDA_TOKEN_DISK_CACHE_DISABLE='maybe' is invalid; "
        "allowed: true/false, 1/0, yes/no or on/off"
    )


def test_numbers_parsed(resolve: Resolve) -> None:
    """Integer and float variables become numbers."""
    config = resolve(
        {
            "CAMUNDA_SDK_HTTP_TIMEOUT_MS": " 1500 ",
            "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES": "0",
            "CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS": "0",
            "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS": "0",
            "CAMUNDA_WORKER_TIMEOUT": "30000",
            "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS": "4",
            "CAMUNDA_WORKER_REQUEST_TIMEOUT": "-1",
            "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS": "0.5",
            "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS": "2",
        }
    ).effective

    assert config.model_dump(
        include={
            "CAMUNDA_SDK_HTTP_TIMEOUT_MS",
            "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES",
            "CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS",
            "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS",
            "CAMUNDA_WORKER_TIMEOUT",
            "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS",
            "CAMUNDA_WORKER_REQUEST_TIMEOUT",
            "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS",
            "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS",
        }
    ) == {
        "CAMUNDA_SDK_HTTP_TIMEOUT_MS": 1500,
        "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES": 0,
        "CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS": 0,
        "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS": 0,
        "CAMUNDA_WORKER_TIMEOUT": 30000,
        "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS": 4,
        "CAMUNDA_WORKER_REQUEST_TIMEOUT": -1,
        "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS": 0.5,
        "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS": 2.0,
    }


@pytest.mark.parametrize(
    ("name", "raw", "allowed"),
    [
        ("CAMUNDA_SDK_HTTP_TIMEOUT_MS", "30s", "a whole number >= 1"),
        ("CAMUNDA_SDK_HTTP_TIMEOUT_MS", "0", "a whole number >= 1"),
        ("CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES", "-1", "a whole number >= 0"),
        ("CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS", "1.5", "a whole number >= 0"),
        ("CAMUNDA_WORKER_TIMEOUT", "abc", "a whole number >= 1"),
        ("CAMUNDA_WORKER_MAX_CONCURRENT_JOBS", "0", "a whole number >= 1"),
        ("CAMUNDA_WORKER_REQUEST_TIMEOUT", "soon", "a whole number"),
        ("CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS", "-1", "a number >= 0"),
        ("CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS", "nan", "a number >= 0"),
        ("CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS", "ten", "a number >= 0"),
    ],
)
def test_bad_numbers(resolve: Resolve, name: str, raw: str, allowed: str) -> None:
    """A non-numeric or out-of-range number names the variable and the range."""
    with pytest.raises(ConfigurationError) as info:
        resolve({name: raw})

    assert (info.value.variable, str(info.value)) == (
        name,
        f"{name}={raw!r} is invalid; allowed: {allowed}",
    )


def test_retry_cap_below_base(resolve: Resolve) -> None:
    """The retry delay cap may not be below the base delay."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS": "10"})

    assert str(info.value) == (
        "CAMUNDA_SDK_HTTP_RETRY_MAX_DELAY_MS='10' is invalid; allowed: a whole "
        "number >= CAMUNDA_SDK_HTTP_RETRY_BASE_DELAY_MS (100)"
    )


def test_explicit_typed_values(resolve: Resolve) -> None:
    """Explicit values may be Python ints, floats, bools and lists."""
    config = resolve(
        {},
        {
            "CAMUNDA_SDK_HTTP_TIMEOUT_MS": 2000,
            "CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS": 1,
            "CAMUNDA_TOKEN_DISK_CACHE_DISABLE": True,
            "CAMUNDA_TENANT_IDS": [" a ", "", "b"],
        },
    ).effective

    assert (
        config.CAMUNDA_SDK_HTTP_TIMEOUT_MS,
        config.CAMUNDA_WORKER_SHUTDOWN_GRACE_SECONDS,
        config.CAMUNDA_TOKEN_DISK_CACHE_DISABLE,
        config.CAMUNDA_TENANT_IDS,
    ) == (2000, 1.0, True, ["a", "b"])


def test_explicit_wrong_type(resolve: Resolve) -> None:
    """A bool where an int belongs is refused."""
    with pytest.raises(ConfigurationError) as info:
        resolve({}, {"CAMUNDA_SDK_HTTP_TIMEOUT_MS": True})

    assert str(info.value) == (
        "CAMUNDA_SDK_HTTP_TIMEOUT_MS=True is invalid; allowed: a whole number >= 1"
    )


def test_tenant_ids_csv(resolve: Resolve) -> None:
    """Tenant ids are split on commas, blanks dropped."""
    config = resolve({"CAMUNDA_TENANT_IDS": "a, b,,c,"}).effective

    assert config.CAMUNDA_TENANT_IDS == ["a", "b", "c"]


def test_tenant_ids_default_to_tenant_id(resolve: Resolve) -> None:
    """Without CAMUNDA_TENANT_IDS, the tenant id is the only tenant."""
    resolved = resolve({"CAMUNDA_TENANT_ID": "t1"})

    assert (
        resolved.effective.CAMUNDA_TENANT_ID,
        resolved.effective.CAMUNDA_TENANT_IDS,
        resolved.sources["CAMUNDA_TENANT_IDS"],
    ) == ("t1", ["t1"], "environment")


def test_empty_tenant_ids(resolve: Resolve) -> None:
    """A list of blanks means no tenants."""
    config = resolve({"CAMUNDA_TENANT_IDS": " , ,"}).effective

    assert config.CAMUNDA_TENANT_IDS is None


def test_token_cache_dir_expands_home(
    resolve: Resolve, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A leading ~ in the token cache directory is expanded."""
    monkeypatch.setenv("HOME", str(tmp_path))

    config = resolve({"CAMUNDA_TOKEN_CACHE_DIR": "~/tokens"}).effective

    assert config.CAMUNDA_TOKEN_CACHE_DIR == str(tmp_path / "tokens")


def test_strings_are_stripped(resolve: Resolve) -> None:
    """Surrounding blanks are removed from text values."""
    config = resolve(
        {"CAMUNDA_TOKEN_SCOPE": " read ", "CAMUNDA_WORKER_NAME": " w1 "}
    ).effective

    assert (config.CAMUNDA_TOKEN_SCOPE, config.CAMUNDA_WORKER_NAME) == ("read", "w1")


def test_blank_values_are_unset(resolve: Resolve) -> None:
    """Blank variables count as unset and keep their defaults."""
    resolved = resolve({"CAMUNDA_SDK_LOG_LEVEL": "  ", "CAMUNDA_CLIENT_ID": ""})

    assert (
        resolved.effective.CAMUNDA_SDK_LOG_LEVEL,
        resolved.effective.CAMUNDA_CLIENT_ID,
        resolved.sources["CAMUNDA_SDK_LOG_LEVEL"],
    ) == ("error", None, "default")


def test_model_is_frozen(resolve: Resolve) -> None:
    """The effective configuration cannot be changed after resolution."""
    config = resolve({}).effective

    with pytest.raises(ValueError, match="frozen"):
        config.CAMUNDA_SDK_LOG_LEVEL = "debug"  # pyright: ignore[reportAttributeAccessIssue]


def test_bad_alias_names_the_alias(resolve: Resolve) -> None:
    """A bad value given under an alias is reported under that alias."""
    with pytest.raises(ConfigurationError) as info:
        resolve({"ZEEBE_REST_ADDRESS": "localhost:26500"})

    assert info.value.variable == "ZEEBE_REST_ADDRESS"


@pytest.mark.parametrize("value", [5, ["a", 1]])
def test_tenant_ids_wrong_type(resolve: Resolve, value: object) -> None:
    """Tenant ids must be text or a list of strings."""
    with pytest.raises(ConfigurationError) as info:
        resolve({}, {"CAMUNDA_TENANT_IDS": value})

    assert str(info.value) == (
        f"CAMUNDA_TENANT_IDS={value!r} is invalid; allowed: a comma-separated list"
    )


def test_long_values_are_cut(resolve: Resolve) -> None:
    """A very long bad value is cut in the message."""
    raw = "x" * 300

    with pytest.raises(ConfigurationError) as info:
        resolve({"CAMUNDA_REST_ADDRESS": raw})

    assert str(info.value) == (
        f"CAMUNDA_REST_ADDRESS={repr(raw)[:120]}... is invalid; "
        "allowed: an http:// or https:// URL with a host"
    )

"""Precedence of .env file < environment < explicit, and provenance."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from camunda_config import (
    ConfigurationWarning,
    ResolvedCamundaSdkConfiguration,
    read_environment,
)

Resolve = Callable[..., ResolvedCamundaSdkConfiguration]


def _write_env(folder: Path, name: str = ".env") -> Path:
    path = folder / name
    path.write_text(
        "CAMUNDA_SDK_LOG_LEVEL=debug\n"
        "CAMUNDA_WORKER_NAME=from-file\n"
        "CAMUNDA_TENANT_ID=file-tenant\n"
        "CAMUNDA_TOKEN_AUDIENCE=file-aud\n",
        encoding="utf-8",
    )
    return path


def test_three_layers(resolve: Resolve, clean_environ: Path) -> None:
    """Explicit beats environment beats .env file; sources say which."""
    _write_env(clean_environ)
    environment = {
        "CAMUNDA_LOAD_ENVFILE": "true",
        "CAMUNDA_WORKER_NAME": "from-env",
        "CAMUNDA_TENANT_ID": "env-tenant",
    }

    resolved = resolve(environment, {"CAMUNDA_TENANT_ID": "explicit-tenant"})

    config = resolved.effective
    assert (
        config.CAMUNDA_SDK_LOG_LEVEL,
        config.CAMUNDA_WORKER_NAME,
        config.CAMUNDA_TENANT_ID,
        config.CAMUNDA_TOKEN_AUDIENCE,
        config.CAMUNDA_OAUTH_URL,
    ) == ("debug", "from-env", "explicit-tenant", "file-aud", config.CAMUNDA_OAUTH_URL)
    assert {
        name: resolved.sources[name]
        for name in (
            "CAMUNDA_SDK_LOG_LEVEL",
            "CAMUNDA_WORKER_NAME",
            "CAMUNDA_TENANT_ID",
            "CAMUNDA_OAUTH_URL",
        )
    } == {
        "CAMUNDA_SDK_LOG_LEVEL": ".env file",
        "CAMUNDA_WORKER_NAME": "environment",
        "CAMUNDA_TENANT_ID": "explicit",
        "CAMUNDA_OAUTH_URL": "default",
    }


def test_sources_cover_every_key(resolve: Resolve) -> None:
    """Provenance has one entry per configuration field."""
    resolved = resolve({"CAMUNDA_WORKER_NAME": "w"})

    assert list(resolved.sources) == list(type(resolved.effective).model_fields)


def test_envfile_not_read_without_flag(resolve: Resolve, clean_environ: Path) -> None:
    """A .env file in the folder is ignored unless CAMUNDA_LOAD_ENVFILE asks."""
    _write_env(clean_environ)

    config = resolve({}).effective

    assert config.CAMUNDA_SDK_LOG_LEVEL == "error"


@pytest.mark.parametrize("flag", ["false", "0", "no", "off", ""])
def test_envfile_flag_off(resolve: Resolve, clean_environ: Path, flag: str) -> None:
    """A false-like flag loads nothing."""
    _write_env(clean_environ)

    config = resolve({"CAMUNDA_LOAD_ENVFILE": flag}).effective

    assert config.CAMUNDA_WORKER_NAME is None


@pytest.mark.parametrize("flag", ["true", "1", "YES"])
def test_envfile_flag_on(resolve: Resolve, clean_environ: Path, flag: str) -> None:
    """A true-like flag loads ./.env."""
    _write_env(clean_environ)

    config = resolve({"CAMUNDA_LOAD_ENVFILE": flag}).effective

    assert config.CAMUNDA_WORKER_NAME == "from-file"


def test_envfile_flag_is_a_path(resolve: Resolve, clean_environ: Path) -> None:
    """Any other flag value is the path of the file to load."""
    path = _write_env(clean_environ, "custom.env")

    resolved = resolve({"CAMUNDA_LOAD_ENVFILE": str(path)})

    assert (
        resolved.effective.CAMUNDA_WORKER_NAME,
        resolved.sources["CAMUNDA_WORKER_NAME"],
    ) == ("from-file", ".env file")


def test_envfile_flag_in_explicit(resolve: Resolve, clean_environ: Path) -> None:
    """The flag may come from the explicit values and wins over the environment."""
    path = _write_env(clean_environ, "explicit.env")

    config = resolve(
        {"CAMUNDA_LOAD_ENVFILE": "false"}, {"CAMUNDA_LOAD_ENVFILE": path}
    ).effective

    assert config.CAMUNDA_WORKER_NAME == "from-file"


def test_missing_envfile_warns(resolve: Resolve, clean_environ: Path) -> None:
    """A requested file that does not exist gives one warning and no values."""
    with pytest.warns(ConfigurationWarning) as record:
        config = resolve({"CAMUNDA_LOAD_ENVFILE": "nope.env"}).effective

    assert [str(w.message) for w in record] == [
        (
            "CAMUNDA_LOAD_ENVFILE asks for 'nope.env', which is not a file; "
            "no .env values loaded"
        )
    ]
    assert config.CAMUNDA_WORKER_NAME is None


def test_envfile_does_not_touch_os_environ(
    resolve: Resolve, clean_environ: Path
) -> None:
    """Loading a .env file leaves os.environ alone."""
    _write_env(clean_environ)

    resolve({"CAMUNDA_LOAD_ENVFILE": "true"})

    assert "CAMUNDA_WORKER_NAME" not in os.environ


def test_read_environment_filters() -> None:
    """read_environment keeps CAMUNDA_* and ZEEBE_* variables only."""
    environ = {"CAMUNDA_A": "1", "ZEEBE_REST_ADDRESS": "http://z", "PATH": "/bin"}

    assert read_environment(environ) == {
        "CAMUNDA_A": "1",
        "ZEEBE_REST_ADDRESS": "http://z",
    }


def test_read_environment_defaults_to_os_environ(
    clean_environ: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an argument, read_environment reads os.environ."""
    monkeypatch.setenv("CAMUNDA_WORKER_NAME", "os-worker")

    assert read_environment() == {"CAMUNDA_WORKER_NAME": "os-worker"}


def test_read_environment_empty_mapping() -> None:
    """An empty mapping is read as empty, not as os.environ."""
    assert read_environment({}) == {}


def test_inputs_kept(resolve: Resolve) -> None:
    """The resolution keeps the raw environment and explicit values."""
    resolved = resolve(
        {"CAMUNDA_WORKER_NAME": "w", "PATH": "/bin"}, {"CAMUNDA_TENANT_ID": "t"}
    )

    assert (dict(resolved.environment), dict(resolved.explicit)) == (
        {"CAMUNDA_WORKER_NAME": "w"},
        {"CAMUNDA_TENANT_ID": "t"},
    )

"""Resolve the configuration from .env file, environment and explicit values."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from dotenv import dotenv_values
from pydantic import ValidationError

from camunda_config._errors import (
    MASK,
    ConfigurationError,
    show_value,
    warn,
)
from camunda_config._keys import ALIASES, KEYS_BY_NAME, MODEL_KEYS, SECRET_NAMES
from camunda_config._model import CamundaSdkConfiguration, collapse_aliases
from camunda_config._parse import is_blank

Source = Literal["default", ".env file", "environment", "explicit"]

_LOAD_ENVFILE = "CAMUNDA_LOAD_ENVFILE"
_ENVFILE_ON = frozenset({"true", "1", "yes"})
_ENVFILE_OFF = frozenset({"false", "0", "no", "off"})
_PREFIXES = ("CAMUNDA_", "ZEEBE_")
_PLACES: dict[Source, str] = {
    "default": "the defaults",
    ".env file": "the .env file",
    "environment": "the environment",
    "explicit": "the explicit configuration",
}


class MaskedDict(dict[str, object]):
    """A plain dict whose repr and str mask the values of secret keys."""

    def __repr__(self) -> str:
        items = ", ".join(
            f"{key!r}: {MASK!r}" if key in SECRET_NAMES else f"{key!r}: {value!r}"
            for key, value in self.items()
        )
        return "{" + items + "}"

    __str__ = __repr__


@dataclass(frozen=True)
class ResolvedCamundaSdkConfiguration:
    """The outcome of `ConfigurationResolver.resolve`.

    Attributes:
        effective: The validated configuration.
        environment: The raw variables read from the process environment.
        explicit: The raw explicit values, as given.
        sources: For every configuration key, where its value came from:
            ``default``, ``.env file``, ``environment`` or ``explicit``.
    """

    effective: CamundaSdkConfiguration
    environment: Mapping[str, object]
    explicit: Mapping[str, object]
    sources: dict[str, str] = field(default_factory=dict[str, str])


def read_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Pick the SDK's variables out of an environment.

    Args:
        environ: The environment to read; None reads ``os.environ``.

    Returns:
        Every ``CAMUNDA_*`` and ``ZEEBE_*`` variable, unknown ones included so
        that the resolver can warn about them.
    """
    source = os.environ if environ is None else environ
    return {k: v for k, v in source.items() if k.startswith(_PREFIXES)}


class ConfigurationResolver:
    """Merge .env file < environment < explicit values into one configuration.

    Args:
        environment: Variables from the process environment, normally
            `read_environment()`.
        explicit_configuration: Values given in code; they win over the
            environment. ``CAMUNDA_LOAD_ENVFILE`` may be set in either.
    """

    def __init__(
        self,
        environment: Mapping[str, str],
        explicit_configuration: Mapping[str, object] | None = None,
    ) -> None:
        self._environment = read_environment(environment)
        self._explicit: dict[str, object] = dict(explicit_configuration or {})

    def resolve(self) -> ResolvedCamundaSdkConfiguration:
        """Validate the merged values and record where each came from.

        Returns:
            The effective configuration, the raw inputs and the provenance.

        Raises:
            ConfigurationError: If a value is invalid; secrets are masked and
                no lower-level exception is chained.
        """
        layers: list[tuple[Source, Mapping[str, object]]] = [
            (".env file", self._read_envfile()),
            ("environment", self._environment),
            ("explicit", self._explicit),
        ]
        merged: dict[str, object] = {}
        sources: dict[str, str] = {}
        for source, raw in layers:
            values = collapse_aliases(_known_values(raw, source), _PLACES[source])
            merged.update(values)
            sources.update(dict.fromkeys(values, source))
        effective = _validate(merged)
        return ResolvedCamundaSdkConfiguration(
            effective=effective,
            environment=MaskedDict(self._environment),
            explicit=MaskedDict(self._explicit),
            sources=_complete_sources(sources),
        )

    def _read_envfile(self) -> dict[str, str]:
        flag = self._explicit.get(_LOAD_ENVFILE) or self._environment.get(_LOAD_ENVFILE)
        path = _envfile_path(flag)
        if path is None:
            return {}
        if not path.is_file():
            warn(
                f"{_LOAD_ENVFILE} asks for {str(path)!r}, which is not a file; "
                "no .env values loaded"
            )
            return {}
        loaded = dotenv_values(path)
        return {k: v for k, v in loaded.items() if v is not None}


def _envfile_path(flag: object) -> Path | None:
    if isinstance(flag, os.PathLike):
        flag = os.fspath(cast("os.PathLike[str]", flag))
    if not isinstance(flag, str) or not flag.strip():
        return None
    text = flag.strip()
    if text.lower() in _ENVFILE_ON:
        return Path(".env")
    if text.lower() in _ENVFILE_OFF:
        return None
    return Path(text).expanduser()


def _known_values(raw: Mapping[str, object], source: Source) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in raw.items():
        key = KEYS_BY_NAME.get(name)
        if key is None:
            if source == "explicit" or name.startswith("CAMUNDA_"):
                _warn_unknown(name, source)
            continue
        if key.in_model and not is_blank(value):
            values[name] = value
    return values


def _warn_unknown(name: str, source: Source) -> None:
    close = _closest_key(name)
    hint = f"did you mean {close}?" if close else "it is not a known variable"
    warn(f"unknown configuration key {name} (from {source}) is ignored; {hint}")


def _closest_key(name: str) -> str | None:
    # Compare past the shared prefix, which would make every name look close.
    stems = {key.removeprefix("CAMUNDA_"): key for key in KEYS_BY_NAME}
    stem = name.upper().removeprefix("CAMUNDA_")
    found = difflib.get_close_matches(stem, list(stems), n=1, cutoff=0.6)
    return stems[found[0]] if found else None


def _validate(values: dict[str, object]) -> CamundaSdkConfiguration:
    failure: ConfigurationError | None = None
    try:
        return CamundaSdkConfiguration.model_validate(values)
    except ValidationError as exc:
        failure = _translate(exc, values)
    # Raised outside the except block so no pydantic error rides along.
    raise failure


def _translate(
    exc: ValidationError, values: Mapping[str, object]
) -> ConfigurationError:
    first = exc.errors(include_input=False, include_url=False)[0]
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, ConfigurationError):
        return ConfigurationError(str(cause), variable=cause.variable)
    name = str(first["loc"][0]) if first["loc"] else None
    if name is None:
        return ConfigurationError(f"invalid configuration: {first['msg']}")
    shown = show_value(name, values.get(name))
    return ConfigurationError(
        f"{name}={shown} is invalid: {first['msg']}", variable=name
    )


def _complete_sources(sources: dict[str, str]) -> dict[str, str]:
    complete = {key.name: sources.get(key.name, "default") for key in MODEL_KEYS}
    for alias, canonical in ALIASES.items():
        complete[alias] = complete[canonical]
    if "CAMUNDA_TENANT_IDS" not in sources and "CAMUNDA_TENANT_ID" in sources:
        complete["CAMUNDA_TENANT_IDS"] = complete["CAMUNDA_TENANT_ID"]
    return complete

"""Parsing one raw value (text or Python object) into its typed form."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from typing import cast
from urllib.parse import urlsplit

from pydantic import SecretStr

from camunda_config._errors import invalid
from camunda_config._keys import ConfigKey

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})
_INT = re.compile(r"[+-]?\d+")


def is_blank(value: object) -> bool:
    """Tell whether a raw value counts as unset (None or blank text).

    Args:
        value: The raw value.

    Returns:
        True for None and for strings holding only whitespace.
    """
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value is None or (isinstance(value, str) and not value.strip())


def parse_value(key: ConfigKey, value: object) -> object:
    """Parse a raw value according to its key's kind.

    Args:
        key: The variable the value belongs to.
        value: Text from the environment, or a Python value given explicitly.

    Returns:
        The typed value, or None when the value is blank.

    Raises:
        ConfigurationError: If the value does not fit the kind.
    """
    if is_blank(value):
        return None
    parser = _PARSERS.get(key.kind, _parse_str)
    return parser(key, value)


def parse_bool(key: ConfigKey, value: object) -> bool:
    """Parse true/false, 1/0, yes/no, on/off (any case) or a bool.

    Args:
        key: The variable the value belongs to.
        value: The raw value.

    Returns:
        The boolean.

    Raises:
        ConfigurationError: If the value is not a recognised boolean.
    """
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise invalid(key.name, value, key.allowed())


def parse_url(key: ConfigKey, value: object) -> str:
    """Check that a value is an http(s) URL with a host.

    Args:
        key: The variable the value belongs to.
        value: The raw value.

    Returns:
        The URL with surrounding blanks removed.

    Raises:
        ConfigurationError: If the scheme is not http/https, the host is
            missing or the port is not a valid number.
    """
    text = _text(key, value).strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port  # raises for a port that is not a number in range
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise invalid(key.name, value, key.allowed())
    return text


def normalise_rest_address(address: str, *, exact: bool) -> str:
    """Trim the address and append ``/v2`` unless it is there or exact is set.

    Args:
        address: A validated URL.
        exact: Use the address verbatim.

    Returns:
        The address the client will call.
    """
    if exact:
        return address
    trimmed = address.strip().rstrip("/")
    if trimmed.endswith("/v2"):
        return trimmed
    return trimmed + "/v2"


def _text(key: ConfigKey, value: object) -> str:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if not isinstance(value, str):
        raise invalid(key.name, value, key.allowed())
    return value


def _parse_str(key: ConfigKey, value: object) -> str:
    return _text(key, value).strip()


def _parse_secret(key: ConfigKey, value: object) -> SecretStr:
    return SecretStr(_text(key, value).strip())


def _parse_path(key: ConfigKey, value: object) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(cast("os.PathLike[str]", value))
    return os.path.expanduser(_text(key, value).strip())  # noqa: PTH111 - stays a str


def _parse_int(key: ConfigKey, value: object) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _INT.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None or (key.minimum is not None and number < key.minimum):
        raise invalid(key.name, value, key.allowed())
    return number


def _parse_float(key: ConfigKey, value: object) -> float:
    number = _to_float(value)
    if (
        number is None
        or not math.isfinite(number)
        or (key.minimum is not None and number < key.minimum)
    ):
        raise invalid(key.name, value, key.allowed())
    return number


def _to_float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    try:
        return float(value.strip())
    except ValueError:
        return None


def _parse_choice(key: ConfigKey, value: object) -> str:
    text = _text(key, value).strip()
    if key.name == "CAMUNDA_SDK_LOG_LEVEL" and text.lower() == "warning":
        return "warn"
    for choice in key.choices:
        if choice.lower() == text.lower():
            return choice
    raise invalid(key.name, value, key.allowed())


def _parse_csv(key: ConfigKey, value: object) -> list[str] | None:
    original = value
    items: Sequence[object]
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = cast("Sequence[object]", value)
    else:
        raise invalid(key.name, value, key.allowed())
    if not all(isinstance(item, str) for item in items):
        raise invalid(key.name, original, key.allowed())
    cleaned = [str(item).strip() for item in items if str(item).strip()]
    return cleaned or None


_PARSERS = {
    "str": _parse_str,
    "secret": _parse_secret,
    "url": parse_url,
    "bool": parse_bool,
    "int": _parse_int,
    "float": _parse_float,
    "choice": _parse_choice,
    "csv": _parse_csv,
    "path": _parse_path,
}

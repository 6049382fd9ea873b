"""The configuration error and warning, and how values are shown in them."""

from __future__ import annotations

import inspect
import re
import warnings
from pathlib import Path

from camunda_config._keys import SECRET_NAMES

MASK = "********"
_MAX_SHOWN = 120


class ConfigurationError(ValueError):
    """A configuration value is invalid; the SDK cannot start with it.

    The message names the variable, shows its value (masked when secret) and
    says what is allowed.

    Attributes:
        variable: The variable at fault, or None when several are.
    """

    def __init__(self, message: str, *, variable: str | None = None) -> None:
        super().__init__(message)
        self.variable = variable


class ConfigurationWarning(UserWarning):
    """A configuration problem that does not stop the SDK."""


# Frames from these folders are skipped so a warning points at the user's call.
_INTERNAL_DIRS = (str(Path(__file__).parent),)


def warn(message: str) -> None:
    """Emit a `ConfigurationWarning` attributed to the first caller outside us.

    Args:
        message: The warning text (never containing secret values).
    """
    level = 1
    current = inspect.currentframe()
    frame = current.f_back if current is not None else None
    while frame is not None and _is_internal(frame.f_code.co_filename):
        frame = frame.f_back
        level += 1
    warnings.warn(message, ConfigurationWarning, stacklevel=level + 1)


def _is_internal(filename: str) -> bool:
    parts = Path(filename).parts
    return filename.startswith(_INTERNAL_DIRS) or "pydantic" in parts


def show_value(name: str, value: object) -> str:
    """Render a value for a message, masking secrets and cutting long text.

    Args:
        name: The variable the value belongs to.
        value: The raw value.

    Returns:
        The value's repr, cut when long, or a quoted mask for secrets.
    """
    if name in SECRET_NAMES:
        return repr(MASK)
    text = repr(hide_url_password(value) if isinstance(value, str) else value)
    if len(text) > _MAX_SHOWN:
        text = text[:_MAX_SHOWN] + "..."
    return text


_URL_PASSWORD = re.compile(r"(://[^/@:\s]*:)[^/@\s]*@")


def hide_url_password(text: str) -> str:
    """Mask the password of any ``scheme://user:password@host`` in `text`."""
    return _URL_PASSWORD.sub(rf"\g<1>{MASK}@", text)


def invalid(name: str, value: object, allowed: str) -> ConfigurationError:
    """Build the error for one bad value.

    Args:
        name: The variable at fault.
        value: Its raw value (masked in the message when secret).
        allowed: What the variable accepts.

    Returns:
        The error, ready to raise.
    """
    shown = show_value(name, value)
    return ConfigurationError(
        f"{name}={shown} is invalid; allowed: {allowed}", variable=name
    )

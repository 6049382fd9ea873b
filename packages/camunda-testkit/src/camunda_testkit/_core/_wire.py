"""Read and check request body properties, rejecting bad input with 400."""

from __future__ import annotations

import copy
from typing import Any, cast

from ._errors import invalid_argument

__all__ = [
    "Body",
    "optional_dict",
    "optional_int",
    "required_int",
    "required_str",
    "string_list",
    "wire_key",
]

Body = dict[str, Any]


def wire_key(value: Any, name: str) -> int:
    """Parse a key from a path or body (a decimal string), else 400."""
    text = str(value)
    if isinstance(value, bool) or not text.lstrip("-").isdigit() or len(text) > 25:
        raise invalid_argument(
            f"Expected '{name}' to be a numeric key, but got '{text}'"
        )
    return int(text)


def required_str(body: Body, name: str) -> str:
    """A non-empty string property, else 400."""
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise invalid_argument(f"No {name} provided")
    return value


def required_int(body: Body, name: str) -> int:
    """An integer property, else 400."""
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_argument(f"Expected '{name}' to be an integer")
    return value


def optional_int(body: Body, name: str) -> int | None:
    """An integer property or None, else 400."""
    value = body.get(name)
    if value is None:
        return None
    return required_int(body, name)


def string_list(body: Body, name: str) -> list[str]:
    """A list of strings (empty when absent), else 400."""
    value = body.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid_argument(f"Expected '{name}' to be a list of strings")
    items = cast("list[Any]", value)
    if not all(isinstance(item, str) for item in items):
        raise invalid_argument(f"Expected '{name}' to be a list of strings")
    return cast("list[str]", items)


def optional_dict(body: Body, name: str) -> dict[str, Any] | None:
    """A JSON object property (a private deep copy) or None, else 400."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid_argument(f"Expected '{name}' to be a JSON object")
    return copy.deepcopy(cast("dict[str, Any]", value))

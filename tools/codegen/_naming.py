"""Turn spec names into Python names."""

from __future__ import annotations

import builtins
import keyword
import re

# Names that would shadow something the generated code relies on.
_RESERVED = (
    frozenset(keyword.kwlist)
    | frozenset(keyword.softkwlist)
    | {
        "additional_properties",
        "additional_keys",
        "to_dict",
        "from_dict",
        "decode_wire",
        "self",
        "data",
    }
)

_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")


def snake_case(name: str) -> str:
    """Return the snake_case form; an acronym stays one word.

    ``getProcessDefinitionXML`` gives ``get_process_definition_xml`` and
    ``$notIn`` gives ``not_in``.
    """
    words = _NON_WORD.sub("_", name)
    words = _ACRONYM_WORD.sub(r"\1_\2", words)
    words = _LOWER_UPPER.sub(r"\1_\2", words)
    return words.strip("_").lower()


def pascal_case(name: str) -> str:
    """Return the PascalCase form of a name in any case style."""
    return "".join(w[:1].upper() + w[1:] for w in _NON_WORD.split(name) if w)


def identifier(name: str) -> str:
    """Return a snake_case identifier safe to use as an attribute or argument.

    Reserved words get a trailing underscore (``type`` gives ``type_``), and so
    does a name that starts with a digit, after a leading ``n``.
    """
    snake = snake_case(name) or "value"
    if snake[0].isdigit():
        snake = f"n{snake}"
    if snake in _RESERVED or snake in _BUILTIN_SHADOWS:
        snake = f"{snake}_"
    return snake


def enum_member(value: str) -> str:
    """Return the member name for an enum value (upper snake case)."""
    name = _NON_WORD.sub("_", str(value)).strip("_").upper() or "EMPTY"
    if name[0].isdigit():
        name = f"V_{name}"
    if keyword.iskeyword(name.lower()) and name.lower() == name:
        name = f"{name}_"
    return name


# Builtins a field would shadow; ``id`` is common enough to stay as it is.
_BUILTIN_SHADOWS = frozenset(n for n in dir(builtins) if n.islower()) - {"id"}

"""String built-ins."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ._registry import builtin, expect_integer, expect_list, expect_string
from ._values import FeelTypeError

__all__: list[str] = []

_FLAGS = {"i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE, "x": re.VERBOSE}


@builtin("substring", "string", "start position", "length")
def _substring(string: Any, start: Any, length: Any = None) -> str:
    text = expect_string(string, "string")
    first = expect_integer(start, "start position")
    begin = first - 1 if first > 0 else max(len(text) + first, 0)
    if length is None:
        return text[begin:]
    count = expect_integer(length, "length")
    if count < 0:
        raise FeelTypeError("length must not be negative")
    return text[begin : begin + count]


@builtin("string length", "string")
def _string_length(string: Any) -> Decimal:
    return Decimal(len(expect_string(string, "string")))


@builtin("upper case", "string")
def _upper_case(string: Any) -> str:
    return expect_string(string, "string").upper()


@builtin("lower case", "string")
def _lower_case(string: Any) -> str:
    return expect_string(string, "string").lower()


@builtin("substring before", "string", "match")
def _substring_before(string: Any, match: Any) -> str:
    text, needle = expect_string(string, "string"), expect_string(match, "match")
    head, found, _ = text.partition(needle)
    return head if found else ""


@builtin("substring after", "string", "match")
def _substring_after(string: Any, match: Any) -> str:
    text, needle = expect_string(string, "string"), expect_string(match, "match")
    _, found, tail = text.partition(needle)
    return tail if found else ""


@builtin("contains", "string", "match")
def _contains(string: Any, match: Any) -> bool:
    return expect_string(match, "match") in expect_string(string, "string")


@builtin("starts with", "string", "match")
def _starts_with(string: Any, match: Any) -> bool:
    return expect_string(string, "string").startswith(expect_string(match, "match"))


@builtin("ends with", "string", "match")
def _ends_with(string: Any, match: Any) -> bool:
    return expect_string(string, "string").endswith(expect_string(match, "match"))


@builtin("matches", "input", "pattern", "flags")
def _matches(string: Any, pattern: Any, flags: Any = None) -> bool:
    regex = _compile(pattern, flags)
    return regex.search(expect_string(string, "input")) is not None


@builtin("replace", "input", "pattern", "replacement", "flags")
def _replace(string: Any, pattern: Any, replacement: Any, flags: Any = None) -> str:
    regex = _compile(pattern, flags)
    template = _python_template(expect_string(replacement, "replacement"))
    return regex.sub(template, expect_string(string, "input"))


@builtin("split", "string", "delimiter")
def _split(string: Any, delimiter: Any) -> list[Any]:
    regex = _compile(delimiter, None)
    return list(regex.split(expect_string(string, "string")))


@builtin("extract", "string", "pattern")
def _extract(string: Any, pattern: Any) -> list[Any]:
    regex = _compile(pattern, None)
    return [match.group() for match in regex.finditer(expect_string(string, "string"))]


@builtin("string join", "list", "delimiter", "prefix", "suffix", null_ok=True)
def _string_join(
    items: Any, delimiter: Any = None, prefix: Any = None, suffix: Any = None
) -> str | None:
    if items is None:
        return None
    parts = [
        expect_string(item, "list item")
        for item in expect_list(items)
        if item is not None
    ]
    joined = ("" if delimiter is None else expect_string(delimiter)).join(parts)
    head = "" if prefix is None else expect_string(prefix)
    tail = "" if suffix is None else expect_string(suffix)
    return head + joined + tail


@builtin("trim", "string")
def _trim(string: Any) -> str:
    return expect_string(string, "string").strip()


@builtin("is blank", "string")
def _is_blank(string: Any) -> bool:
    return expect_string(string, "string").strip() == ""


def _compile(pattern: Any, flags: Any) -> re.Pattern[str]:
    options = 0
    for flag in expect_string(flags, "flags") if flags is not None else "":
        if flag not in _FLAGS:
            raise FeelTypeError(f"unknown regular expression flag {flag!r}")
        options |= _FLAGS[flag]
    try:
        return re.compile(expect_string(pattern, "pattern"), options)
    except re.error as error:
        raise FeelTypeError(f"invalid regular expression: {error}") from None


def _python_template(replacement: str) -> str:
    r"""Translate an XPath replacement (``$1``, ``\$``) into ``re.sub`` form."""
    out: list[str] = []
    index = 0
    while index < len(replacement):
        char = replacement[index]
        if char == "\\" and index + 1 < len(replacement):
            escaped = replacement[index + 1]
            out.append("\\\\" if escaped == "\\" else escaped)
            index += 2
        elif (
            char == "$"
            and index + 1 < len(replacement)
            and replacement[index + 1].isdigit()
        ):
            digits = re.match(r"\d+", replacement[index + 1 :])
            assert digits is not None
            out.append(f"\\g<{digits.group()}>")
            index += 1 + len(digits.group())
        else:
            out.append("\\\\" if char == "\\" else char)
            index += 1
    return "".join(out)

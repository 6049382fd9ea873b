"""Turns FEEL text into tokens, joining the built-in names that contain spaces."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ._errors import FeelSyntaxError

__all__ = ["KEYWORDS", "Kind", "Token", "tokenize"]


class Kind(Enum):
    """What a token is."""

    NUMBER = "number"
    STRING = "string"
    NAME = "name"
    KEYWORD = "keyword"
    OP = "operator"
    END = "end of expression"


@dataclass(frozen=True)
class Token:
    """One lexical unit and where it starts in the source."""

    kind: Kind
    text: str
    position: int


KEYWORDS = frozenset(
    {
        "and",
        "or",
        "if",
        "then",
        "else",
        "for",
        "in",
        "return",
        "some",
        "every",
        "satisfies",
        "between",
        "instance",
        "of",
        "true",
        "false",
        "null",
        "function",
    }
)

# Built-in functions whose names contain spaces; matched only before a "(".
_SPACED_NAMES = (
    "date and time",
    "years and months duration",
    "string length",
    "upper case",
    "lower case",
    "substring before",
    "substring after",
    "starts with",
    "ends with",
    "string join",
    "list contains",
    "list replace",
    "distinct values",
    "duplicate values",
    "index of",
    "insert before",
    "round up",
    "round down",
    "round half up",
    "round half down",
    "get value",
    "get entries",
    "get or else",
    "context put",
    "context merge",
    "is defined",
    "is empty",
    "is blank",
    "day of week",
    "day of year",
    "week of year",
    "month of year",
    "last day of month",
    "met by",
    "overlaps before",
    "overlaps after",
    "finished by",
    "started by",
    "random number",
    "to base64",
)

_SPACED_RE = re.compile(
    "(?:"
    + "|".join(
        r"\s+".join(re.escape(word) for word in name.split())
        for name in sorted(_SPACED_NAMES, key=len, reverse=True)
    )
    + r")(?=\s*\()"
)
# Unicode letters are allowed in names, as in "größe"; digits only after the first.
_NAME_RE = re.compile(r"(?:[^\W\d]|\?)(?:\w|\?)*")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_HEX4_RE = re.compile(r"[0-9a-fA-F]{4}")
_SPACE_RE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)+", re.DOTALL)
_OPERATORS = (
    "**",
    "..",
    "!=",
    "<=",
    ">=",
    "+",
    "-",
    "*",
    "/",
    "=",
    "<",
    ">",
    ".",
    ",",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "@",
)
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, ending with one ``END`` token.

    Raises:
        FeelSyntaxError: A character starts no token or a string is unclosed.
    """
    tokens: list[Token] = []
    index = 0
    while True:
        space = _SPACE_RE.match(source, index)
        if space is not None:
            index = space.end()
        if index >= len(source):
            tokens.append(Token(Kind.END, "", len(source)))
            return tokens
        token, index = _next_token(source, index)
        tokens.append(token)


def _next_token(source: str, index: int) -> tuple[Token, int]:
    """Return the token starting at ``index`` and the offset just past it."""
    char = source[index]
    if char == '"':
        end = _string_end(source, index)
        return Token(Kind.STRING, _unescape(source[index + 1 : end - 1]), index), end
    if char == "`":
        end = source.find("`", index + 1)
        if end < 0:
            raise FeelSyntaxError(source, index, "unterminated `name`")
        return Token(Kind.NAME, source[index + 1 : end], index), end + 1
    for pattern, kind in ((_NUMBER_RE, Kind.NUMBER), (_SPACED_RE, Kind.NAME)):
        match = pattern.match(source, index)
        if match is not None:
            return Token(kind, " ".join(match.group().split()), index), match.end()
    name = _NAME_RE.match(source, index)
    if name is not None:
        text = name.group()
        kind = Kind.KEYWORD if text in KEYWORDS else Kind.NAME
        return Token(kind, text, index), name.end()
    for operator in _OPERATORS:
        if source.startswith(operator, index):
            return Token(Kind.OP, operator, index), index + len(operator)
    raise FeelSyntaxError(source, index, f"unexpected character {char!r}")


def _string_end(source: str, start: int) -> int:
    index = start + 1
    while index < len(source):
        if source[index] == "\\":
            index += 2
            continue
        if source[index] == '"':
            return index + 1
        index += 1
    raise FeelSyntaxError(source, start, "unterminated string")


def _unescape(raw: str) -> str:
    parts: list[str] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char != "\\":
            parts.append(char)
            index += 1
            continue
        follower = raw[index + 1]
        code = raw[index + 2 : index + 6]
        if follower == "u" and _HEX4_RE.fullmatch(code):
            parts.append(chr(int(code, 16)))
            index += 6
            continue
        # Unknown escapes keep their backslash, so regex patterns like "\d" work.
        parts.append(_ESCAPES.get(follower, "\\" + follower))
        index += 2
    return "".join(parts)

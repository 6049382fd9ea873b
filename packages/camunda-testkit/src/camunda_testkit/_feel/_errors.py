"""Errors raised by the FEEL subset."""

from __future__ import annotations


class FeelError(Exception):
    """A FEEL expression or a temporal text could not be used."""


class FeelSyntaxError(FeelError):
    """A FEEL expression does not parse.

    Attributes:
        expression: The expression text, without a leading ``=``.
        position: Zero-based offset of the offending character.
        reason: What the parser expected or found there.
    """

    def __init__(self, expression: str, position: int, reason: str) -> None:
        self.expression = expression
        self.position = position
        self.reason = reason
        super().__init__(
            f"failed to parse FEEL expression {expression!r}: {reason} "
            f"at column {position + 1}"
        )

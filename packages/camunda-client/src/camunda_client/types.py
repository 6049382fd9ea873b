"""Sentinels and small value types shared by the models and the client.

`UNSET` marks a field that is absent from the wire, as opposed to ``None``,
which is an explicit JSON ``null``.
"""

# pyright: strict

from __future__ import annotations

from typing import IO, Final, Literal

import attrs

__all__ = ["UNSET", "File", "FileContent", "Unset"]


class Unset:
    """The type of `UNSET`: a field that is not sent and was not received."""

    __slots__ = ()
    _instance: Unset | None = None

    def __new__(cls) -> Unset:
        """Return the one instance."""
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        """Pickle as the module-level singleton."""
        return "UNSET"


UNSET: Final[Unset] = Unset()

FileContent = bytes | IO[bytes]


@attrs.frozen
class File:
    """A file part of a multipart request.

    Attributes:
        payload: The content, as bytes or a binary file object.
        file_name: The name sent with the part.
        mime_type: The part's content type.
    """

    payload: FileContent
    file_name: str | None = None
    mime_type: str | None = None

    def read_bytes(self) -> bytes:
        """Return the payload as bytes, reading a file object if needed."""
        if isinstance(self.payload, bytes):
            return self.payload
        return self.payload.read()

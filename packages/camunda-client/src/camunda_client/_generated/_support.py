"""Helpers the generated operation methods call: bodies, queries, parsers.

Written by hand, once, so that each generated method stays a few lines.
"""

# pyright: strict

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import httpx

from camunda_client.models._base import (
    Codec,
    Ctx,
    Model,
    ModelCodec,
    Ref,
    encode_any,
)
from camunda_client.types import UNSET, File

_LENIENT = Ctx(strict=False)
_STRICT = Ctx(strict=True)

FileSpec = tuple[str, str, bool]  # (attribute, wire name, is a list)


def _model_class(codec: Codec) -> type[Model]:
    target = codec.resolve() if isinstance(codec, Ref) else codec
    if not isinstance(target, ModelCodec):  # pragma: no cover - generator bug
        msg = f"{codec.label} is not an object schema"
        raise TypeError(msg)
    return target.cls


def json_body(codec: Codec, data: Any) -> Any:
    """Return the wire form of a request body given as a model or a dict.

    A dict is validated through the model first, so a typo or a value of the
    wrong type fails here, naming the model and field, not at the server.

    Raises:
        TypeError: `data` is a different model, or a value has the wrong type.
        ValueError: A required field is missing or a field is unknown.
    """
    if data is None:
        return None
    target = codec.resolve() if isinstance(codec, Ref) else codec
    if isinstance(target, ModelCodec):
        cls = target.cls
        if isinstance(data, Model):
            if not isinstance(data, cls):
                msg = f"expected {cls.__name__}, got {type(data).__name__}"
                raise TypeError(msg)
            return data.to_dict()
        return cls.from_dict(data).to_dict()
    if isinstance(data, Model):
        return data.to_dict()
    return encode_any(target.decode(data, _STRICT, target.label))


def multipart(
    codec: Codec,
    data: Model | Mapping[str, Any],
    file_fields: Sequence[FileSpec],
    form_fields: Sequence[FileSpec],
) -> tuple[list[tuple[str, tuple[str, bytes, str]]], dict[str, str]]:
    """Split a multipart body into httpx ``files`` parts and ``form`` fields."""
    cls = _model_class(codec)
    if isinstance(data, Model):
        model = data
    else:
        model = cls.from_dict(data)
    files: list[tuple[str, tuple[str, bytes, str]]] = []
    for attr, wire, many in file_fields:
        value = getattr(model, attr)
        if value is UNSET or value is None:
            continue
        files.extend(
            (wire, file_part(item, wire)) for item in (value if many else [value])
        )
    form: dict[str, str] = {}
    for attr, wire, _ in form_fields:
        value = getattr(model, attr)
        if value is not UNSET and value is not None:
            form[wire] = (
                value if isinstance(value, str) else json.dumps(encode_any(value))
            )
    return files, form


def file_part(item: object, default_name: str) -> tuple[str, bytes, str]:
    """Return ``(file name, bytes, content type)`` for one uploaded file.

    Accepts a `File`, bytes, a ``(name, bytes)`` or ``(name, bytes, type)``
    tuple, or a binary file object.
    """
    octet = "application/octet-stream"
    if isinstance(item, File):
        name = item.file_name or default_name
        return name, item.read_bytes(), item.mime_type or octet
    if isinstance(item, bytes):
        return default_name, item, octet
    parts = _as_tuple(item)
    if parts is not None and len(parts) in (2, 3) and isinstance(parts[1], bytes):
        mime = parts[2] if len(parts) == 3 else octet
        return str(parts[0]), parts[1], str(mime)
    source: Any = item
    read: Any = getattr(source, "read", None)
    if callable(read):
        name = str(getattr(source, "name", default_name)).rsplit("/", 1)[-1]
        content: Any = read()
        if isinstance(content, bytes):
            return name, content, octet
    msg = f"cannot upload a {type(item).__name__}; pass a File, bytes or a file"
    raise TypeError(msg)


def _as_tuple(item: object) -> tuple[Any, ...] | None:
    return cast("tuple[Any, ...]", item) if isinstance(item, tuple) else None


def query(params: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the query parameters that are set, booleans as ``true``/``false``."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None or value is UNSET:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, enum.Enum):
            value = value.value
        out[key] = value
    return out or None


def json_parser(codec: Codec) -> Callable[[httpx.Response], Any]:
    """Return a parser that decodes a JSON body leniently with `codec`."""

    def parse(response: httpx.Response) -> Any:
        return codec.decode(response.json(), _LENIENT, codec.label)

    return parse


def json_parser_or_none(codec: Codec) -> Callable[[httpx.Response], Any]:
    """Like `json_parser`, giving None for a 204 or an empty body."""
    parse_json = json_parser(codec)

    def parse(response: httpx.Response) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        return parse_json(response)

    return parse


def parse_none(response: httpx.Response) -> None:
    """Ignore the body of a success without content."""


def parse_bytes(response: httpx.Response) -> bytes:
    """Return the raw body."""
    return response.content


def parse_text(response: httpx.Response) -> str:
    """Return the body as text."""
    return response.text


def parse_text_or_none(response: httpx.Response) -> str | None:
    """Return the body as text, or None for a 204."""
    if response.status_code == 204:
        return None
    return response.text

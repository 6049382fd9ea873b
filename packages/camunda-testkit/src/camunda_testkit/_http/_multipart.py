"""Parse ``multipart/form-data`` bodies with the standard library's email parser."""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass

from camunda_testkit._http._problems import invalid_argument


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart body."""

    name: str
    filename: str | None
    content: bytes


def parse_multipart(content_type: str, body: bytes) -> list[FormPart]:
    """Split a multipart body into its named parts.

    Raises:
        ProblemError: 400 when the body is not multipart or a part has no name.
    """
    if not content_type.lower().startswith("multipart/form-data"):
        msg = f"Expected a multipart/form-data body, got '{content_type or 'none'}'"
        raise invalid_argument(msg)
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    parser = email.parser.BytesParser(policy=email.policy.HTTP)
    message = parser.parsebytes(head + body)
    if not message.is_multipart():
        raise invalid_argument("The multipart body could not be parsed")
    parts: list[FormPart] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise invalid_argument("A multipart part has no name")
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        parts.append(FormPart(name, part.get_filename(), content))
    return parts

"""RFC 9457 problem documents, the only error body the dev engine sends."""

from __future__ import annotations

import json

from starlette.responses import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemError(Exception):
    """An error the HTTP layer turns into a problem document.

    Args:
        status: The HTTP status code.
        title: The problem title, Zeebe style (``NOT_FOUND``, ``INVALID_ARGUMENT``).
        detail: A human-readable explanation.
        headers: Extra response headers (``WWW-Authenticate`` for 401).
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = dict(headers or {})


def invalid_argument(detail: str) -> ProblemError:
    """Build the 400 problem a malformed request gets."""
    return ProblemError(400, "INVALID_ARGUMENT", detail)


def problem_body(status: int, title: str, detail: str, instance: str) -> bytes:
    """Encode a problem document with every field the spec requires."""
    document = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    return json.dumps(document).encode()


def problem_response(problem: ProblemError, instance: str) -> Response:
    """Render a problem as an ``application/problem+json`` response."""
    body = problem_body(problem.status, problem.title, problem.detail, instance)
    return Response(
        body,
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers,
    )

"""Match request paths against the spec's operations.

The API path is whatever follows the first ``v2`` segment, so a SaaS-like
prefix (``/<clusterId>/v2/...``) works like the bare ``/v2/...``.
"""

from __future__ import annotations

from dataclasses import dataclass

from camunda_testkit._http._spec_routes import SPEC_OPERATIONS


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: method, path template and operationId."""

    method: str
    template: str
    operation_id: str
    segments: tuple[str, ...]

    def match(self, segments: list[str]) -> dict[str, str] | None:
        """Return the path parameters when ``segments`` fit this template."""
        if len(segments) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for pattern, actual in zip(self.segments, segments, strict=True):
            if pattern.startswith("{") and pattern.endswith("}"):
                if not actual:
                    return None
                params[pattern[1:-1]] = actual
            elif pattern != actual:
                return None
        return params

    @property
    def literal_count(self) -> int:
        """How many segments are fixed text; more literal wins a tie."""
        return sum(1 for s in self.segments if not s.startswith("{"))


@dataclass(frozen=True)
class RouteMatch:
    """The outcome of routing one request."""

    operation: Operation
    params: dict[str, str]


class MethodNotAllowedError(Exception):
    """The path exists in the spec but not with this method."""


def split_api_path(path: str) -> str | None:
    """Return the part of ``path`` after the first ``v2`` segment, or None."""
    segments = path.split("/")
    try:
        index = segments.index("v2")
    except ValueError:
        return None
    rest = "/".join(segments[index + 1 :])
    return "/" + rest


class Router:
    """Find the spec operation for a method and API path."""

    def __init__(self) -> None:
        # Indexed by segment count and first segment: a request then checks a
        # handful of templates instead of all of them.
        index: dict[tuple[int, str], list[Operation]] = {}
        for method, template, operation_id in SPEC_OPERATIONS:
            segments = tuple(template.strip("/").split("/"))
            operation = Operation(method, template, operation_id, segments)
            index.setdefault((len(segments), segments[0]), []).append(operation)
        for operations in index.values():
            operations.sort(key=lambda o: -o.literal_count)
        self._index = index
        self.operations = tuple(o for ops in index.values() for o in ops)

    def resolve(self, method: str, api_path: str) -> RouteMatch | None:
        """Route a request; None for an unknown path.

        Raises:
            MethodNotAllowedError: The path is known, the method is not.
        """
        segments = api_path.strip("/").split("/")
        path_known = False
        for operation in self._index.get((len(segments), segments[0]), ()):
            params = operation.match(segments)
            if params is None:
                continue
            if operation.method == method:
                return RouteMatch(operation, params)
            path_known = True
        if path_known:
            raise MethodNotAllowedError(api_path)
        return None

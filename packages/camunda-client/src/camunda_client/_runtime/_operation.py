"""The static description of one API operation, as the generator emits it.

This module is the contract between the generated operation mixins
(``camunda_client._generated``) and the hand-written runtime: the generator
writes one :class:`Operation` per spec operation and every generated method
is a thin call to :meth:`SyncCaller._call` or :meth:`AsyncCaller._call`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

import attrs
import httpx

T = TypeVar("T")

BodyKind = Literal["none", "json", "multipart"]
ResponseKind = Literal["none", "json", "binary", "text"]


@attrs.frozen
class Operation:
    """What the runtime needs to know to send one operation.

    Attributes:
        operation_id: The spec's operationId, e.g. ``"activateJobs"``.
        name: The snake_case method name, e.g. ``"activate_jobs"``.
        method: The HTTP method in upper case.
        path: The path template below the ``/v2`` base, e.g.
            ``"/jobs/{jobKey}/completion"``; placeholders use spec names.
        body: How the request body is sent.
        response: How the success body is read.
        success_statuses: The documented 2xx statuses.
        eventually_consistent: The spec's ``x-eventually-consistent`` flag.
        tenant_field: ``"tenantId"`` or ``"tenantIds"`` when the request
            body takes a tenant the client may default from configuration.
        long_poll: True for job activation, whose read timeout follows the
            request's ``requestTimeout`` and which never holds a
            backpressure permit.
        exempt_from_backpressure: True for calls that finish work already
            taken (job completion, failure, error; user task completion).
        root_relative: True when the path is served beside the ``/v2`` base
            rather than below it (the cluster-admin ``/cluster/v2/...``
            routes): ``http://host/v2`` + ``/cluster/v2/x`` is
            ``http://host/cluster/v2/x``.
    """

    operation_id: str
    name: str
    method: str
    path: str
    body: BodyKind = "none"
    response: ResponseKind = "json"
    success_statuses: tuple[int, ...] = (200,)
    eventually_consistent: bool = False
    tenant_field: Literal["tenantId", "tenantIds"] | None = None
    long_poll: bool = False
    exempt_from_backpressure: bool = False
    root_relative: bool = False


# A parser turns the successful httpx response into the method's return value.
Parser = Callable[[httpx.Response], T]
# Multipart parts as httpx takes them: (field name, (file name, bytes, type)).
MultipartFiles = Sequence[tuple[str, tuple[str, bytes, str]]]
QueryParams = Mapping[str, Any]
PathParams = Mapping[str, str]

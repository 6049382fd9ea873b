"""Turn an operation and its arguments into the parts of one HTTP request."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any, cast

import attrs
import httpx

from ._operation import MultipartFiles, Operation, PathParams, QueryParams
from ._settings import RuntimeSettings

# Job activation with requestTimeout 0 (or absent) waits this long on the server.
SERVER_DEFAULT_LONG_POLL_S = 10.0
# Extra read time granted on top of the long poll, so the server answers first.
LONG_POLL_MARGIN_S = 1.0
# Cluster-admin operations live beside the /v2 API, not below it.


@attrs.frozen
class RequestParts:
    """Everything `httpx.Client.build_request` needs for one attempt."""

    method: str
    url: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: MultipartFiles | None = None
    data: Mapping[str, str] | None = None
    timeout: httpx.Timeout | None = None
    root_relative: bool = False

    def build(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """Build a fresh request on `http` (one per attempt)."""
        kwargs: dict[str, Any] = {}
        if self.timeout is not None:
            kwargs["timeout"] = self.timeout
        if self.files is not None:
            kwargs["files"] = list(self.files)
        if self.data is not None:
            kwargs["data"] = dict(self.data)
        if self.json is not None:
            kwargs["json"] = self.json
        url = root_url(http.base_url, self.url) if self.root_relative else self.url
        return http.build_request(
            self.method, url, params=_clean_params(self.params), **kwargs
        )


def request_parts(
    op: Operation,
    settings: RuntimeSettings,
    client_timeout: httpx.Timeout,
    *,
    path_params: PathParams | None = None,
    query: QueryParams | None = None,
    json: Any = None,
    files: MultipartFiles | None = None,
    form: Mapping[str, str] | None = None,
) -> RequestParts:
    """Describe the request for `op`, with defaults from `settings` applied."""
    if op.body == "json" and json is not None:
        json = with_default_tenant(op, settings, json)
    if op.body == "multipart":
        form = with_default_tenant(op, settings, dict(form or {}))
    return RequestParts(
        method=op.method,
        url=expand_path(op.path, path_params or {}),
        params=query,
        json=json,
        files=files,
        data=form,
        timeout=long_poll_timeout(client_timeout, json) if op.long_poll else None,
        root_relative=op.root_relative,
    )


def expand_path(template: str, path_params: PathParams) -> str:
    """Fill the ``{name}`` placeholders, each value quoted as one segment."""
    path = template
    for name, value in path_params.items():
        path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
    if "{" in path:
        msg = f"missing path parameter in {template!r}: got {sorted(path_params)}"
        raise ValueError(msg)
    return path.lstrip("/")


def root_url(base_url: httpx.URL, path: str) -> str | httpx.URL:
    """Resolve a root-relative path next to the base's ``/v2``, not below it.

    ``http://host/prefix/v2/`` + ``cluster/v2/topology`` gives
    ``http://host/prefix/cluster/v2/topology``. A base that does not end in
    ``/v2`` (an exact address) is left to httpx's usual joining.
    """
    base_path = base_url.path
    if not base_path.endswith("/v2/"):
        return path
    return base_url.copy_with(path=base_path[: -len("v2/")] + path)


def with_default_tenant(op: Operation, settings: RuntimeSettings, body: Any) -> Any:
    """Return `body` with the configured tenant added when the caller gave none.

    The caller's object is never changed; a copy is returned when needed.
    """
    field = op.tenant_field
    if field is None or not isinstance(body, Mapping):
        return body
    mapping = cast("Mapping[str, Any]", body)
    if mapping.get(field) is not None:
        return mapping
    default = (
        settings.default_tenant_ids() if field == "tenantIds" else settings.tenant_id
    )
    if default is None:
        return mapping
    return {**mapping, field: default}


def long_poll_timeout(client_timeout: httpx.Timeout, body: Any) -> httpx.Timeout:
    """Return a timeout whose read part outlasts the long poll in `body`."""
    wait_s = _long_poll_wait_s(body)
    read = client_timeout.read
    if read is not None and wait_s is not None:
        read = max(read, wait_s + LONG_POLL_MARGIN_S)
    return httpx.Timeout(
        connect=client_timeout.connect,
        read=read,
        write=client_timeout.write,
        pool=client_timeout.pool,
    )


def _long_poll_wait_s(body: Any) -> float | None:
    raw: Any = None
    if isinstance(body, Mapping):
        raw = cast("Mapping[str, Any]", body).get("requestTimeout")
    if not isinstance(raw, (int, float)) or isinstance(raw, bool) or raw == 0:
        return SERVER_DEFAULT_LONG_POLL_S
    if raw < 0:
        return None
    return float(raw) / 1000


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not params:
        return None
    return {key: value for key, value in params.items() if value is not None}

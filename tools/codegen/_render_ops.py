"""Render the Operation table and the sync / async operation mixins."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence

import attrs
from camunda_client._runtime._caller import SyncCaller
from camunda_client._runtime._operation import Operation

from codegen._ops import EXEMPT, LONG_POLL, OpDef, Param
from codegen._render_models import HEADER

ERROR_CLASSES = {
    400: "BadRequestError",
    401: "UnauthorizedError",
    402: "PaymentRequiredError",
    403: "ForbiddenError",
    404: "NotFoundError",
    405: "MethodNotAllowedError",
    406: "NotAcceptableError",
    408: "RequestTimeoutError",
    409: "ConflictError",
    410: "GoneError",
    412: "PreconditionFailedError",
    413: "PayloadTooLargeError",
    415: "UnsupportedMediaTypeError",
    422: "UnprocessableEntityError",
    429: "TooManyRequestsError",
    500: "InternalServerErrorError",
    501: "NotImplementedError_",
    502: "BadGatewayError",
    503: "ServiceUnavailableError",
    504: "GatewayTimeoutError",
}


# Paths served from the host root (the spec's path-level ``servers``) need a
# contract field, and search query parameters a `_paginate` argument; each is
# emitted as soon as the runtime contract has it.
_CONTRACT_FIELDS = frozenset(a.name for a in attrs.fields(Operation))
_PAGINATE_ARGS = frozenset(inspect.signature(SyncCaller._paginate).parameters)


def render_operations(ops: Sequence[OpDef]) -> str:
    """Return the source of ``_operations.py``: one `Operation` per operation."""
    lines = [HEADER, "from __future__ import annotations", ""]
    lines.append("from camunda_client._runtime._operation import Operation")
    lines.append(
        "from camunda_client.models._base import ANY, BOOL, INT, KEY, NUMBER, OBJECT, "
        "STR, ListOf, MapOf, Nullable, OneOf, Ref"
    )
    lines.append("")
    for op in ops:
        lines.append(_operation(op))
        if op.response_type is not None:
            lines.append(f"{op.const}_RESULT = {op.response_type.codec}")
        if op.body_type is not None:
            lines.append(f"{op.const}_BODY = {op.body_type.codec}")
    lines.append("")
    lines.append("ALL_OPERATIONS: tuple[Operation, ...] = (")
    lines += [f"    {op.const}," for op in ops]
    lines.append(")")
    lines.append("BY_OPERATION_ID: dict[str, Operation] = {")
    lines.append("    op.operation_id: op for op in ALL_OPERATIONS")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _operation(op: OpDef) -> str:
    args = [
        f'operation_id="{op.operation_id}"',
        f'name="{op.name}"',
        f'method="{op.method}"',
        f'path="{op.path}"',
    ]
    if op.body_kind != "none":
        args.append(f'body="{op.body_kind}"')
    if op.response_kind != "json":
        args.append(f'response="{op.response_kind}"')
    if op.success_statuses != (200,):
        args.append(f"success_statuses={_tuple(op.success_statuses)}")
    if op.eventually_consistent:
        args.append("eventually_consistent=True")
    if op.tenant_field:
        args.append(f'tenant_field="{op.tenant_field}"')
    if op.operation_id in LONG_POLL:
        args.append("long_poll=True")
    if op.operation_id in EXEMPT:
        args.append("exempt_from_backpressure=True")
    if op.root_relative and "root_relative" in _CONTRACT_FIELDS:
        args.append("root_relative=True")
    return f"{op.const} = Operation({', '.join(args)})"


def _tuple(values: Sequence[int]) -> str:
    inner = ", ".join(str(v) for v in values)
    return f"({inner},)" if len(values) == 1 else f"({inner})"


def render_mixin(
    ops: Sequence[OpDef], module_of: Mapping[str, str], *, is_async: bool
) -> str:
    """Return the source of ``_sync_ops.py`` or ``_async_ops.py``."""
    names: set[str] = set()
    methods: list[str] = []
    for op in ops:
        methods.append(_method(op, is_async=is_async))
        names |= _annotation_names(op)
        if op.page_item is not None:
            methods.append(_iter_method(op, is_async=is_async))
    base = "AsyncCaller" if is_async else "SyncCaller"
    iterator = "AsyncIterator" if is_async else "Iterator"
    cls = "AsyncOperations" if is_async else "SyncOperations"
    by_module: dict[str, list[str]] = {}
    for name in sorted(names):
        by_module.setdefault(module_of[name], []).append(name)
    lines = [HEADER, "from __future__ import annotations", ""]
    lines.append(f"from collections.abc import {iterator}, Mapping")
    lines.append("from typing import TYPE_CHECKING, Any")
    lines.append("")
    lines.append(f"from camunda_client._runtime._caller import {base}")
    lines.append("from camunda_client._generated import _operations as _o")
    lines.append("from camunda_client._generated import _support as _s")
    lines.append("")
    lines.append("if TYPE_CHECKING:")
    lines.append(
        "    from camunda_client._runtime._consistency import ConsistencyOptions"
    )
    lines.append("    from camunda_client.models._base import Model")
    lines.append("    from camunda_client.types import File")
    for module in sorted(by_module):
        joined = ", ".join(by_module[module])
        lines.append(f"    from camunda_client.models.{module} import {joined}")
    lines.append("")
    lines.append("")
    lines.append(f"class {cls}({base}):")
    kind = "async" if is_async else "sync"
    lines.append(f'    """One {kind} method per operation of the REST API."""')
    lines.append("")
    lines += methods
    return "\n".join(lines) + "\n"


def _annotation_names(op: OpDef) -> set[str]:
    names: set[str] = set()
    if op.body_model is not None:
        names.add(op.body_model)
    if op.response_type is not None:
        names |= op.response_type.names
    for p in [*op.path_params, *op.query_params]:
        names |= p.type.names
    if op.page_item is not None:
        names |= op.page_item.names
    return names


def _path_arg(p: Param) -> str:
    annotation = "str | int" if p.type.is_key else p.type.annotation
    return f"{p.arg}: {annotation}"


def _query_arg(p: Param) -> str:
    if p.required:
        return f"{p.arg}: {p.type.annotation}"
    return f"{p.arg}: {p.type.annotation} | None = None"


def _data_arg(op: OpDef) -> str | None:
    if op.body_type is None:
        return None
    annotation = "Any"
    if op.body_model is not None:
        annotation = f"{op.body_model} | Mapping[str, Any]"
    if op.body_required:
        return f"data: {annotation}"
    return f"data: {annotation} | None = None"


def _return_annotation(op: OpDef) -> str:
    if op.response_kind == "none":
        return "None"
    if op.response_kind == "json" and op.response_type is not None:
        annotation = op.response_type.annotation
    elif op.response_kind == "binary":
        annotation = "bytes"
    elif op.response_kind == "text":
        annotation = "str"
    else:
        annotation = "Any"
    return f"{annotation} | None" if op.optional_response else annotation


def _parser(op: OpDef) -> str:
    if op.response_kind == "none":
        return "_s.parse_none"
    if op.response_kind == "json" and op.response_type is not None:
        fn = "json_parser_or_none" if op.optional_response else "json_parser"
        return f"_s.{fn}(_o.{op.const}_RESULT)"
    if op.response_kind == "binary":
        return "_s.parse_bytes"
    return "_s.parse_text_or_none" if op.optional_response else "_s.parse_text"


def _signature(op: OpDef, name: str, extra: Sequence[str], returns: str) -> list[str]:
    args = ["self"] + [_path_arg(p) for p in op.path_params]
    keyword = [a for a in [_data_arg(op)] if a is not None]
    keyword += [_query_arg(p) for p in op.query_params if p.required]
    keyword += [_query_arg(p) for p in op.query_params if not p.required]
    keyword += list(extra)
    if keyword:
        args.append("*")
        args += keyword
    lines = [f"def {name}("]
    lines += [f"    {a}," for a in args]
    lines.append(f") -> {returns}:")
    return lines


def _method(op: OpDef, *, is_async: bool) -> str:
    extra = []
    if op.eventually_consistent:
        extra.append("consistency: ConsistencyOptions | None = None")
    sig = _signature(op, op.name, extra, _return_annotation(op))
    if is_async:
        sig[0] = "async " + sig[0]
    doc = _docstring(op)
    call = _call_lines(op, is_async=is_async)
    if op.root_relative and "root_relative" not in _CONTRACT_FIELDS:
        call = [
            "# TODO(an Operation contract field for root-relative paths)",
            "raise NotImplementedError(",
            f'    "{op.path} is served from the host root, outside /v2; "',
            '    "the client cannot address it yet"',
            ")",
        ]
    return "\n".join(_indent([*sig, *_indent(doc), *_indent(call)])) + "\n"


def _call_lines(op: OpDef, *, is_async: bool) -> list[str]:
    pre: list[str] = []
    kwargs: list[str] = []
    if op.path_params:
        pairs = ", ".join(f'"{p.wire}": str({p.arg})' for p in op.path_params)
        kwargs.append(f"path_params={{{pairs}}}")
    if op.query_params:
        pairs = ", ".join(f'"{p.wire}": {p.arg}' for p in op.query_params)
        kwargs.append(f"query=_s.query({{{pairs}}})")
    if op.body_kind == "json":
        kwargs.append(f"json=_s.json_body(_o.{op.const}_BODY, data)")
    elif op.body_kind == "multipart":
        files = repr(op.multipart_files)
        form = repr(op.multipart_form)
        pre.append(
            f"files, form = _s.multipart(_o.{op.const}_BODY, data, {files}, {form})"
        )
        kwargs += ["files=files", "form=form"]
    if op.eventually_consistent:
        kwargs.append("consistency=consistency")
    awaited = "await " if is_async else ""
    lines = [*pre, f"return {awaited}self._call("]
    lines.append(f"    _o.{op.const},")
    lines.append(f"    {_parser(op)},")
    lines += [f"    {k}," for k in kwargs]
    lines.append(")")
    return lines


def _iter_method(op: OpDef, *, is_async: bool) -> str:
    item = op.page_item
    assert item is not None
    iterator = "AsyncIterator" if is_async else "Iterator"
    query = op.query_params if "query" in _PAGINATE_ARGS else []
    args = ["self", *[_path_arg(p) for p in op.path_params]]
    annotation = f"{op.body_model} | Mapping[str, Any]" if op.body_model else "Any"
    args += [f"data: {annotation} | None = None", "*", "page_size: int | None = None"]
    args[-1:-1] = [_query_arg(p) for p in query]
    sig = [f"def {op.name}_iter(", *[f"    {a}," for a in args]]
    sig.append(f") -> {iterator}[{item.annotation}]:")
    doc = [
        '"""Yield every item of ``' + op.operation_id + "``, page after page.",
        "",
        "Args:",
    ]
    doc += [f"    {p.arg}: Path parameter ``{p.wire}``." for p in op.path_params]
    doc.append("    data: The search request (filter, sort); its page is managed.")
    doc += [f"    {p.arg}: Query parameter ``{p.wire}``." for p in query]
    doc.append("    page_size: Items per request; the server default if None.")
    doc.append('"""')
    kwargs = [f"json=_s.json_body(_o.{op.const}_BODY, data)"]
    if op.path_params:
        pairs = ", ".join(f'"{p.wire}": str({p.arg})' for p in op.path_params)
        kwargs.append(f"path_params={{{pairs}}}")
    if query:
        pairs = ", ".join(f'"{p.wire}": {p.arg}' for p in query)
        kwargs.append(f"query=_s.query({{{pairs}}})")
    kwargs.append("page_size=page_size")
    fn = "_apaginate" if is_async else "_paginate"
    call = [f"return self.{fn}("]
    call.append(f"    _o.{op.const},")
    call.append(f"    _s.json_parser(_o.{op.const}_RESULT),")
    call += [f"    {k}," for k in kwargs]
    call.append(")")
    return "\n".join(_indent([*sig, *_indent(doc), *_indent(call)])) + "\n"


def _docstring(op: OpDef) -> list[str]:
    lines = [f'"""Call ``{op.method} {op.path}`` (operation ``{op.operation_id}``).']
    if op.deprecated:
        lines += ["", "Deprecated in the spec."]
    args: list[str] = []
    for p in op.path_params:
        note = "; a key, an int is accepted" if p.type.is_key else ""
        args.append(f"    {p.arg}: Path parameter ``{p.wire}``{note}.")
    if op.body_type is not None:
        need = "required" if op.body_required else "optional"
        what = f"a `{op.body_model}` or its wire dict" if op.body_model else "JSON"
        args.append(f"    data: Request body ({need}): {what}.")
    for p in op.query_params:
        need = "required" if p.required else "optional"
        args.append(f"    {p.arg}: Query parameter ``{p.wire}`` ({need}).")
    if op.eventually_consistent:
        args.append("    consistency: Poll until the read shows the expected result.")
    if args:
        lines += ["", "Args:", *args]
    lines += ["", "Returns:", f"    {_returns_doc(op)}"]
    errors = [s for s in op.errors if s in ERROR_CLASSES]
    if errors:
        lines += ["", "Raises:"]
        lines += [f"    {ERROR_CLASSES[s]}: On HTTP {s}." for s in errors]
    lines.append('"""')
    return lines


def _returns_doc(op: OpDef) -> str:
    statuses = ", ".join(str(s) for s in op.success_statuses)
    if op.response_kind == "none":
        return f"None (HTTP {statuses})."
    what = {
        "binary": "The body as bytes",
        "text": "The body as text",
    }.get(op.response_kind, f"``{_return_annotation(op)}`` parsed from the body")
    suffix = ", or None on HTTP 204" if op.optional_response else ""
    return f"{what} (HTTP {statuses}){suffix}."


def _indent(lines: Sequence[str]) -> list[str]:
    return [f"    {line}" if line else "" for line in lines]

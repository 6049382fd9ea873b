"""Read the spec's operations into the shape the method templates need."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from codegen._naming import identifier, pascal_case, snake_case
from codegen._schema import ModelDef, PyType, Resolver

_METHODS = ("get", "put", "post", "patch", "delete")
LONG_POLL = frozenset({"activateJobs"})
EXEMPT = frozenset({"completeJob", "failJob", "throwJobError", "completeUserTask"})
_JSON = "application/json"
_MULTIPART = "multipart/form-data"
_BINARY = "application/octet-stream"


@dataclass
class Param:
    """A path or query parameter."""

    wire: str
    arg: str
    type: PyType
    required: bool


@dataclass
class OpDef:
    """One operation, ready to render."""

    operation_id: str
    name: str
    method: str
    path: str
    tag: str
    path_params: list[Param]
    query_params: list[Param]
    body_kind: str = "none"
    body_model: str | None = None
    body_type: PyType | None = None
    body_required: bool = False
    response_kind: str = "json"
    response_model: str | None = None
    response_type: PyType | None = None
    success_statuses: tuple[int, ...] = (200,)
    optional_response: bool = False
    eventually_consistent: bool = False
    root_relative: bool = False
    deprecated: bool = False
    tenant_field: str | None = None
    errors: tuple[int, ...] = ()
    page_item: PyType | None = None
    multipart_files: list[tuple[str, str, bool]] = field(default_factory=list)
    multipart_form: list[tuple[str, str, bool]] = field(default_factory=list)

    @property
    def const(self) -> str:
        """Return the name of the operation's constant."""
        return self.name.upper()


def read_operations(spec: Mapping[str, Any], resolver: Resolver) -> list[OpDef]:
    """Return every operation of the spec, sorted by method name."""
    ops = [
        _read(path, method, item[method], resolver, root=bool(item.get("servers")))
        for path, item in spec["paths"].items()
        for method in _METHODS
        if method in item
    ]
    ops.sort(key=lambda o: o.name)
    return ops


def _read(
    path: str, method: str, op: Mapping[str, Any], res: Resolver, *, root: bool
) -> OpDef:
    op_id: str = op["operationId"]
    hint = pascal_case(op_id)
    params = [_param(p, res, hint) for p in op.get("parameters", [])]
    result = OpDef(
        operation_id=op_id,
        name=snake_case(op_id),
        method=method.upper(),
        path=path,
        tag=(op.get("tags") or ["misc"])[0],
        path_params=[p for p, where in params if where == "path"],
        query_params=[p for p, where in params if where == "query"],
        eventually_consistent=bool(op.get("x-eventually-consistent")),
        root_relative=root,
        deprecated=bool(op.get("deprecated")),
    )
    _read_body(result, op.get("requestBody"), res, hint)
    _read_responses(result, op["responses"], res, hint)
    return result


def _param(p: Mapping[str, Any], res: Resolver, hint: str) -> tuple[Param, str]:
    ptype = res.resolve(p.get("schema", {}), f"{hint}{pascal_case(p['name'])}")
    required = bool(p.get("required")) or p["in"] == "path"
    return Param(p["name"], identifier(p["name"]), ptype, required), p["in"]


def _read_body(
    op: OpDef, body: Mapping[str, Any] | None, res: Resolver, hint: str
) -> None:
    if not body:
        return
    content = body.get("content", {})
    op.body_required = bool(body.get("required"))
    if _MULTIPART in content:
        op.body_kind = "multipart"
        schema = content[_MULTIPART].get("schema", {})
        op.body_type = res.resolve(schema, f"{hint}Data")
        op.body_model = op.body_type.annotation
        _split_multipart(op, res.registry.models[op.body_model])
    elif _JSON in content:
        op.body_kind = "json"
        schema = content[_JSON].get("schema", {})
        op.body_type = res.resolve(schema, f"{hint}Data")
        if op.body_type.names:
            op.body_model = op.body_type.annotation
    else:
        msg = f"{op.operation_id}: unsupported request content {sorted(content)}"
        raise ValueError(msg)
    # Only an optional tenant may default from configuration: a required one
    # names the subject (createTenant), never the caller's tenant.
    wires = body_wire_fields(op, res, optional_only=True)
    if "tenantId" in wires:
        op.tenant_field = "tenantId"
    elif "tenantIds" in wires and op.operation_id in LONG_POLL:
        op.tenant_field = "tenantIds"


def body_wire_fields(
    op: OpDef, res: Resolver, *, optional_only: bool = False
) -> set[str]:
    """Return the top-level wire fields of the body (any variant of a union)."""
    name = op.body_model
    if name is None:
        return set()
    models = [res.registry.models.get(name)]
    if name in res.registry.unions:
        union = res.registry.unions[name]
        models = [res.registry.models.get(v.annotation) for v in union.variants]
    found: set[str] = set()
    required: set[str] = set()
    for model in models:
        if model is not None:
            found |= {f.wire for f in model.fields}
            required |= {f.wire for f in model.fields if f.required}
    return found - required if optional_only else found


def _split_multipart(op: OpDef, model: ModelDef) -> None:
    for f in model.fields:
        many = f.type.annotation.startswith("list[")
        base = f.type.item if many and f.type.item is not None else f.type
        entry = (f.attr, f.wire, many)
        if base.annotation == "File | bytes":
            op.multipart_files.append(entry)
        else:
            op.multipart_form.append(entry)


def _read_responses(
    op: OpDef, responses: Mapping[str, Any], res: Resolver, hint: str
) -> None:
    statuses = sorted(int(s) for s in responses if s.isdigit() and s.startswith("2"))
    op.success_statuses = tuple(statuses)
    op.errors = tuple(sorted(int(s) for s in responses if s.isdigit() and s >= "4"))
    kinds: list[str] = []
    for status in statuses:
        content = responses[str(status)].get("content") or {}
        if status == 204 or not content:
            kinds.append("none")
        elif _JSON in content:
            kinds.append("json")
            schema = content[_JSON].get("schema", {})
            op.response_type = res.resolve(schema, f"{hint}Response")
        elif _BINARY in content:
            kinds.append("binary")
        else:
            kinds.append("text")
    real = [k for k in kinds if k != "none"]
    op.response_kind = real[0] if real else "none"
    op.optional_response = bool(real) and "none" in kinds
    if op.response_type is not None:
        _read_page(op, res)


def _read_page(op: OpDef, res: Resolver) -> None:
    rtype = op.response_type
    assert rtype is not None
    model = res.registry.models.get(rtype.annotation)
    if model is None:
        return
    by_wire = {f.wire: f for f in model.fields}
    items = by_wire.get("items")
    if "page" in by_wire and items is not None and items.type.item is not None:
        op.page_item = items.type.item

r"""Check request and response bodies against the Camunda 8 REST API v2 spec.

The bundled OpenAPI 3.0 document is converted once into JSON Schema 2020-12
and validated with ``jsonschema`` (imported lazily; install the ``contract``
extra). The conversion fixes the places where a literal OAS 3.0 reading
rejects valid traffic:

* ``nullable: true`` becomes ``anyOf: [{"type": "null"}, <schema>]``, so a
  nullable ``allOf: [$ref]`` accepts ``null`` (plain typed schemas get
  ``type: [<type>, "null"]`` instead);
* ``additionalProperties: false`` next to ``allOf``/``$ref`` becomes
  ``unevaluatedProperties: false``, which sees the properties they bring in;
* ``oneOf`` becomes ``anyOf`` (several key types share one pattern, so a
  strict ``oneOf`` would reject every key);
* ``example``, ``discriminator``, prose and ``x-*`` extensions are dropped;
* ``\\p{L}`` / ``\\p{N}`` patterns, which Python's ``re`` cannot compile, are
  rewritten to equivalent ``\\w`` classes;
* ``#/components/schemas/X`` references become ``#/$defs/X``.

Request enums are matched case-insensitively (the gateway accepts any
casing); response enums must match exactly. Undocumented error statuses
(4xx/5xx) are checked against ``ProblemDetail`` without complaint, because
the real gateway returns some (for example 404 on an unknown definition).

Messages name the JSON path and the broken rule but never echo values, so a
password in a request body cannot leak into a 400 detail.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

__all__ = ["SpecContract"]

_SPEC_RELATIVE = Path("shared") / "spec" / "rest-api.bundle.json"
_REF_PREFIX = "#/components/schemas/"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

# Keywords kept as they are; everything else that is not handled below
# (prose, examples, vendor extensions, OAS-only annotations) is dropped.
_PLAIN_KEYWORDS = frozenset(
    {
        "type",
        "format",
        "enum",
        "const",
        "default",
        "required",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
    }
)
_SCHEMA_KEYWORDS = ("items", "not", "contains", "propertyNames")
_SCHEMA_LIST_KEYWORDS = ("allOf", "anyOf", "prefixItems")
_SCHEMA_MAP_KEYWORDS = ("properties", "patternProperties")

# Python's re has no \p{..} classes; these rewrites keep the meaning.
_PATTERN_REWRITES = (
    ("[\\p{L}_]", "[^\\W\\d]"),
    ("[\\p{L}\\p{N}_\\-\\.]", "[\\w\\-.]"),
    ("\\p{L}", "[^\\W\\d_]"),
    ("\\p{N}", "\\d"),
)

# Values that satisfy the spec's patterns, tried in order by sample_request.
_PREFERRED_BY_NAME = {
    "TenantId": "<default>",
    "ProcessDefinitionId": "proc_1",
    "Tag": "tag1",
}
_PATTERN_CANDIDATES = (
    "2251799813685249",
    "sample",
    "proc_1",
    "<default>",
    "a",
    "2251799813685249-1",
    "1*",
    "AAAA",
)
_SAMPLE_BY_FORMAT = {
    "date-time": "2026-01-01T00:00:00.000Z",
    "date": "2026-01-01",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "uri": "http://127.0.0.1/",
    "uri-reference": "/sample",
    "email": "sample@example.com",
}

_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$"
)
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}

# Unknown keywords are ignored by the validator; this one keeps the enum
# members next to the case-insensitive pattern that replaces them.
_ENUM_NOTE = "x-enum-any-casing"

_CACHE: dict[Path, SpecContract] = {}
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Operation:
    operation_id: str
    method: str
    path: str
    matcher: re.Pattern[str]
    literal_segments: int
    root_relative: bool
    request: dict[str, Any] | None
    request_required: bool
    request_media: str | None
    responses: dict[str, dict[str, Any]]
    parameters: tuple[dict[str, Any], ...]


class SpecContract:
    """The REST API v2 contract: operations, schemas and validators.

    Build one with `SpecContract.load`; instances are immutable and
    thread-safe, with validators compiled lazily and cached.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self._schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self._operations = _collect_operations(spec)
        self._defs: dict[bool, dict[str, Any]] = {}
        self._validators: dict[tuple[bool, str], Any] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path) -> SpecContract:
        """Load and cache the bundled spec at ``path``.

        Args:
            path: The ``rest-api.bundle.json`` file.

        Returns:
            The contract, shared by every caller that loads the same file.
        """
        resolved = Path(path).resolve()
        with _CACHE_LOCK:
            cached = _CACHE.get(resolved)
            if cached is not None:
                return cached
        spec = json.loads(resolved.read_text(encoding="utf-8"))
        contract = cls(spec)
        with _CACHE_LOCK:
            return _CACHE.setdefault(resolved, contract)

    @staticmethod
    def default_path() -> Path | None:
        """Find ``shared/spec/rest-api.bundle.json`` beside the repository.

        Looks in every ancestor of the working directory and of this module.

        Returns:
            The spec file, or None when there is none.
        """
        starts = (Path.cwd().resolve(), Path(__file__).resolve().parent)
        for start in starts:
            for folder in (start, *start.parents):
                candidate = folder / _SPEC_RELATIVE
                if candidate.is_file():
                    return candidate
        return None

    # ---------------------------------------------------------- operations

    @property
    def operation_ids(self) -> list[str]:
        """Every operationId in the spec, in document order."""
        return list(self._operations)

    def operation(self, operation_id: str) -> tuple[str, str]:
        """Return the HTTP method (upper case) and path template of an operation.

        Raises:
            KeyError: The operation is not in the spec.
        """
        op = self._op(operation_id)
        return op.method.upper(), op.path

    def find_operation(self, method: str, path: str) -> str | None:
        """Match a concrete request to its operationId.

        Args:
            method: The HTTP method, any casing.
            path: The URL path, e.g. ``/v2/jobs/123/completion``; a prefix in
                front of ``/v2`` (as on SaaS) and a query string are allowed.

        Returns:
            The operationId, or None when no operation matches.
        """
        wanted = method.lower()
        path = path.split("?", 1)[0]
        relative = _strip_base(path)
        best: _Operation | None = None
        for op in self._operations.values():
            if op.method != wanted:
                continue
            target = path if op.root_relative else relative
            if target is None or not op.matcher.fullmatch(target):
                continue
            if best is None or op.literal_segments > best.literal_segments:
                best = op
        return None if best is None else best.operation_id

    # ------------------------------------------------------------- schemas

    def request_schema(self, operation_id: str) -> dict[str, Any] | None:
        """Return the converted JSON Schema of an operation's request body.

        The result is self-contained (it carries ``$defs``); treat it as
        read-only, since the definitions are shared.

        Returns:
            The schema, or None when the operation takes no body.
        """
        op = self._op(operation_id)
        if op.request is None:
            return None
        defs = self._converted(request=True)
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **_convert(op.request, request=True),
            "$defs": defs,
        }

    def validate_request(self, operation_id: str, body: Any) -> list[str]:
        """Validate a request body (the decoded JSON, or None for no body).

        Multipart bodies (a mapping of field names) are checked for their
        required fields only.

        Returns:
            One message per problem, each naming the JSON path; empty when
            the body is valid.
        """
        op = self._op(operation_id)
        if op.request is None:
            return [] if body is None else ["$: the operation takes no request body"]
        if body is None:
            return ["$: a request body is required"] if op.request_required else []
        if op.request_media == "multipart/form-data":
            return self._check_multipart(op, body)
        return self._validate(f"req:{operation_id}", op.request, body, request=True)

    def validate_response(self, operation_id: str, status: int, body: Any) -> list[str]:
        """Validate a response body (decoded JSON, text, or None) for a status.

        Returns:
            One message per problem, each naming the JSON path; empty when
            the response is valid.
        """
        op = self._op(operation_id)
        response = op.responses.get(str(status))
        if response is None:
            response = op.responses.get(f"{str(status)[0]}XX") or op.responses.get(
                "default"
            )
        if response is None:
            if status >= 400:
                problem = {"$ref": _REF_PREFIX + "ProblemDetail"}
                return self._validate("problem", problem, body, request=False)
            return [f"$: status {status} is not documented for {operation_id}"]
        schema = _response_schema(response)
        if schema is None:
            return [] if body in (None, b"", "") else ["$: expected no body"]
        return self._validate(
            f"res:{operation_id}:{status}", schema, body, request=False
        )

    def sample_parameters(self, operation_id: str) -> dict[str, dict[str, Any]]:
        """Build valid values for the required path and query parameters.

        Returns:
            ``{"path": {name: value}, "query": {name: value}}``.
        """
        op = self._op(operation_id)
        sampler = _Sampler(self._schemas)
        sampled: dict[str, dict[str, Any]] = {"path": {}, "query": {}}
        for parameter in op.parameters:
            where = parameter.get("in")
            if where in sampled and parameter.get("required", where == "path"):
                schema: dict[str, Any] = parameter.get("schema", {})
                sampled[where][parameter["name"]] = sampler.sample(schema)
        return sampled

    def sample_path(self, operation_id: str) -> str:
        """Return the operation's URL path with sample path parameters.

        The path is relative to the ``/v2`` base, except for the operations
        the spec serves from the host root (``/cluster/v2/...``).
        """
        op = self._op(operation_id)
        values = self.sample_parameters(operation_id)["path"]
        return re.sub(
            r"\{([^}]+)\}", lambda match: str(values[match.group(1)]), op.path
        )

    def sample_request(self, operation_id: str) -> dict[str, Any] | None:
        """Build a minimal valid request body from the required fields only.

        Returns:
            The body (a dict of fields for multipart operations, with bytes
            for file parts), or None when the operation takes no body.
        """
        op = self._op(operation_id)
        if op.request is None:
            return None
        sample = _Sampler(self._schemas).sample(op.request)
        return cast("dict[str, Any]", sample) if isinstance(sample, dict) else None

    # ------------------------------------------------------------ internals

    def _op(self, operation_id: str) -> _Operation:
        try:
            return self._operations[operation_id]
        except KeyError:
            raise KeyError(f"unknown operationId {operation_id!r}") from None

    def _converted(self, *, request: bool) -> dict[str, Any]:
        with self._lock:
            defs = self._defs.get(request)
            if defs is None:
                defs = {
                    name: _convert(schema, request=request)
                    for name, schema in self._schemas.items()
                }
                self._defs[request] = defs
            return defs

    def _validator(self, request: bool, name: str, schema: dict[str, Any]) -> Any:
        key = (request, name)
        validator = self._validators.get(key)
        if validator is not None:
            return validator
        defs = self._converted(request=request)
        validator = _build_validator(_convert(schema, request=request), defs)
        with self._lock:
            return self._validators.setdefault(key, validator)

    def _validate(
        self, name: str, schema: dict[str, Any], body: Any, *, request: bool
    ) -> list[str]:
        validator = self._validator(request, name, schema)
        errors = _drop_echoes(sorted(validator.iter_errors(body), key=_error_sort_key))
        messages = (message for error in errors for message in _describe(error))
        return list(dict.fromkeys(messages))

    def _check_multipart(self, op: _Operation, body: Any) -> list[str]:
        if not isinstance(body, dict):
            return ["$: a multipart body must be a mapping of fields"]
        schema = _Sampler(self._schemas).resolve(op.request or {})
        required: list[str] = list(schema.get("required", []))
        return [
            f"$: missing required part {name!r}"
            for name in required
            if name not in body
        ]


# ---------------------------------------------------------------- operations


def _collect_operations(spec: dict[str, Any]) -> dict[str, _Operation]:
    operations: dict[str, _Operation] = {}
    paths: dict[str, dict[str, Any]] = spec.get("paths", {})
    for path, item in paths.items():
        root_relative = bool(item.get("servers"))
        for method in _METHODS:
            raw = item.get(method)
            if not isinstance(raw, dict) or "operationId" not in raw:
                continue
            raw = cast("dict[str, Any]", raw)
            request, media, required = _request_body(raw)
            operation_id = str(raw["operationId"])
            operations[operation_id] = _Operation(
                operation_id=operation_id,
                method=method,
                path=path,
                matcher=_path_matcher(path),
                literal_segments=sum(
                    1 for part in path.split("/") if part and "{" not in part
                ),
                root_relative=root_relative,
                request=request,
                request_required=required,
                request_media=media,
                responses=raw.get("responses", {}),
                parameters=(*item.get("parameters", []), *raw.get("parameters", [])),
            )
    return operations


def _request_body(
    raw: dict[str, Any],
) -> tuple[dict[str, Any] | None, str | None, bool]:
    body = raw.get("requestBody")
    if not body:
        return None, None, False
    content: dict[str, Any] = body.get("content", {})
    for media, entry in content.items():
        schema = entry.get("schema")
        if schema is not None:
            return schema, media, bool(body.get("required", False))
    return None, None, False


def _response_schema(response: dict[str, Any]) -> dict[str, Any] | None:
    for entry in response.get("content", {}).values():
        schema = entry.get("schema")
        if schema is not None:
            return schema
    return None


def _path_matcher(template: str) -> re.Pattern[str]:
    pieces = re.split(r"(\{[^}]+\})", template)
    regex = "".join(
        "[^/]+" if piece.startswith("{") else re.escape(piece) for piece in pieces
    )
    return re.compile(regex)


def _strip_base(path: str) -> str | None:
    """Drop everything up to and including the first ``/v2`` segment."""
    match = re.match(r"^(?:/[^/]+)*?/v2(/.*)?$", path)
    if match is None:
        return path if path.startswith("/") else None
    return match.group(1) or "/"


# ---------------------------------------------------------------- conversion


def _convert(raw: Any, *, request: bool) -> Any:
    if not isinstance(raw, dict):
        return raw
    node = cast("dict[str, Any]", raw)
    schema: dict[str, Any] = {}
    for key, value in node.items():
        if key in _PLAIN_KEYWORDS:
            schema[key] = value
        elif key == "$ref":
            schema[key] = "#/$defs/" + str(value).removeprefix(_REF_PREFIX)
        elif key == "pattern":
            schema[key] = _rewrite_pattern(str(value))
        elif key == "oneOf":
            schema.setdefault("anyOf", []).extend(
                _convert(part, request=request) for part in value
            )
        elif key in _SCHEMA_LIST_KEYWORDS:
            schema.setdefault(key, []).extend(
                _convert(part, request=request) for part in value
            )
        elif key in _SCHEMA_KEYWORDS:
            schema[key] = _convert(value, request=request)
        elif key in _SCHEMA_MAP_KEYWORDS:
            schema[key] = {
                name: _convert(sub, request=request)
                for name, sub in cast("dict[str, Any]", value).items()
            }
        elif key == "additionalProperties":
            if value is False:
                schema["unevaluatedProperties"] = False
            elif isinstance(value, dict):
                schema[key] = _convert(value, request=request)
    if request and "enum" in schema:
        schema = _case_insensitive_enum(schema)
    _simplify(schema)
    if node.get("nullable") is True:
        return _nullable(schema)
    return schema


_COMBINERS = ("$ref", "allOf", "anyOf")


def _simplify(schema: dict[str, Any]) -> None:
    """Cheaper equivalents: fewer subschemas make validation faster."""
    parts: list[Any] = schema.get("allOf", [])
    if "$ref" not in schema and len(parts) == 1 and set(parts[0]) == {"$ref"}:
        schema["$ref"] = parts[0]["$ref"]
        del schema["allOf"]
    if schema.get("unevaluatedProperties") is False and not any(
        key in schema for key in _COMBINERS
    ):
        del schema["unevaluatedProperties"]
        schema["additionalProperties"] = False


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    plain = not any(key in schema for key in (*_COMBINERS, "enum", "const"))
    if plain and isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [{"type": "null"}, schema]}


def _rewrite_pattern(pattern: str) -> str:
    for old, new in _PATTERN_REWRITES:
        pattern = pattern.replace(old, new)
    return pattern


def _case_insensitive_enum(schema: dict[str, Any]) -> dict[str, Any]:
    members: list[Any] = list(schema["enum"])
    if not members or not all(isinstance(member, str) for member in members):
        return schema
    rewritten = {key: value for key, value in schema.items() if key != "enum"}
    choices = "|".join(re.escape(str(member)) for member in members)
    rewritten["type"] = "string"
    rewritten.setdefault("allOf", []).append(
        {"pattern": f"(?i)^(?:{choices})$", _ENUM_NOTE: members}
    )
    return rewritten


# ---------------------------------------------------------------- validation


def _build_validator(schema: Any, defs: dict[str, Any]) -> Any:
    try:
        from jsonschema import Draft202012Validator, FormatChecker
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError(
            "camunda_testkit.contract needs jsonschema: "
            "install camunda-testkit[contract]"
        ) from exc

    checker: Any = FormatChecker(formats=())
    checker.checks("date-time")(_is_date_time)
    checker.checks("int32")(_in_range("int32"))
    checker.checks("int64")(_in_range("int64"))
    wrapped = {"$defs": defs, **schema}
    return Draft202012Validator(wrapped, format_checker=checker)


def _is_date_time(instance: object) -> bool:
    return not isinstance(instance, str) or _DATE_TIME.match(instance) is not None


def _in_range(name: str) -> Any:
    low, high = _INT_RANGES[name]

    def check(instance: object) -> bool:
        if isinstance(instance, bool) or not isinstance(instance, int):
            return True
        return low <= instance <= high

    return check


def _drop_echoes(errors: list[Any]) -> list[Any]:
    """Drop unevaluated-property reports caused by a deeper failure.

    A failing ``allOf`` part evaluates nothing, so its valid properties
    would also be reported as unexpected; the deeper error is the real one.
    """
    paths = [tuple(error.absolute_path) for error in errors]

    def echoed(index: int) -> bool:
        if errors[index].validator != "unevaluatedProperties":
            return False
        here = paths[index]
        return any(
            len(other) > len(here) and other[: len(here)] == here for other in paths
        )

    return [error for index, error in enumerate(errors) if not echoed(index)]


def _error_sort_key(error: Any) -> tuple[str, str]:
    return (str(error.json_path), str(error.validator))


def _describe(error: Any) -> list[str]:
    """Turn a jsonschema error into messages that never echo the value."""
    if error.validator == "anyOf" and error.context:
        messages = _closest_branch(error)
        if messages:
            return messages
    return [f"{error.json_path}: {_rule(error)}"]


def _closest_branch(error: Any) -> list[str]:
    """Describe the anyOf branch the value most nearly satisfied."""
    branches: dict[Any, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    candidates = [subs for subs in branches.values() if not _is_null_branch(subs)]
    if not candidates:
        return []
    if all(_root_type_errors(subs) for subs in candidates):
        types = sorted(
            {str(sub.validator_value) for subs in candidates for sub in subs}
        )
        return [f"{error.json_path}: expected type {' or '.join(types)}"]
    described = [
        list(dict.fromkeys(m for sub in subs for m in _describe(sub)))
        for subs in candidates
    ]
    if all(messages == described[0] for messages in described):
        return described[0]
    # Prefer the branch that got deepest, then one whose type fits the value.
    scored = sorted(
        (
            (
                max(len(sub.path) for sub in subs),
                not _root_type_errors(subs),
                -len(subs),
            ),
            index,
        )
        for index, subs in enumerate(candidates)
    )
    if len(scored) > 1 and scored[-1][0] == scored[-2][0]:
        return []
    return described[scored[-1][1]]


def _is_null_branch(subs: list[Any]) -> bool:
    return _root_type_errors(subs) and subs[0].validator_value == "null"


def _root_type_errors(subs: list[Any]) -> bool:
    return all(sub.validator == "type" and not sub.path for sub in subs)


def _rule(error: Any) -> str:
    kind = error.validator
    expected = error.validator_value
    if kind in ("required", "unevaluatedProperties", "additionalProperties"):
        return str(error.message)
    if kind == "type":
        return f"expected type {expected}"
    if kind == "pattern" and _ENUM_NOTE in error.schema:
        return f"expected one of {error.schema[_ENUM_NOTE]} in any casing"
    if kind == "pattern":
        return f"does not match pattern {expected}"
    if kind == "enum":
        return f"expected one of {expected}"
    if kind == "format":
        return f"expected format {expected}"
    if kind in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
        return f"violates {kind} {expected}"
    if kind == "anyOf":
        return "matches none of the allowed shapes"
    return f"violates {kind}"


# ---------------------------------------------------------------- samples


class _Sampler:
    """Build minimal values from OAS schemas, choosing pattern-safe strings."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self._schemas = schemas

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow ``$ref`` and merge ``allOf`` into one flat schema."""
        while "$ref" in node:
            node = self._schemas[str(node["$ref"]).removeprefix(_REF_PREFIX)]
        merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
        for part in node.get("allOf", []):
            flat = self.resolve(part)
            if "properties" in flat:
                own = merged.get("properties", {})
                merged["properties"] = {**flat["properties"], **own}
            if "required" in flat:
                merged["required"] = [*flat["required"], *merged.get("required", [])]
            for key, value in flat.items():
                merged.setdefault(key, value)
        return merged

    def sample(self, node: dict[str, Any], name: str | None = None) -> Any:
        """Return a minimal value that satisfies ``node``."""
        if "$ref" in node:
            ref_name = str(node["$ref"]).removeprefix(_REF_PREFIX)
            if ref_name in _PREFERRED_BY_NAME:
                return _PREFERRED_BY_NAME[ref_name]
            return self.sample(self._schemas[ref_name], ref_name)
        if name in _PREFERRED_BY_NAME:
            return _PREFERRED_BY_NAME[name]
        for part in node.get("allOf", []):
            ref_name = str(part.get("$ref", "")).removeprefix(_REF_PREFIX)
            if ref_name in _PREFERRED_BY_NAME:
                return _PREFERRED_BY_NAME[ref_name]
        flat = self.resolve(node)
        for key in ("oneOf", "anyOf"):
            if flat.get(key):
                return self.sample(flat[key][0])
        if "enum" in flat:
            return flat["enum"][0]
        return self._by_type(flat)

    def _by_type(self, flat: dict[str, Any]) -> Any:
        kind = flat.get("type")
        if kind == "object" or "properties" in flat:
            properties: dict[str, Any] = flat.get("properties", {})
            return {
                field: self.sample(properties.get(field, {}))
                for field in dict.fromkeys(flat.get("required", []))
            }
        if kind == "array":
            count = int(flat.get("minItems", 0))
            return [self.sample(flat.get("items", {})) for _ in range(count)]
        if kind == "string":
            return _sample_string(flat)
        if kind in ("integer", "number"):
            low = flat.get("minimum", 1)
            high = flat.get("maximum", low)
            return min(max(1, low), high)
        if kind == "boolean":
            return False
        return {}


def _sample_string(flat: dict[str, Any]) -> Any:
    fmt = flat.get("format")
    if fmt == "binary":
        return b"sample"
    if fmt in _SAMPLE_BY_FORMAT:
        return _SAMPLE_BY_FORMAT[fmt]
    pattern = flat.get("pattern")
    low = int(flat.get("minLength", 0))
    high = int(flat.get("maxLength", 10_000))
    if pattern is not None:
        compiled = re.compile(_rewrite_pattern(str(pattern)))
        for candidate in _PATTERN_CANDIDATES:
            if low <= len(candidate) <= high and compiled.search(candidate):
                return candidate
    text = "sample" if low <= len("sample") else "s" * low
    return text[:high]

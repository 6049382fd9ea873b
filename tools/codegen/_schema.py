"""Resolve the spec's schemas into the shapes the generator emits.

Every named schema becomes one of: a model (an object with fields), an enum,
a union (``oneOf``) or an alias that is inlined where it is used (strings,
numbers, keys, arrays and maps). Inline objects and enums inside properties
get a derived name and become models or enums of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from codegen._naming import enum_member, identifier, pascal_case

Schema = Mapping[str, Any]

_PRIMITIVES = {
    "string": ("str", "STR"),
    "integer": ("int", "INT"),
    "number": ("float", "NUMBER"),
    "boolean": ("bool", "BOOL"),
}
_KEY_ROOT = "LongKey"


@dataclass(frozen=True)
class PyType:
    """A resolved type: its annotation, its codec expression, what it names."""

    annotation: str
    codec: str
    names: frozenset[str] = frozenset()
    is_key: bool = False
    nullable: bool = False
    item: PyType | None = None

    def with_null(self) -> PyType:
        """Return the same type, also accepting JSON null."""
        if self.nullable:
            return self
        return PyType(
            f"{self.annotation} | None",
            f"Nullable({self.codec})",
            self.names,
            self.is_key,
            nullable=True,
            item=self.item,
        )


@dataclass
class FieldDef:
    """One property of a model."""

    wire: str
    attr: str
    type: PyType
    required: bool


@dataclass
class ModelDef:
    """An object schema that becomes an attrs class."""

    name: str
    fields: list[FieldDef]
    closed: bool
    strict: bool = False


@dataclass
class EnumDef:
    """A string enum schema."""

    name: str
    members: list[tuple[str, str]]


@dataclass
class UnionDef:
    """A ``oneOf`` schema: an alias of the variants' union."""

    name: str
    variants: list[PyType]
    discriminator: str | None
    mapping: dict[str, str]


@dataclass
class Registry:
    """Every named type the generator emits, by name."""

    models: dict[str, ModelDef] = field(default_factory=dict)
    enums: dict[str, EnumDef] = field(default_factory=dict)
    unions: dict[str, UnionDef] = field(default_factory=dict)

    def names(self) -> list[str]:
        """Return all emitted names, sorted."""
        return sorted([*self.models, *self.enums, *self.unions])


def ref_name(ref: str) -> str:
    """Return the schema name a local ``$ref`` points to."""
    prefix = "#/components/schemas/"
    if not ref.startswith(prefix):
        msg = f"unsupported $ref {ref!r}"
        raise ValueError(msg)
    return ref[len(prefix) :]


class Resolver:
    """Resolve schemas of one spec into `PyType`s and a `Registry`."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.schemas: Mapping[str, Schema] = spec["components"]["schemas"]
        self.registry = Registry()
        self._kinds: dict[str, str] = {}
        self._done: set[str] = set()

    # ------------------------------------------------------------ classify
    def kind(self, name: str) -> str:
        """Return ``model``, ``enum``, ``union`` or ``alias`` for a schema."""
        if name not in self._kinds:
            self._kinds[name] = "alias"  # breaks cycles while classifying
            self._kinds[name] = self._classify(self.schemas[name])
        return self._kinds[name]

    def _classify(self, schema: Schema) -> str:
        if "enum" in schema:
            return "enum"
        if "oneOf" in schema or "anyOf" in schema:
            return "union"
        if "properties" in schema:
            return "model"
        for part in schema.get("allOf", []):
            if "properties" in part:
                return "model"
            if "$ref" in part and self.kind(ref_name(part["$ref"])) == "model":
                return "model"
        return "alias"

    def is_key(self, name: str) -> bool:
        """Return True if the schema is a 64-bit key (derived from LongKey)."""
        if name == _KEY_ROOT:
            return True
        schema = self.schemas[name]
        parts = schema.get("allOf", [])
        return any("$ref" in p and self.is_key(ref_name(p["$ref"])) for p in parts)

    # ------------------------------------------------------------- resolve
    def named(self, name: str) -> PyType:
        """Return the type of the named schema, registering what it needs."""
        kind = self.kind(name)
        if kind == "alias":
            if self.is_key(name):
                return PyType("str", "KEY", is_key=True)
            return self.resolve(self.schemas[name], pascal_case(name))
        self._register(name, kind)
        return PyType(name, f'Ref("{name}")', frozenset({name}))

    def _register(self, name: str, kind: str) -> None:
        if name in self._done:
            return
        self._done.add(name)
        schema = self.schemas[name]
        if kind == "model":
            self.add_model(name, schema)
        elif kind == "enum":
            self.add_enum(name, schema)
        else:
            self.add_union(name, schema)

    def resolve(self, schema: Schema, hint: str) -> PyType:
        """Return the type of an inline schema; `hint` names inline classes."""
        result = self._resolve(schema, hint)
        if schema.get("nullable") is True:
            result = result.with_null()
        return result

    def _resolve(self, schema: Schema, hint: str) -> PyType:
        if "$ref" in schema:
            return self.named(ref_name(schema["$ref"]))
        if "oneOf" in schema or "anyOf" in schema:
            return self._inline_union(schema, hint)
        if "enum" in schema:
            name = self._fresh(hint)
            self.add_enum(name, schema)
            return PyType(name, f'Ref("{name}")', frozenset({name}))
        if "properties" in schema:
            name = self._fresh(hint)
            self.add_model(name, schema)
            return PyType(name, f'Ref("{name}")', frozenset({name}))
        parts = schema.get("allOf", [])
        if len(parts) == 1:
            return self.resolve(parts[0], hint)
        if parts:
            name = self._fresh(hint)
            self.add_model(name, schema)
            return PyType(name, f'Ref("{name}")', frozenset({name}))
        return self._resolve_plain(schema, hint)

    def _resolve_plain(self, schema: Schema, hint: str) -> PyType:
        kind = schema.get("type")
        if kind == "array":
            item = self.resolve(schema.get("items", {}), f"{hint}Item")
            return PyType(
                f"list[{item.annotation}]",
                f"ListOf({item.codec})",
                item.names,
                item=item,
            )
        if kind == "string" and schema.get("format") == "binary":
            return PyType("File | bytes", "ANY", frozenset())
        if kind in _PRIMITIVES:
            annotation, codec = _PRIMITIVES[kind]
            return PyType(annotation, codec)
        if kind == "object" or "additionalProperties" in schema:
            extra = schema.get("additionalProperties", True)
            if isinstance(extra, Mapping) and extra:
                value = self.resolve(extra, f"{hint}Value")  # pyright: ignore[reportUnknownArgumentType]
                return PyType(
                    f"dict[str, {value.annotation}]",
                    f"MapOf({value.codec})",
                    value.names,
                )
            return PyType("dict[str, Any]", "OBJECT")
        return PyType("Any", "ANY")

    def _inline_union(self, schema: Schema, hint: str) -> PyType:
        variants = [
            self.resolve(v, f"{hint}Option{i}")
            for i, v in enumerate(schema.get("oneOf") or schema.get("anyOf") or [])
        ]
        annotation = " | ".join(_dedupe(v.annotation for v in variants))
        codecs = ", ".join(v.codec for v in variants)
        names = frozenset().union(*(v.names for v in variants))
        return PyType(annotation, f"OneOf([{codecs}])", names)

    def _fresh(self, hint: str) -> str:
        name = hint
        n = 2
        while name in self.schemas or name in self._done:
            name = f"{hint}{n}"
            n += 1
        self._done.add(name)
        return name

    # ------------------------------------------------------------ register
    def add_model(self, name: str, schema: Schema) -> ModelDef:
        """Register the model `name` built from an object schema."""
        model = ModelDef(name, [], closed=schema.get("additionalProperties") is False)
        self.registry.models[name] = model
        props, required = self._collect(schema)
        used: set[str] = set()
        for wire, prop in props.items():
            attr = identifier(wire)
            while attr in used:
                attr = f"{attr}_"
            used.add(attr)
            ptype = self.resolve(prop, f"{name}{pascal_case(wire)}")
            model.fields.append(FieldDef(wire, attr, ptype, wire in required))
        return model

    def _collect(self, schema: Schema) -> tuple[dict[str, Schema], set[str]]:
        """Return the properties and required names, allOf parts merged in."""
        props: dict[str, Schema] = {}
        required: set[str] = set()
        for part in schema.get("allOf", []):
            target = part
            if "$ref" in part:
                target = self.schemas[ref_name(part["$ref"])]
            sub_props, sub_required = self._collect(target)
            props.update(sub_props)
            required |= sub_required
        props.update(schema.get("properties", {}))
        required |= set(schema.get("required", []))
        return props, required

    def add_enum(self, name: str, schema: Schema) -> EnumDef:
        """Register the enum `name`."""
        members: list[tuple[str, str]] = []
        seen: set[str] = set()
        for value in schema["enum"]:
            if value is None:
                continue
            member = enum_member(str(value))
            while member in seen:
                member = f"{member}_"
            seen.add(member)
            members.append((member, str(value)))
        enum = EnumDef(name, members)
        self.registry.enums[name] = enum
        return enum

    def add_union(self, name: str, schema: Schema) -> UnionDef:
        """Register the union `name`."""
        options = schema.get("oneOf") or schema.get("anyOf") or []
        variants = [self.resolve(v, f"{name}Option{i}") for i, v in enumerate(options)]
        disc = schema.get("discriminator") or {}
        mapping = {k: ref_name(v) for k, v in disc.get("mapping", {}).items()}
        union = UnionDef(name, variants, disc.get("propertyName"), mapping)
        self.registry.unions[name] = union
        return union

    def all_named(self) -> Iterator[str]:
        """Register every component schema; yield the names registered."""
        for name in sorted(self.schemas):
            kind = self.kind(name)
            if kind != "alias":
                self._register(name, kind)
                yield name


def _dedupe(items: Iterator[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out

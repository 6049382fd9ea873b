"""The wire codec every generated model shares.

Generated model classes carry only their fields and a table that maps each
attribute to its wire name and codec; this module turns that table into
``to_dict`` / ``from_dict``. Keeping the logic here, written once, keeps the
generated modules small and quick to import.

Decoding has two modes. *Strict* (request models, and ``from_dict`` on them)
checks types, required fields and closed objects and raises ``TypeError`` or
``ValueError`` naming the model and the wire field. *Lenient* (responses)
keeps whatever the server sent: a missing field becomes `UNSET`, a value of
an unexpected type is kept as it came, so a newer server never breaks an
older client.
"""

# pyright: strict

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar, cast

import attrs

from camunda_client.types import UNSET, Unset

M = TypeVar("M", bound="Model")


@attrs.frozen
class Ctx:
    """How to decode: strictly (validate) or leniently (keep what came)."""

    strict: bool
    closed: bool = False
    extra_ok: bool = False


_EXACT = Ctx(strict=True, closed=True)
_OPEN = Ctx(strict=True, extra_ok=True)


class Codec:
    """Decode one wire value into its Python form, and back."""

    label = "value"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return the Python value for the wire `value` found at `where`."""
        raise NotImplementedError

    def encode(self, value: Any) -> Any:
        """Return the wire form of `value`."""
        return encode_any(value)

    def mismatch(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Raise on a type mismatch when strict; keep the raw value otherwise."""
        if ctx.strict:
            # Never echo the value: it may be a password or a token.
            msg = f"{where}: expected {self.label}, got {type(value).__name__}"
            raise TypeError(msg)
        return value


class Prim(Codec):
    """A JSON scalar of one or more Python types (bool never counts as int)."""

    def __init__(self, label: str, types: tuple[type, ...]) -> None:
        self.label = label
        self._types = types
        self._exact = frozenset(types)

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return `value` if it has an accepted type."""
        if type(value) in self._exact:  # the common case, and bool is not int
            return value
        if isinstance(value, self._types) and not (
            isinstance(value, bool) and bool not in self._types
        ):
            return value
        return self.mismatch(value, ctx, where)

    def encode(self, value: Any) -> Any:
        """Return `value` itself."""
        return value


class AnyValue(Codec):
    """Any JSON value, kept as it is."""

    label = "any JSON value"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return `value` unchanged."""
        return value


class Key(Codec):
    """A 64-bit key: a decimal string on the wire and in Python; ints accepted."""

    label = "a key (string of digits)"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return the key as a string."""
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.mismatch(value, ctx, where)

    def encode(self, value: Any) -> Any:
        """Return the key as a string; an int becomes its decimal string."""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value


class ListOf(Codec):
    """A JSON array whose items share one codec."""

    def __init__(self, item: Codec) -> None:
        self.item = item
        self.label = "an array"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return a list of decoded items."""
        items = as_list(value)
        if items is None:
            return self.mismatch(value, ctx, where)
        item = self.item
        return [item.decode(v, ctx, f"{where}[{i}]") for i, v in enumerate(items)]

    def encode(self, value: Any) -> Any:
        """Return a list of encoded items."""
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            return value
        items = cast("Sequence[Any]", value)
        return [self.item.encode(v) for v in items]


class MapOf(Codec):
    """A JSON object used as a map from string to one value codec."""

    def __init__(self, value: Codec) -> None:
        self.value = value
        self.label = "an object"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return a dict of decoded values."""
        mapping = as_dict(value)
        if mapping is None:
            return self.mismatch(value, ctx, where)
        codec = self.value
        return {k: codec.decode(v, ctx, f"{where}.{k}") for k, v in mapping.items()}

    def encode(self, value: Any) -> Any:
        """Return a dict of encoded values."""
        if not isinstance(value, Mapping):
            return value
        mapping = cast("Mapping[str, Any]", value)
        return {k: self.value.encode(v) for k, v in mapping.items()}


class Nullable(Codec):
    """A value that may also be JSON ``null``."""

    def __init__(self, inner: Codec) -> None:
        self.inner = inner
        self.label = inner.label

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return None for null, else decode with the inner codec."""
        if value is None:
            return None
        return self.inner.decode(value, ctx, where)

    def encode(self, value: Any) -> Any:
        """Return None for None, else encode with the inner codec."""
        if value is None:
            return None
        return self.inner.encode(value)


class Ref(Codec):
    """A named schema (model, enum or union), resolved on first use."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.label = name
        self._target: Codec | None = None

    def resolve(self) -> Codec:
        """Return the codec of the named schema, importing its module once."""
        if self._target is None:
            self._target = codec_for(self.name)
        return self._target

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Decode with the named schema's codec."""
        return self.resolve().decode(value, ctx, where)

    def encode(self, value: Any) -> Any:
        """Encode with the named schema's codec."""
        return self.resolve().encode(value)


class ModelCodec(Codec):
    """An object schema with its own generated class."""

    def __init__(self, cls: type[Model]) -> None:
        self.cls = cls
        self.label = f"an object ({cls.__name__})"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return an instance of the model class."""
        if isinstance(value, self.cls):
            return value
        mapping = as_dict(value)
        if mapping is None:
            return self.mismatch(value, ctx, where)
        return self.cls.decode_wire(mapping, ctx)


class EnumCodec(Codec):
    """A string enum; unknown members are kept (newer servers add members)."""

    def __init__(self, cls: type[OpenEnum]) -> None:
        self.cls = cls
        self.label = f"a string ({cls.__name__})"

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return the enum member, creating one for an unknown value."""
        if not isinstance(value, str):
            return self.mismatch(value, ctx, where)
        return self.cls(value)


class OneOf(Codec):
    """A choice of schemas, picked by discriminator or by the first that fits."""

    def __init__(
        self,
        variants: Sequence[Codec],
        discriminator: str | None = None,
        mapping: Mapping[str, Codec] | None = None,
    ) -> None:
        self.variants = tuple(variants)
        self.discriminator = discriminator
        self.mapping = dict(mapping or {})
        self.label = " or ".join(v.label for v in self.variants)
        self._takes_key = any(isinstance(v, Key) for v in self.variants)

    def encode(self, value: Any) -> Any:
        """Return the wire form; an int given for a key variant becomes a string."""
        if self._takes_key and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return encode_any(value)

    def decode(self, value: Any, ctx: Ctx, where: str) -> Any:
        """Return the value decoded by the variant it matches."""
        mapping = as_dict(value)
        if self.discriminator is not None and mapping is not None:
            tag = mapping.get(self.discriminator)
            chosen = self.mapping.get(tag) if isinstance(tag, str) else None
            if chosen is not None:
                return chosen.decode(value, ctx, where)
        # An exact fit first; in responses, then one with extra fields only.
        for trial in (_EXACT,) if ctx.strict else (_EXACT, _OPEN):
            for variant in self.variants:
                try:
                    return variant.decode(value, trial, where)
                except (TypeError, ValueError):
                    continue
        return self.mismatch(value, ctx, where)


@attrs.frozen
class WireField:
    """One model attribute and how it travels on the wire."""

    attr: str
    wire: str
    codec: Codec
    required: bool = False


class Model:
    """Base of every generated model: wire conversion from a field table."""

    __slots__ = ()

    _wire_fields: ClassVar[tuple[WireField, ...]] = ()
    _wire_closed: ClassVar[bool] = False
    _wire_strict: ClassVar[bool] = False
    _wire_plan: ClassVar[tuple[tuple[str, str, Codec, bool, str], ...] | None] = None
    _repr_names: ClassVar[tuple[str, ...] | None] = None

    additional_properties: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Return the wire form: absent (`UNSET`) fields left out, None as null."""
        out: dict[str, Any] = {}
        for f in self._wire_fields:
            value = getattr(self, f.attr)
            if value is not UNSET:
                out[f.wire] = f.codec.encode(value)
        for k, v in self.additional_properties.items():
            out.setdefault(k, encode_any(v))
        return out

    @classmethod
    def from_dict(cls: type[M], src: Mapping[str, Any]) -> M:
        """Build the model from its wire form.

        Request models validate: a missing required field, an unknown field
        of a closed object or a value of the wrong type raises. Response
        models keep whatever the server sent.

        Raises:
            TypeError: A value (or `src` itself) has the wrong type.
            ValueError: A required field is missing or a field is unknown.
        """
        ctx = Ctx(strict=cls._wire_strict)
        if not isinstance(src, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]
            msg = f"{cls.__name__}: expected a mapping, got {type(src).__name__}"
            raise TypeError(msg)
        return cls.decode_wire(src, ctx)

    @classmethod
    def decode_wire(cls: type[M], src: Mapping[str, Any], ctx: Ctx) -> M:
        """Decode `src` in the mode `ctx` gives (used by the codecs)."""
        name = cls.__name__
        plan = cls.__dict__.get("_wire_plan") or cls.make_plan()
        rest = dict(src)
        kwargs: dict[str, Any] = {}
        for wire, attr, codec, required, where in plan:
            if wire in rest:
                kwargs[attr] = codec.decode(rest.pop(wire), ctx, where)
            elif required:
                if ctx.strict:
                    msg = f"{name}: missing required field {wire!r}"
                    raise ValueError(msg)
                kwargs[attr] = UNSET
        closed = cls._wire_closed or ctx.closed
        if rest and ctx.strict and closed and not ctx.extra_ok:
            msg = f"{name}: unknown field(s) {', '.join(map(repr, sorted(rest)))}"
            raise ValueError(msg)
        factory: Any = cls
        return factory(**kwargs, additional_properties=rest)

    @classmethod
    def make_plan(cls) -> tuple[tuple[str, str, Codec, bool, str], ...]:
        """Build and cache the decoding plan: the field table, flattened."""
        name = cls.__name__
        plan = tuple(
            (f.wire, f.attr, f.codec, f.required, f"{name}.{f.wire}")
            for f in cls._wire_fields
        )
        cls._wire_plan = plan
        return plan

    def __repr__(self) -> str:
        cls = type(self)
        names = cls.__dict__.get("_repr_names")
        if names is None:
            # Fields marked repr=False (passwords, secret values) stay hidden.
            names = tuple(a.name for a in attrs.fields(cls) if a.repr)
            cls._repr_names = names
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{cls.__name__}({shown})"

    @property
    def additional_keys(self) -> list[str]:
        """The wire names of the fields this client does not know."""
        return list(self.additional_properties)

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


class OpenEnum(str, enum.Enum):
    """A string enum that keeps values it does not know as pseudo-members."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


def encode_any(value: Any) -> Any:
    """Return the wire form of a model, enum, container or scalar."""
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        mapping = cast("Mapping[str, Any]", value)
        return {k: encode_any(v) for k, v in mapping.items()}
    if isinstance(value, (list, tuple)):
        items = cast("Sequence[Any]", value)
        return [encode_any(v) for v in items]
    return value


def as_list(value: Any) -> list[Any] | None:
    """Return `value` if it is a JSON array, else None."""
    return cast("list[Any]", value) if isinstance(value, list) else None


def as_dict(value: Any) -> dict[str, Any] | None:
    """Return `value` if it is a JSON object, else None."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _key_str(value: Any) -> Any:
    if isinstance(value, bool):
        msg = f"a key must be a string or an int, got {value!r}"
        raise TypeError(msg)
    if isinstance(value, int):
        return str(value)
    return value


def to_key(value: str | int) -> str:
    """Convert a key given as int to its decimal string (attrs converter)."""
    return _key_str(value)


def to_key_or_none(value: str | int | None) -> str | None:
    """Like `to_key`, letting None through."""
    return _key_str(value)


def to_key_or_unset(value: str | int | Unset) -> str | Unset:
    """Like `to_key`, letting `UNSET` through."""
    return _key_str(value)


def to_key_or_unset_or_none(value: str | int | Unset | None) -> str | Unset | None:
    """Like `to_key`, letting `UNSET` and None through."""
    return _key_str(value)


_module_of: dict[str, str] | None = None


def codec_for(name: str) -> Codec:
    """Return the codec of the schema `name`, importing its module on demand."""
    global _module_of  # noqa: PLW0603
    module_of = _module_of
    if module_of is None:
        index = importlib.import_module("camunda_client.models._index")
        module_of = _module_of = index.MODULE_OF
    module = importlib.import_module(f"camunda_client.models.{module_of[name]}")
    codecs: dict[str, Codec] = module.CODECS
    return codecs[name]


STR = Prim("a string", (str,))
INT = Prim("an integer", (int,))
NUMBER = Prim("a number", (int, float))
BOOL = Prim("a boolean", (bool,))
ANY = AnyValue()
KEY = Key()
OBJECT = MapOf(ANY)

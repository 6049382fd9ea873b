from __future__ import annotations

import importlib
from typing import Any

import pytest
from camunda_client import models
from camunda_client.models._base import (
    Codec,
    Ctx,
    EnumCodec,
    Key,
    ListOf,
    MapOf,
    Model,
    ModelCodec,
    Nullable,
    OneOf,
    Prim,
    Ref,
    codec_for,
)
from camunda_client.models._index import MODULE_OF

BIG_KEY = "9007199254740993"
SAMPLES: dict[str, Any] = {
    "a string": "s",
    "an integer": 7,
    "a number": 1.5,
    "a boolean": True,
}


def sample(codec: Codec, depth: int, *, full: bool) -> Any:
    """Return a wire value the codec accepts, nesting objects `depth` deep."""
    if isinstance(codec, Ref):
        codec = codec.resolve()
    if isinstance(codec, Nullable):
        return sample(codec.inner, depth, full=full)
    if isinstance(codec, Key):
        return BIG_KEY
    if isinstance(codec, Prim):
        return SAMPLES[codec.label]
    if isinstance(codec, ListOf):
        return [sample(codec.item, depth, full=full)]
    if isinstance(codec, MapOf):
        return {"k": sample(codec.value, depth, full=full)}
    if isinstance(codec, EnumCodec):
        return next(iter(codec.cls)).value
    if isinstance(codec, OneOf):
        return sample(codec.variants[0], depth, full=full)
    if isinstance(codec, ModelCodec):
        return model_sample(codec.cls, depth - 1, full=full)
    return {"any": [1, "x", None]}


def model_sample(cls: type[Model], depth: int, *, full: bool) -> dict[str, Any]:
    """Return the wire dict of `cls` with required (or all) fields set."""
    return {
        f.wire: sample(f.codec, depth, full=full)
        for f in cls._wire_fields  # pyright: ignore[reportPrivateUsage]
        if f.required or (full and depth > 0)
    }


def model_classes() -> list[type[Model]]:
    found: list[type[Model]] = []
    for name in sorted(MODULE_OF):
        value = getattr(models, name)
        if isinstance(value, type) and issubclass(value, Model):
            found.append(value)
    return found


MODEL_CLASSES = model_classes()


def test_every_name_has_a_codec() -> None:
    """Each exported schema name resolves to the codec its module registers."""
    missing = [
        n
        for n in sorted(MODULE_OF)
        if n
        not in importlib.import_module(f"camunda_client.models.{MODULE_OF[n]}").CODECS
    ]

    assert [] == missing
    assert isinstance(codec_for("ActivatedJobResult"), ModelCodec)


@pytest.mark.parametrize("full", [False, True], ids=["required", "all-fields"])
def test_every_model_round_trips_its_wire_form(full: bool) -> None:
    """from_dict then to_dict gives back the same wire dict, for every model."""
    broken: list[str] = []
    for cls in MODEL_CLASSES:
        wire = model_sample(cls, 3, full=full)
        decoded = cls.decode_wire(wire, Ctx(strict=False))
        if decoded.to_dict() != wire or decoded.additional_properties:
            broken.append(cls.__name__)

    assert len(MODEL_CLASSES) > 400
    assert [] == broken


def test_every_model_accepts_its_own_output_strictly() -> None:
    """A model's to_dict passes strict validation of the same model."""
    rejected: list[str] = []
    for cls in MODEL_CLASSES:
        wire = model_sample(cls, 3, full=True)
        try:
            cls.decode_wire(wire, Ctx(strict=True))
        except (TypeError, ValueError):
            rejected.append(cls.__name__)

    assert [] == rejected

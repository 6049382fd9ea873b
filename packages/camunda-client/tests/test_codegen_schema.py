from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from codegen._main import DEFAULT_SPEC, generate
from codegen._ops import read_operations
from codegen._schema import Resolver

REF = "#/components/schemas/"


def spec(
    schemas: dict[str, Any], paths: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"components": {"schemas": schemas}, "paths": paths or {}}


BASE = {
    "LongKey": {"type": "string", "pattern": "^-?[0-9]+$"},
    "JobKey": {"type": "string", "allOf": [{"$ref": REF + "LongKey"}]},
    "TenantId": {"type": "string", "pattern": "^x$"},
    "Kind": {"type": "string", "enum": ["A", "B"]},
    "Page": {
        "type": "object",
        "properties": {"limit": {"type": "integer"}},
        "required": ["limit"],
    },
    "Query": {
        "type": "object",
        "additionalProperties": False,
        "allOf": [{"$ref": REF + "Page"}],
        "properties": {
            "jobKey": {"allOf": [{"$ref": REF + "JobKey"}]},
            "tenantId": {"$ref": REF + "TenantId"},
            "note": {"type": "string", "nullable": True},
            "order": {"type": "string", "enum": ["ASC", "DESC"]},
            "kind": {"$ref": REF + "Kind"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "vars": {"type": "object", "additionalProperties": True},
        },
        "required": ["jobKey"],
    },
    "Either": {"oneOf": [{"$ref": REF + "JobKey"}, {"$ref": REF + "Page"}]},
}


def test_keys_resolve_to_str_with_the_key_codec() -> None:
    """A schema derived from LongKey is a str field with the KEY codec."""
    resolver = Resolver(spec(BASE))

    key = resolver.named("JobKey")

    assert ("str", "KEY", True) == (key.annotation, key.codec, key.is_key)


def test_all_of_merges_parent_fields_and_required() -> None:
    """The allOf parents contribute their properties and required names."""
    resolver = Resolver(spec(BASE))

    resolver.named("Query")
    model = resolver.registry.models["Query"]

    assert [
        ("limit", "int", True),
        ("job_key", "str", True),
        ("tenant_id", "str", False),
        ("note", "str | None", False),
        ("order", "QueryOrder", False),
        ("kind", "Kind", False),
        ("tags", "list[str]", False),
        ("vars_", "dict[str, Any]", False),
    ] == [(f.attr, f.type.annotation, f.required) for f in model.fields]
    assert model.closed


def test_nullable_wraps_the_codec() -> None:
    """A nullable property accepts null and keeps its inner codec."""
    resolver = Resolver(spec(BASE))

    resolver.named("Query")
    note = resolver.registry.models["Query"].fields[3]

    assert ("Nullable(STR)", True) == (note.type.codec, note.type.nullable)


def test_inline_enum_gets_a_derived_name() -> None:
    """An enum defined inside a property is named after model and property."""
    resolver = Resolver(spec(BASE))

    resolver.named("Query")

    assert [("ASC", "ASC"), ("DESC", "DESC")] == resolver.registry.enums[
        "QueryOrder"
    ].members


def test_one_of_becomes_a_union_of_its_variants() -> None:
    """A oneOf gives a union whose codec tries each variant."""
    resolver = Resolver(spec(BASE))

    resolver.named("Either")
    union = resolver.registry.unions["Either"]

    assert (["str", "Page"], ["KEY", 'Ref("Page")']) == (
        [v.annotation for v in union.variants],
        [v.codec for v in union.variants],
    )


def test_operation_reads_path_body_and_responses() -> None:
    """An operation gets its name, params, body model and response kind."""
    paths = {
        "/jobs/{jobKey}/x": {
            "post": {
                "operationId": "doThingXML",
                "x-eventually-consistent": True,
                "parameters": [
                    {
                        "in": "path",
                        "name": "jobKey",
                        "required": True,
                        "schema": {"$ref": REF + "JobKey"},
                    },
                    {"in": "query", "name": "dryRun", "schema": {"type": "boolean"}},
                ],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": REF + "Query"}}}
                },
                "responses": {"204": {}, "400": {}, "404": {}},
            }
        }
    }
    resolver = Resolver(spec(BASE, paths))

    [op] = read_operations(spec(BASE, paths), resolver)

    assert (
        "do_thing_xml",
        ["job_key"],
        ["dry_run"],
        "Query",
        False,
        "none",
        (204,),
        (400, 404),
        "tenantId",
        True,
    ) == (
        op.name,
        [p.arg for p in op.path_params],
        [p.arg for p in op.query_params],
        op.body_model,
        op.body_required,
        op.response_kind,
        op.success_statuses,
        op.errors,
        op.tenant_field,
        op.eventually_consistent,
    )


@pytest.mark.skipif(not DEFAULT_SPEC.is_file(), reason="spec not present")
def test_generation_is_deterministic() -> None:
    """Two runs over the same spec give identical sources."""
    loaded = json.loads(Path(DEFAULT_SPEC).read_text(encoding="utf-8"))

    first = generate(loaded)
    second = generate(json.loads(json.dumps(loaded)))

    assert first == second


@pytest.mark.skipif(not DEFAULT_SPEC.is_file(), reason="spec not present")
def test_generated_code_carries_no_spec_prose() -> None:
    """No description or summary text of the spec reaches the generated code."""
    loaded = json.loads(Path(DEFAULT_SPEC).read_text(encoding="utf-8"))
    texts: set[str] = set()
    for item in loaded["paths"].values():
        for op in item.values():
            if isinstance(op, dict):
                texts |= {op.get("summary", ""), op.get("description", "")}
    for schema in loaded["components"]["schemas"].values():
        texts.add(schema.get("description", ""))
    phrases = {t.strip().split("\n")[0] for t in texts if len(t.strip()) > 40}

    sources = "\n".join(generate(loaded).values())

    assert [] == [p for p in sorted(phrases) if p in sources]


@pytest.mark.slow
@pytest.mark.skipif(not DEFAULT_SPEC.is_file(), reason="spec not present")
def test_check_mode_reports_stale_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check passes on fresh output and names each file that differs."""
    from codegen._main import main

    out = tmp_path / "camunda_client"
    assert 0 == main(["--out", str(out)])
    assert 0 == main(["--check", "--out", str(out)])
    capsys.readouterr()
    (out / "models" / "_job.py").write_text("# edited\n", encoding="utf-8")
    (out / "models" / "_stale.py").write_text("", encoding="utf-8")

    code = main(["--check", "--out", str(out)])

    lines = capsys.readouterr().out.splitlines()
    assert 1 == code
    assert "generated code is out of date:" == lines[0]
    assert "  models/_job.py:" in "\n".join(lines)
    assert "  models/_stale.py: no longer generated" in lines

"""Command line: regenerate the client, or check that it is up to date."""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from codegen._naming import snake_case
from codegen._ops import OpDef, read_operations
from codegen._render_models import (
    render_index,
    render_module,
    render_package,
    union_names,
)
from codegen._render_ops import render_mixin, render_operations
from codegen._schema import Registry, Resolver

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "packages" / "camunda-client" / "src" / "camunda_client"
DEFAULT_SPEC = ROOT.parent / "shared" / "spec" / "rest-api.bundle.json"
COMMON = "_common"
# The same import grouping wherever the output is written (a temp dir too).
_ISORT = ["--config", "lint.isort.known-first-party = ['camunda_client']"]


def generate(spec: Mapping[str, object]) -> dict[str, str]:
    """Return every generated file as {path relative to the package: source}."""
    resolver = Resolver(spec)
    ops = read_operations(spec, resolver)
    for _ in resolver.all_named():
        pass
    registry = resolver.registry
    mark_strict(registry, [op.body_model for op in ops if op.body_model])
    module_of = group_modules(registry, ops)
    files: dict[str, str] = {}
    by_module: dict[str, list[str]] = {}
    for name, module in module_of.items():
        by_module.setdefault(module, []).append(name)
    for module, names in sorted(by_module.items()):
        files[f"models/{module}.py"] = render_module(registry, names, module_of)
    files["models/_index.py"] = render_index(module_of)
    files["models/__init__.py"] = render_package(module_of)
    files["_generated/_operations.py"] = render_operations(ops)
    files["_generated/_sync_ops.py"] = render_mixin(ops, module_of, is_async=False)
    files["_generated/_async_ops.py"] = render_mixin(ops, module_of, is_async=True)
    return files


def references(registry: Registry, name: str) -> set[str]:
    """Return the named types `name` refers to directly."""
    if name in registry.models:
        out: set[str] = set()
        for f in registry.models[name].fields:
            out |= f.type.names
        return out
    if name in registry.unions:
        union = registry.unions[name]
        return union_names(union) | set(union.mapping.values())
    return set()


def reachable(registry: Registry, roots: Iterable[str]) -> set[str]:
    """Return every named type reachable from `roots`, roots included."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(references(registry, name))
    return seen


def mark_strict(registry: Registry, bodies: Iterable[str]) -> None:
    """Make every model reachable from a request body validate in from_dict."""
    for name in reachable(registry, bodies):
        if name in registry.models:
            registry.models[name].strict = True


def group_modules(registry: Registry, ops: Sequence[OpDef]) -> dict[str, str]:
    """Assign each named type to a submodule.

    A type used by one tag goes to that tag's module, or to its ``_query``
    module when only searches and statistics use it (so the commands a worker
    sends load few classes); a type shared by tags goes to the common module.
    """
    uses: dict[str, set[tuple[str, bool]]] = {}
    for op in ops:
        tag = f"_{snake_case(op.tag)}"
        query = op.page_item is not None or "statistic" in op.name
        for name in reachable(registry, _roots(op)):
            uses.setdefault(name, set()).add((tag, query))
    module_of: dict[str, str] = {}
    for name in registry.names():
        used = uses.get(name, set())
        tags = {tag for tag, _ in used}
        if len(tags) == 1:
            tag = next(iter(tags))
            only_queries = all(query for _, query in used)
            module_of[name] = f"{tag}_query" if only_queries else tag
        elif name in registry.enums:
            # Enums are cheap to load; keeping them apart from the shared
            # models means decoding a job does not load ~100 attrs classes.
            module_of[name] = f"{COMMON}_enums"
        else:
            module_of[name] = COMMON
    return module_of


def _roots(op: OpDef) -> set[str]:
    roots: set[str] = set()
    if op.body_model:
        roots.add(op.body_model)
    if op.response_type is not None:
        roots |= op.response_type.names
    for p in [*op.path_params, *op.query_params]:
        roots |= p.type.names
    return roots


def ruff_format(directory: Path) -> None:
    """Format and lint-fix the generated files in place with ruff."""
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run(
        [
            *ruff,
            "check",
            "--fix-only",
            "--quiet",
            "--select",
            "I,F401",
            *_ISORT,
            str(directory),
        ],
        check=True,
        cwd=ROOT,
    )
    subprocess.run([*ruff, "format", "--quiet", str(directory)], check=True, cwd=ROOT)


def write(files: Mapping[str, str], target: Path) -> list[Path]:
    """Write `files` below `target` and format them; return the paths."""
    written: list[Path] = []
    for rel, source in sorted(files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        written.append(path)
    return written


def stale_generated(target: Path, files: Mapping[str, str]) -> list[str]:
    """Return generated-looking model files in `target` no longer produced."""
    models = target / "models"
    keep = {"_base.py", *(Path(p).name for p in files if p.startswith("models/"))}
    if not models.is_dir():
        return []
    return sorted(f"models/{p.name}" for p in models.glob("*.py") if p.name not in keep)


def diff_trees(expected: Path, actual: Path, rels: Iterable[str]) -> list[str]:
    """Return a short summary line per file that differs."""
    out: list[str] = []
    for rel in sorted(rels):
        want = (expected / rel).read_text(encoding="utf-8").splitlines()
        have_path = actual / rel
        have = (
            have_path.read_text(encoding="utf-8").splitlines()
            if have_path.exists()
            else []
        )
        if want != have:
            changed = sum(
                1
                for line in difflib.unified_diff(have, want, lineterm="", n=0)
                if line[:1] in "+-" and line[:3] not in ("+++", "---")
            )
            out.append(f"{rel}: {changed} line(s) differ")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the client (default) or check it (``--check``)."""
    parser = argparse.ArgumentParser(prog="codegen", description=__doc__)
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--out", type=Path, default=PACKAGE)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    spec = json.loads(args.spec.read_text(encoding="utf-8"))
    files = generate(spec)
    if not args.check:
        write(files, args.out)
        ruff_format(args.out / "models")
        ruff_format(args.out / "_generated")
        for rel in stale_generated(args.out, files):
            (args.out / rel).unlink()
        print(f"generated {len(files)} files in {args.out}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "camunda_client"
        write(files, fresh)
        ruff_format(fresh)
        problems = diff_trees(fresh, args.out, files)
        problems += [
            f"{rel}: no longer generated" for rel in stale_generated(args.out, files)
        ]
    if problems:
        print("generated code is out of date:", *problems, sep="\n  ")
        return 1
    print("generated code is up to date")
    return 0

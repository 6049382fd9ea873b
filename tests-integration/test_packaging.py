"""Every package builds, and the small ones install alone with only their deps."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.slow

OURS = {
    "camunda-log": "camunda_log",
    "camunda-config": "camunda_config",
    "camunda-auth": "camunda_auth",
    "camunda-orchestration-client": "camunda_orchestration_client",
    "camunda-worker": "camunda_worker",
    "camunda-testkit": "camunda_testkit",
    "camunda-orchestration-sdk": "camunda_orchestration_sdk",
}

# Package under test, extras, third-party (or our) roots it may declare, and a
# smoke check printing one line.
CASES = [
    pytest.param(
        "camunda-log",
        (),
        set[str](),
        "import camunda_log\nprint(type(camunda_log.create_logger().logger).__name__)",
        "NullLogger",
        id="camunda-log",
    ),
    pytest.param(
        "camunda-log",
        ("loguru",),
        {"loguru"},
        "import camunda_log\nprint(type(camunda_log.create_logger().logger).__name__)",
        "Logger",
        id="camunda-log[loguru]",
    ),
    pytest.param(
        "camunda-config",
        (),
        {"pydantic", "python-dotenv"},
        "import camunda_config\n"
        "r = camunda_config.ConfigurationResolver({}).resolve()\n"
        "print(r.effective.CAMUNDA_REST_ADDRESS)",
        "http://localhost:8080/v2",
        id="camunda-config",
    ),
    pytest.param(
        "camunda-auth",
        (),
        {"httpx", "camunda-log", "filelock"},
        "import camunda_auth\nprint(camunda_auth.NullAuthProvider.__name__)",
        "NullAuthProvider",
        id="camunda-auth",
    ),
]


def _uv() -> str:
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is not on PATH; the packaging test needs it")
    return uv


def _run(args: list[str], cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update(UV_LINK_MODE="copy", UV_PYTHON_DOWNLOADS="never", NO_COLOR="1")
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{args[:3]} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


@pytest.fixture(scope="module")
def dist_dir(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build an sdist and a wheel of every workspace package into a temp dir."""
    out = tmp_path_factory.mktemp("dist")
    _run([_uv(), "build", "--all-packages", "--quiet", "-o", str(out)], cwd=repo_root)
    return out


def test_every_package_builds(dist_dir: Path) -> None:
    """All six packages and the meta-package give one wheel and one sdist each."""
    wheels = sorted(p.name.split("-")[0] for p in dist_dir.glob("*.whl"))
    sdists = sorted(p.name.rsplit("-", 1)[0] for p in dist_dir.glob("*.tar.gz"))

    assert wheels == sorted(OURS.values())
    assert sdists == sorted(OURS.values())


def _requirements(name: str, extras: Iterable[str] = ()) -> list[Requirement]:
    """The requirements `name` declares here, with markers and extras applied."""
    wanted = list(extras) or [""]
    found: list[Requirement] = []
    for text in importlib.metadata.requires(name) or []:
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": e}) for e in wanted):
            found.append(requirement)
    return found


def _closure(roots: Iterable[Requirement]) -> set[str]:
    """Every distribution the roots pull in, read from installed metadata."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        requirement = stack.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        stack.extend(_requirements(name, requirement.extras))
    return seen


def _wheel(dist_dir: Path, distribution: str) -> Path:
    return next(dist_dir.glob(f"{OURS[distribution]}-*.whl"))


def _installed(python: Path) -> set[str]:
    script = (
        "import importlib.metadata as m, json\n"
        "print(json.dumps([d.metadata['Name'] for d in m.distributions()]))"
    )
    names = json.loads(_run([str(python), "-c", script]))
    return {canonicalize_name(n) for n in names}


@pytest.mark.parametrize(
    ("distribution", "extras", "allowed", "smoke", "expected"), CASES
)
def test_installs_alone(
    dist_dir: Path,
    tmp_path: Path,
    distribution: str,
    extras: tuple[str, ...],
    allowed: set[str],
    smoke: str,
    expected: str,
) -> None:
    """The wheel installs in a fresh venv with exactly its allowed dependencies."""
    declared = _requirements(distribution, extras)
    closure = _closure(declared)
    # Pin third-party versions to the workspace's, so uv's cache serves them.
    (tmp_path / "constraints.txt").write_text(
        "".join(
            f"{n}=={importlib.metadata.version(n)}\n"
            for n in sorted(closure)
            if n not in OURS
        ),
        encoding="utf-8",
    )
    # Our own dependencies come from the wheels just built, never from PyPI.
    (tmp_path / "overrides.txt").write_text(
        "".join(
            f"{n} @ {_wheel(dist_dir, n).as_uri()}\n" for n in OURS if n in closure
        ),
        encoding="utf-8",
    )
    venv = tmp_path / "venv"
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    extra = f"[{','.join(extras)}]" if extras else ""
    target = f"{distribution}{extra} @ {_wheel(dist_dir, distribution).as_uri()}"

    _run([_uv(), "venv", "--quiet", "--python", sys.executable, str(venv)])
    _run(
        [
            _uv(),
            "pip",
            "install",
            "--quiet",
            "--python",
            str(python),
            "--find-links",
            str(dist_dir),
            "--constraint",
            str(tmp_path / "constraints.txt"),
            "--override",
            str(tmp_path / "overrides.txt"),
            target,
        ]
    )
    installed = _installed(python)
    output = _run([str(python), "-c", smoke]).strip()

    assert {canonicalize_name(r.name) for r in declared} <= allowed
    assert installed == {canonicalize_name(distribution)} | closure
    assert output == expected

"""Import cost of ``camunda_orchestration_sdk``: ours versus the reference SDK.

Creates two virtual environments under ``bench/.venvs`` (git-ignored): one with
the reference ``camunda-orchestration-sdk==10.0.1`` from PyPI, one with this
workspace's packages built and installed as wheels. Both get compiled bytecode,
so the runs measure imports, not compilation. Each run is a fresh process
started through a small wrapper that reports the child's peak RSS
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``). The medians go into the
"Import time" section of ``bench/README.md``.

Usage: ``uv run python bench/import_time.py [--runs 9]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "bench" / ".venvs"
README = ROOT / "bench" / "README.md"
REFERENCE = "camunda-orchestration-sdk==10.0.1"
OURS = [
    "packages/camunda-log",
    "packages/camunda-config",
    "packages/camunda-auth",
    "packages/camunda-client",
    "packages/camunda-worker",
    ".",
]
IMPORT = "import camunda_orchestration_sdk"
# What a worker script really loads: both clients, worker config, two models.
TYPICAL = (
    "from camunda_orchestration_sdk import CamundaAsyncClient, CamundaClient, "
    "WorkerConfig, JobActivationRequest, JobCompletionRequest"
)
# Runs the import in a child and prints wall seconds and the child's peak RSS.
WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.argv[1], "-c", sys.argv[2]], check=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


# uv is how this workspace is driven; resolve it once to an absolute path.
UV = shutil.which("uv") or "uv"


def _python(venv: Path) -> Path:
    return venv / "bin" / "python"


def _make_venv(venv: Path, packages: list[str]) -> Path:
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run(
        [UV, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True
    )
    subprocess.run(
        [
            UV,
            "pip",
            "install",
            "--quiet",
            "--compile-bytecode",
            "--python",
            str(_python(venv)),
            *packages,
        ],
        check=True,
        cwd=ROOT,
    )
    return _python(venv)


def _measure(python: Path, runs: int, statement: str) -> tuple[float, float, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("PYTHONPATH", None)
    walls: list[float] = []
    cpus: list[float] = []
    rss_kb: list[int] = []
    for attempt in range(runs + 1):
        out = subprocess.run(
            [sys.executable, "-c", WRAPPER, str(python), statement],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
        if attempt == 0:
            continue  # warm-up: fills the OS file cache, not counted
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
        rss_kb.append(int(out[2]))
    return (
        statistics.median(walls) * 1000,
        statistics.median(cpus) * 1000,
        statistics.median(rss_kb) / 1024,
    )


Figures = tuple[float, float, float]


def _rows(label: str, ref: Figures, ours: Figures) -> list[str]:
    metrics = [
        ("median wall time", "ms", 0, ".0f"),
        ("median CPU time (user + sys)", "ms", 1, ".0f"),
        ("median peak RSS", "MiB", 2, ".1f"),
    ]
    rows: list[str] = []
    for name, unit, i, fmt in metrics:
        figures = f"{ref[i]:{fmt}} {unit} | {ours[i]:{fmt}} {unit}"
        rows.append(f"| {label}: {name} | {figures} | {ours[i] / ref[i]:.2f} |")
    return rows


def _table(results: dict[str, tuple[Figures, Figures]], runs: int, version: str) -> str:
    rows = [
        "| | reference 10.0.1 | ours | ours / reference |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, (ref, ours) in results.items():
        rows += _rows(label, ref, ours)
    load = os.getloadavg()[0]
    note = (
        f'`import`: `python -c "{IMPORT}"`; `typical`: `python -c '
        f'"{TYPICAL}"`. {runs} fresh processes each after one '
        f"warm-up, Python {version}, bytecode precompiled in both venvs; "
        "times include interpreter start-up; 1-minute load average at the "
        f"end: {load:.1f} on {os.cpu_count()} CPUs (wall time suffers most "
        "from load, CPU time least). Goal: time <= 0.20, RSS <= 0.50. "
        "Regenerate with `uv run python bench/import_time.py`."
    )
    return "\n".join(rows) + "\n\n" + note + "\n"


def _write_section(body: str) -> None:
    section = "## Import time\n\n" + body
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    pattern = re.compile(r"## Import time\n.*?(?=\n## |\Z)", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Import cost: ours versus the reference SDK."
    )
    parser.add_argument("--runs", type=int, default=9, help="measured runs (>= 7)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep existing venvs instead of rebuilding"
    )
    args = parser.parse_args()
    runs = max(7, args.runs)

    ref_venv, our_venv = VENVS / "reference", VENVS / "ours"
    if args.reuse and _python(ref_venv).exists() and _python(our_venv).exists():
        ref_python, our_python = _python(ref_venv), _python(our_venv)
    else:
        ref_python = _make_venv(ref_venv, [REFERENCE])
        our_python = _make_venv(our_venv, OURS)

    results = {
        label: (_measure(ref_python, runs, stmt), _measure(our_python, runs, stmt))
        for label, stmt in (("import", IMPORT), ("typical", TYPICAL))
    }
    version = ".".join(map(str, sys.version_info[:3]))
    table = _table(results, runs, version)
    print(table)
    _write_section(table)


if __name__ == "__main__":
    main()

"""Job worker throughput: ours against the reference SDK on the same dev engine.

The dev engine runs in its own process. For each SDK, 2,000 instances of a
one-service-task process wait for a worker; a fresh worker process (ours in
the workspace's environment, the reference ``camunda-orchestration-sdk==10.0.1``
in a venv of its own under ``bench/.venvs``) drains them with
``max_concurrent_jobs=32``, the async strategy, handlers that return at once
and a silent logger on both sides. The clock starts when the first handler
runs (imports and client set-up excluded) and stops when the engine reports
every instance completed; CPU is the worker process's own user + system time
over that window. Results go into the "Worker throughput" section of
``bench/README.md``.

Usage: ``uv run python bench/worker_throughput.py [--jobs 2000]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
from engine_load import start_engine

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
REFERENCE_VENV = ROOT / "bench" / ".venvs" / "worker-reference"
REFERENCE = "camunda-orchestration-sdk==10.0.1"
UV = shutil.which("uv") or "uv"

# The part both drivers share: timing, and asking the engine when all is done.
DRIVER_COMMON = """
import asyncio, json, sys, time
import httpx

ADDRESS, JOB_TYPE, PROCESS_ID = sys.argv[1:4]
TOTAL = int(sys.argv[4])
window = {"wall": None, "cpu": None}

def mark_first():
    if window["wall"] is None:
        window["wall"] = time.perf_counter()
        window["cpu"] = time.process_time()

async def all_completed(http):
    query = {"filter": {"processDefinitionId": PROCESS_ID, "state": "COMPLETED"},
             "page": {"limit": 1}}
    response = await http.post(ADDRESS + "/process-instances/search", json=query)
    return response.json()["page"]["totalItems"] >= TOTAL

async def wait_until_done():
    async with httpx.AsyncClient(timeout=30) as http:
        while window["wall"] is None or not await all_completed(http):
            await asyncio.sleep(0.02)
    return time.perf_counter() - window["wall"], time.process_time() - window["cpu"]

def report(wall, cpu):
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "jobs": TOTAL}))
"""

OUR_DRIVER = (
    DRIVER_COMMON
    + """
from camunda_log import NullLogger
from camunda_worker import CamundaAsyncClient, WorkerConfig

async def handler(job):
    mark_first()
    return None

async def main():
    config = {"CAMUNDA_REST_ADDRESS": ADDRESS, "CAMUNDA_AUTH_STRATEGY": "NONE"}
    async with CamundaAsyncClient(config, logger=NullLogger()) as client:
        settings = WorkerConfig(JOB_TYPE, job_timeout_milliseconds=60000,
                                max_concurrent_jobs=32, execution_strategy="async")
        client.create_job_worker(settings, handler)
        wall, cpu = await wait_until_done()
    report(wall, cpu)

asyncio.run(main())
"""
)

REFERENCE_DRIVER = (
    DRIVER_COMMON
    + """
from camunda_orchestration_sdk import CamundaAsyncClient, NullLogger, WorkerConfig

async def handler(job):
    mark_first()
    return None

async def main():
    config = {"CAMUNDA_REST_ADDRESS": ADDRESS, "CAMUNDA_AUTH_STRATEGY": "NONE"}
    async with CamundaAsyncClient(configuration=config, logger=NullLogger()) as client:
        settings = WorkerConfig(job_type=JOB_TYPE, job_timeout_milliseconds=60000,
                                max_concurrent_jobs=32)
        client.create_job_worker(settings, handler, execution_strategy="async")
        wall, cpu = await wait_until_done()
    report(wall, cpu)

asyncio.run(main())
"""
)


def bpmn(process_id: str, job_type: str) -> bytes:
    """A process with one service task of `job_type`."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d"
  targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="{process_id}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:serviceTask id="task"><bpmn:extensionElements>
      <zeebe:taskDefinition type="{job_type}"/></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>""".encode()


def reference_python() -> Path:
    """Create (once) the reference SDK's venv and return its interpreter."""
    python = REFERENCE_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(
            [UV, "venv", "--quiet", "--python", sys.executable, str(REFERENCE_VENV)],
            check=True,
        )
        subprocess.run(
            [
                UV,
                "pip",
                "install",
                "--quiet",
                "--compile-bytecode",
                "--python",
                str(python),
                REFERENCE,
            ],
            check=True,
        )
    return python


def prepare(address: str, process_id: str, job_type: str, jobs: int) -> None:
    """Deploy the process and create `jobs` instances (not measured)."""
    with httpx.Client(base_url=address, timeout=30) as http:
        files = [("resources", (f"{process_id}.bpmn", bpmn(process_id, job_type)))]
        http.post("/deployments", files=files).raise_for_status()
        for _ in range(jobs):
            http.post(
                "/process-instances", json={"processDefinitionId": process_id}
            ).raise_for_status()


def drain(python: Path, driver: str, address: str, jobs: int) -> dict[str, float]:
    """Prepare a fresh job type and let one worker process drain it."""
    suffix = uuid.uuid4().hex[:8]
    process_id, job_type = f"bench_{suffix}", f"bench-{suffix}"
    prepare(address, process_id, job_type, jobs)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env = {k: v for k, v in env.items() if not k.startswith(("CAMUNDA_", "ZEEBE_"))}
    out = subprocess.run(
        [str(python), "-c", driver, address, job_type, process_id, str(jobs)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(ours: dict[str, float], ref: dict[str, float], jobs: int) -> str:
    """Render the README section."""
    ours_rate, ref_rate = jobs / ours["seconds"], jobs / ref["seconds"]
    ours_cpu = 1000 * ours["cpu_seconds"] / jobs
    ref_cpu = 1000 * ref["cpu_seconds"] / jobs
    load = os.getloadavg()[0]
    rows = [
        (
            "jobs/s",
            f"{ref_rate:.1f}",
            f"{ours_rate:.1f}",
            f"{ours_rate / ref_rate:.1f}x",
        ),
        (
            "CPU s per 1,000 jobs",
            f"{ref_cpu:.2f}",
            f"{ours_cpu:.2f}",
            f"{ours_cpu / ref_cpu:.2f}",
        ),
        (
            f"drain time, {jobs} jobs",
            f"{ref['seconds']:.1f} s",
            f"{ours['seconds']:.1f} s",
            "",
        ),
    ]
    lines = [
        "| | reference 10.0.1 | ours | ours / reference |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        (
            f"{jobs} instances of a one-service-task process, "
            "`max_concurrent_jobs=32`, async strategy, handlers returning at once, "
            "silent logger on both sides; the dev engine in its own process on the "
            "same 2-core machine; time from the first handler call until the engine "
            "reports every instance completed; CPU of the worker process over that "
            f"window. 1-minute load average at the end: {load:.1f}. Goal: >= 10x "
            "jobs/s, <= 0.5x CPU per job. Regenerate with "
            "`uv run python bench/worker_throughput.py`."
        ),
    ]
    return "\n".join(lines)


def write_section(body: str) -> None:
    """Replace (or append) the "Worker throughput" section of bench/README.md."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    section = f"## Worker throughput\n\n{body}\n"
    pattern = re.compile(r"## Worker throughput\n.*?(?=\n## |\Z)", re.S)
    text = (
        pattern.sub(section.rstrip("\n"), text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section
    )
    README.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    """Run both drains against one engine and write the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    ref_python = reference_python()
    engine, address = start_engine()
    try:
        ours = drain(Path(sys.executable), OUR_DRIVER, address, args.jobs)
        print("ours:", ours)
        ref = drain(ref_python, REFERENCE_DRIVER, address, args.jobs)
        print("reference:", ref)
    finally:
        engine.terminate()
        engine.wait(10)
    body = table(ours, ref, args.jobs)
    print(body)
    if not args.no_write:
        write_section(body)


if __name__ == "__main__":
    main()

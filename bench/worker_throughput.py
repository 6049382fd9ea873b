"""Job worker throughput: ours against the reference SDK on the same dev engine.

The dev engine runs in its own process. For each SDK, 2,000 instances of a
one-service-task process wait for a worker; a fresh worker process (ours in
the workspace's environment, the reference ``camunda-orchestration-sdk==10.0.1``
in a venv of its own under ``bench/.venvs``) drains them with
``max_concurrent_jobs=32``, the async strategy, handlers that return at once
and a silent logger on both sides. The clock starts when the first handler
runs (imports and client set-up excluded) and stops when the engine reports
every instance completed (this script watches the engine from its own
process, so the watching costs the worker nothing); CPU is the worker
process's own user + system time over that window. Results go into the
"Worker throughput" section of ``bench/README.md``.

Usage: ``uv run python bench/worker_throughput.py [--jobs 2000]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from engine_load import start_engine

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
REFERENCE_VENV = ROOT / "bench" / ".venvs" / "worker-reference"
REFERENCE = "camunda-orchestration-sdk==10.0.1"
UV = shutil.which("uv") or "uv"

# The part both drivers share: mark the first handler call; report CPU when
# the benchmark (which watches the engine from its own process, so that its
# polling costs the worker nothing) signals that every instance completed.
DRIVER_COMMON = """
import asyncio, json, os, signal, sys, time

ADDRESS, JOB_TYPE = sys.argv[1:3]
window = {"epoch": None, "cpu": None}

def mark_first():
    if window["epoch"] is None:
        window["epoch"] = time.time()
        window["cpu"] = time.process_time()

def report(signum, frame):
    cpu = time.process_time() - window["cpu"]
    print(json.dumps({"first_epoch": window["epoch"], "cpu_seconds": cpu}), flush=True)
    os._exit(0)

signal.signal(signal.SIGUSR1, report)

async def wait_forever():
    await asyncio.Event().wait()
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
        await wait_forever()

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
        await wait_forever()

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


def all_completed(http: httpx.Client, process_id: str, jobs: int) -> bool:
    """Ask the engine whether every instance of `process_id` completed."""
    query = {
        "filter": {"processDefinitionId": process_id, "state": "COMPLETED"},
        "page": {"limit": 1},
    }
    response = http.post("/process-instances/search", json=query)
    return response.json()["page"]["totalItems"] >= jobs


def drain(python: Path, driver: str, address: str, jobs: int) -> dict[str, float]:
    """Prepare a fresh job type and let one worker process drain it."""
    suffix = uuid.uuid4().hex[:8]
    process_id, job_type = f"bench_{suffix}", f"bench-{suffix}"
    prepare(address, process_id, job_type, jobs)
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("CAMUNDA_", "ZEEBE_"))
    }
    worker = subprocess.Popen(
        [str(python), "-c", driver, address, job_type],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        with httpx.Client(base_url=address, timeout=30) as http:
            deadline = time.monotonic() + 1800
            while not all_completed(http, process_id, jobs):
                if worker.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        f"the worker process ended early: {worker.returncode}"
                    )
                time.sleep(0.1)
        finished = time.time()
        worker.send_signal(signal.SIGUSR1)
        out, _ = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
    figures = json.loads(out.strip().splitlines()[-1])
    return {
        "seconds": finished - figures["first_epoch"],
        "cpu_seconds": figures["cpu_seconds"],
    }


def drain_on_fresh_engine(python: Path, driver: str, jobs: int) -> dict[str, float]:
    """Drain on an engine process of its own, so both SDKs meet the same engine."""
    engine, address = start_engine()
    try:
        return drain(python, driver, address, jobs)
    finally:
        engine.terminate()
        engine.wait(10)


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
            "silent logger on both sides; a fresh dev engine in its own process for "
            "each SDK, on the same 2-core machine; time from the first handler call "
            "until the engine reports every instance completed (polled every 0.1 s "
            "from the benchmark's process); CPU of the worker process over that "
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
    ours = drain_on_fresh_engine(Path(sys.executable), OUR_DRIVER, args.jobs)
    print("ours:", ours)
    ref = drain_on_fresh_engine(ref_python, REFERENCE_DRIVER, args.jobs)
    print("reference:", ref)
    body = table(ours, ref, args.jobs)
    print(body)
    if not args.no_write:
        write_section(body)


if __name__ == "__main__":
    main()

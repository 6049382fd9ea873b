"""Load the dev engine with job activation + completion from several processes.

The engine runs in its own process (``camunda-testkit serve``), as the SDK's
benchmarks run it; N client processes each loop over ``POST /jobs/activation``
and ``POST /jobs/{key}/completion`` with plain httpx until the pre-created
jobs are all done. Reports requests per second (activations + completions)
and jobs per second, plus requests per CPU-second the engine process used
(its capacity on one free core, which the shared box's load does not blur).
Goal: >= 1,000 activation+completion requests/s.

    uv run python bench/engine_load.py --jobs 4000 --clients 4
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

PROCESS_ID = "engine-load"
JOB_TYPE = "engine-load-task"
BPMN = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d"
  targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="{PROCESS_ID}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="{JOB_TYPE}"/>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
""".encode()


def start_engine() -> tuple[subprocess.Popen[str], str]:
    command = [
        sys.executable,
        "-m",
        "camunda_testkit._cli",
        "serve",
        "--port",
        "0",
        "--no-request-log",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"serving (\S+/v2)", line)
    if match is None:
        process.kill()
        raise SystemExit(f"engine did not start: {line!r}")
    return process, match.group(1)


def prepare(address: str, jobs: int) -> None:
    with httpx.Client(base_url=address, timeout=30) as client:
        deployed = client.post("/deployments", files=[("resources", ("l.bpmn", BPMN))])
        deployed.raise_for_status()

        def create(_: int) -> None:
            body = {"processDefinitionId": PROCESS_ID}
            client.post("/process-instances", json=body).raise_for_status()

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(create, range(jobs)))


def work(
    address: str, batch: int, start: float, results: multiprocessing.Queue
) -> None:
    requests = jobs = 0
    body = {
        "type": JOB_TYPE,
        "worker": f"load-{os.getpid()}",
        "timeout": 60_000,
        "maxJobsToActivate": batch,
        "requestTimeout": -1,
    }
    with httpx.Client(base_url=address, timeout=30) as client:
        while time.time() < start:
            time.sleep(0.001)
        while True:
            activated = client.post("/jobs/activation", json=body).json()["jobs"]
            requests += 1
            if not activated:
                break
            for job in activated:
                done = client.post(f"/jobs/{job['jobKey']}/completion", json={})
                assert done.status_code == 204, done.text
                requests += 1
                jobs += 1
    results.put((requests, jobs, time.time()))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as stat:  # noqa: PTH123
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def run(jobs: int, clients: int, batch: int) -> dict[str, float]:
    engine, address = start_engine()
    try:
        prepare(address, jobs)
        cpu_before = cpu_seconds(engine.pid)
        results: multiprocessing.Queue = multiprocessing.Queue()
        start = time.time() + 0.5
        workers = [
            multiprocessing.Process(target=work, args=(address, batch, start, results))
            for _ in range(clients)
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=600) for _ in workers]
        for worker in workers:
            worker.join()
        engine_cpu = cpu_seconds(engine.pid) - cpu_before
    finally:
        engine.terminate()
        engine.wait(10)
    elapsed = max(end for _, _, end in outcomes) - start
    total_requests = sum(r for r, _, _ in outcomes)
    total_jobs = sum(j for _, j, _ in outcomes)
    return {
        "requests_per_s": total_requests / elapsed,
        "jobs_per_s": total_jobs / elapsed,
        "jobs": total_jobs,
        "seconds": elapsed,
        "requests_per_engine_cpu_s": total_requests / engine_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Load the dev engine with jobs.")
    parser.add_argument("--jobs", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batch", type=int, default=1, help="maxJobsToActivate")
    args = parser.parse_args()
    result = run(args.jobs, args.clients, args.batch)
    load = os.getloadavg()[0]
    print(
        f"| {args.clients} | {args.batch} | {result['jobs']:.0f} "
        f"| {result['requests_per_s']:.0f} | {result['jobs_per_s']:.0f} "
        f"| {result['requests_per_engine_cpu_s']:.0f} | {load:.1f} |"
    )


if __name__ == "__main__":
    main()

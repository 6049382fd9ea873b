"""Quick start: run 100 orders through a real BPMN process with job workers.

With no cluster configured, this starts the SDK's embedded dev engine on
127.0.0.1. With ``CAMUNDA_REST_ADDRESS`` (and credentials) set, it runs
against that Camunda 8 cluster instead.

It deploys ``order-process.bpmn`` (validation, an exclusive gateway on the
order total, a payment with an error boundary event, a parallel fork and
join, a message catch for the shipment confirmation), starts 100 instances
with varied orders, runs one worker per job type, publishes the shipment
messages from the shipping worker, and prints what happened. The exit code
is 0 only if every instance reached an end event.

    uv run python examples/quickstart.py
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from camunda_orchestration_sdk import (
    AuthError,
    CamundaAsyncClient,
    CamundaConnectionError,
    ConfigurationError,
    JobContext,
    JobError,
    JobWorker,
    WorkerConfig,
)

HERE = Path(__file__).resolve().parent
BPMN = HERE / "order-process.bpmn"
INSTANCES = 100
DEADLINE_S = 120.0
CARDS = ("visa", "mastercard", "amex", "declined")


class Run:
    """What the workers saw, shared by the handlers of one run."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.paths: dict[str, str] = {}
        self.jobs: Counter[str] = Counter()

    # ---------------------------------------------------------------- handlers

    async def validate_order(self, job: JobContext) -> dict[str, Any]:
        """Price the items the input mapping handed us."""
        self.jobs[job.type_] += 1
        total = sum(item["quantity"] * item["price"] for item in job.variables["items"])
        return {"total": round(total, 2), "valid": True}

    async def review_order(self, job: JobContext) -> dict[str, Any]:
        """Large orders get a (pretend) review by the team in the task header."""
        self.jobs[job.type_] += 1
        self.paths[job.variables["orderId"]] = "reviewed"
        return {"reviewedBy": job.custom_headers.get("reviewTeam", "unknown")}

    async def charge_payment(self, job: JobContext) -> dict[str, Any]:
        """Charge the card; a declined card throws the BPMN error PAYMENT_FAILED."""
        self.jobs[job.type_] += 1
        if job.variables["card"] == "declined":
            raise JobError("PAYMENT_FAILED", "the card was declined")
        order_id = job.variables["orderId"]
        self.paths.setdefault(order_id, "standard")
        return {"paymentId": f"pay-{order_id}"}

    async def notify_customer(self, job: JobContext) -> dict[str, Any]:
        """Tell the customer their payment failed."""
        self.jobs[job.type_] += 1
        self.paths[job.variables["orderId"]] = "payment failed"
        return {"notified": True}

    async def reserve_stock(self, job: JobContext) -> dict[str, Any]:
        """Reserve the items (runs in parallel with invoicing)."""
        self.jobs[job.type_] += 1
        return {"reserved": True}

    async def prepare_invoice(self, job: JobContext) -> dict[str, Any]:
        """Write the invoice (runs in parallel with the reservation)."""
        self.jobs[job.type_] += 1
        return {"invoiceNumber": f"inv-{job.variables['orderId']}"}

    async def ship_order(self, job: JobContext) -> dict[str, Any]:
        """Hand the parcel over, and have the carrier confirm it by message."""
        self.jobs[job.type_] += 1
        order_id = job.variables["orderId"]
        await job.client.publish_message(
            data={
                "name": "shipment-confirmed",
                "correlationKey": order_id,
                "timeToLive": 60_000,
                "variables": {"trackingId": f"track-{order_id}"},
            }
        )
        return {"shipped": True}

    def workers(self) -> dict[str, Any]:
        """Job type -> handler, for every service task of the process."""
        return {
            "validate-order": self.validate_order,
            "review-order": self.review_order,
            "charge-payment": self.charge_payment,
            "notify-customer": self.notify_customer,
            "reserve-stock": self.reserve_stock,
            "prepare-invoice": self.prepare_invoice,
            "ship-order": self.ship_order,
        }


def make_order(run_id: str, number: int, rng: random.Random) -> dict[str, Any]:
    """A varied order: 1-4 items, some totals above the review threshold."""
    items = [
        {
            "sku": f"sku-{rng.randint(1, 50)}",
            "quantity": rng.randint(1, 5),
            "price": rng.choice([4.5, 19.9, 49.0, 120.0, 450.0]),
        }
        for _ in range(rng.randint(1, 4))
    ]
    order_id = f"order-{run_id}-{number:03d}"
    card = rng.choices(CARDS, weights=(4, 4, 2, 1))[0]
    return {
        "orderId": order_id,
        "card": card,
        "order": {
            "id": order_id,
            "items": items,
            "customer": f"c-{rng.randint(1, 30)}",
        },
    }


@contextlib.contextmanager
def target() -> Iterator[tuple[dict[str, str] | None, str]]:
    """Yield the client configuration and a label: a cluster, or the dev engine."""
    if os.environ.get("CAMUNDA_REST_ADDRESS") or os.environ.get("ZEEBE_REST_ADDRESS"):
        yield None, os.environ.get("CAMUNDA_REST_ADDRESS") or "the configured cluster"
        return
    from camunda_testkit import DevEngine

    with DevEngine(record_requests=False) as engine:
        yield (
            engine.client_configuration(),
            f"the embedded dev engine at {engine.rest_address}",
        )


def progress(done: int, total: int, started: float) -> None:
    """Draw a one-line progress bar (a plain line per update when not a TTY)."""
    width = 30
    filled = width * done // total
    bar = "#" * filled + "." * (width - filled)
    seconds = time.monotonic() - started
    line = f"[{bar}] {done:3d}/{total} instances finished  {seconds:5.1f}s"
    if sys.stdout.isatty():
        print("\r" + line, end="", flush=True)
    elif done in (0, total) or done % 25 == 0:
        print(line, flush=True)


async def start_instances(
    client: CamundaAsyncClient, definition_key: str, orders: list[dict[str, Any]]
) -> None:
    """Start one instance per order, ten requests at a time."""
    gate = asyncio.Semaphore(10)

    async def start(order: dict[str, Any]) -> None:
        async with gate:
            await client.create_process_instance(
                data={"processDefinitionKey": definition_key, "variables": order}
            )

    await asyncio.gather(*(start(order) for order in orders))


async def count_completed(client: CamundaAsyncClient, definition_key: str) -> int:
    """How many instances of this deployment reached an end event (COMPLETED)."""
    result = await client.search_process_instances(
        data={
            "filter": {"processDefinitionKey": definition_key, "state": "COMPLETED"},
            "page": {"limit": 1},
        }
    )
    return int(result.page.total_items)


async def run(configuration: dict[str, str] | None, where: str) -> int:
    """Deploy, start the orders, work the jobs, wait, and report."""
    run_id = uuid.uuid4().hex[:6]
    rng = random.Random(7)
    state = Run(run_id)
    print(f"Running {INSTANCES} orders against {where}")

    async with CamundaAsyncClient(configuration) as client:
        deployment = await client.deploy_resources_from_files([BPMN])
        definition_key = str(deployment.processes[0].process_definition_key)

        workers: list[JobWorker] = [
            client.create_job_worker(
                WorkerConfig(
                    job_type, job_timeout_milliseconds=30_000, max_concurrent_jobs=32
                ),
                handler,
            )
            for job_type, handler in state.workers().items()
        ]
        started = time.monotonic()
        orders = [make_order(run_id, number, rng) for number in range(INSTANCES)]
        await start_instances(client, definition_key, orders)

        completed = 0
        progress(completed, INSTANCES, started)
        while completed < INSTANCES and time.monotonic() - started < DEADLINE_S:
            await asyncio.sleep(0.2)
            completed = await count_completed(client, definition_key)
            progress(completed, INSTANCES, started)
        elapsed = time.monotonic() - started
        await asyncio.gather(*(worker.aclose() for worker in workers))

    if sys.stdout.isatty():
        print()
    report(
        state,
        completed,
        elapsed,
        sum(worker.stats.completed + worker.stats.errored for worker in workers),
    )
    return 0 if completed == INSTANCES else 1


def report(state: Run, completed: int, elapsed: float, jobs_done: int) -> None:
    """Print instances per path, jobs per type, elapsed time and jobs/s."""
    print()
    print(f"Instances that reached an end event: {completed}/{INSTANCES}")
    print("Orders by the path they ended on (a reviewed order whose payment")
    print("failed counts as payment failed):")
    for path, count in sorted(Counter(state.paths.values()).items()):
        print(f"  {path:<16}{count:>4}")
    print("Jobs handled per type:")
    for job_type, count in sorted(state.jobs.items()):
        print(f"  {job_type:<16}{count:>4}")
    print(
        f"Elapsed: {elapsed:.1f}s, {jobs_done} jobs, {jobs_done / elapsed:.0f} jobs/s"
    )
    if completed < INSTANCES:
        missing = INSTANCES - completed
        print(f"FAILED: {missing} instance(s) did not finish in {DEADLINE_S:.0f}s")


def main() -> int:
    """Run the quick start; the return value is the exit code."""
    with target() as (configuration, where):
        try:
            return asyncio.run(run(configuration, where))
        except (CamundaConnectionError, AuthError, ConfigurationError) as problem:
            print(f"\nCannot run against {where}: {problem}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main())

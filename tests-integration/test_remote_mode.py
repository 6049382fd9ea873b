"""The suite's real-cluster mode, exercised against a local stand-in cluster.

A dev engine started here plays the remote cluster; a child pytest run gets
only ``CAMUNDA_*`` variables and ``CAMUNDA_INTEGRATION_REAL=1``, so it takes
the real-cluster path: configuration from the environment, no engine of its
own, dev-engine-only tests skipped. The switch stays in the child's
environment, where an unknown-key warning from camunda-config would fail
the run (warnings are errors).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from camunda_testkit import DevEngine

pytestmark = [pytest.mark.slow, pytest.mark.devengine_only]


def test_flows_pass_in_real_cluster_mode(repo_root: Path) -> None:
    """test_flows.py passes in real-cluster mode and its traffic reaches the given cluster."""
    with DevEngine(read_lag_ms=300) as cluster:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAMUNDA_")}
        env.update(cluster.client_configuration())
        env["CAMUNDA_INTEGRATION_REAL"] = "1"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests-integration/test_flows.py",
                "tests-integration/test_oauth_end_to_end.py",
                "-q",
                "-rs",
                "-p",
                "no:cacheprovider",
            ],
            cwd=repo_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        counts = cluster.request_counts()

    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""

    assert 0 == run.returncode, run.stdout[-3000:] + run.stderr[-2000:]
    assert summary.startswith("6 passed, 2 skipped"), summary
    # Six tests deploy once each; they start 1 + 1 + 7 + 1 + 5 + 1 instances.
    assert (6, 16) == (counts["createDeployment"], counts["createProcessInstance"])

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
from defusedxml import ElementTree

pytestmark = [pytest.mark.slow, pytest.mark.devengine_only]


def test_flows_pass_in_real_cluster_mode(repo_root: Path, tmp_path: Path) -> None:
    """Flows pass and dev-engine-only tests skip in real-cluster mode, on the given cluster."""
    report = tmp_path / "report.xml"
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
                "-p",
                "no:cacheprovider",
                f"--junitxml={report}",
            ],
            cwd=repo_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        counts = cluster.request_counts()

    outcomes = _outcomes_by_file(report)

    assert 0 == run.returncode, run.stdout[-3000:] + run.stderr[-2000:]
    assert {"passed"} == outcomes["test_flows"]
    assert {"skipped: uses dev-engine-only controls"} == outcomes[
        "test_oauth_end_to_end"
    ]
    # Six tests deploy once each; they start 1 + 1 + 7 + 1 + 5 + 1 instances.
    assert (6, 16) == (counts["createDeployment"], counts["createProcessInstance"])


def _outcomes_by_file(report: Path) -> dict[str, set[str]]:
    """Outcomes in a JUnit XML report, grouped by test module."""
    root = ElementTree.parse(report).getroot()
    assert root is not None
    outcomes: dict[str, set[str]] = {}
    for case in root.iter("testcase"):
        module = str(case.get("classname", "")).rsplit(".", 1)[-1]
        skipped = case.find("skipped")
        failed = case.find("failure") is not None or case.find("error") is not None
        if skipped is not None:
            outcome = f"skipped: {skipped.get('message', '')}"
        else:
            outcome = "failed" if failed else "passed"
        outcomes.setdefault(module, set()).add(outcome)
    return outcomes

"""The pytest plugin's fixtures: engines and a configured SDK client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from camunda_testkit import DevEngine


def test_camunda_engine_fixture_is_running(camunda_engine: DevEngine) -> None:
    """camunda_engine is a started DevEngine on 127.0.0.1."""
    response = httpx.get(f"{camunda_engine.rest_address}/topology")

    assert camunda_engine.running
    assert camunda_engine.rest_address.startswith("http://127.0.0.1:")
    assert "devengine" == response.json()["clusterId"]


@pytest.mark.slow
def test_session_engine_is_shared_across_tests(tmp_path: Path) -> None:
    """Two tests of one session see the same camunda_engine_session."""
    (tmp_path / "test_shared.py").write_text(
        "PORTS = []\n"
        "def test_a(camunda_engine_session):\n"
        "    PORTS.append(camunda_engine_session.port)\n"
        "def test_b(camunda_engine_session, camunda_engine):\n"
        "    PORTS.append(camunda_engine_session.port)\n"
        "    assert PORTS[0] == PORTS[1]\n"
        "    assert camunda_engine.port != PORTS[0]\n"
    )

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )

    assert 0 == result.returncode, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_camunda_client_fixture_talks_to_engine(
    camunda_client, camunda_engine: DevEngine
) -> None:
    """camunda_client reaches the engine's topology through the SDK."""
    topology = camunda_client.get_topology()

    assert "devengine" == topology.cluster_id
    assert 1 == camunda_engine.request_counts()["getTopology"]


def test_plugin_import_is_cheap() -> None:
    """Importing the plugin loads neither the server stack nor the engine."""
    code = (
        "import sys, camunda_testkit.pytest_plugin;"
        "print(sorted(m for m in ('uvicorn', 'starlette', 'camunda_testkit._core')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert "[]" == result.stdout.strip()
